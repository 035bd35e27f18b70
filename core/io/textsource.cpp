#include "textsource.h"

namespace Litehouse {

namespace {
constexpr qint64 ChunkBytes = 256 * 1024;
}

TextSource::TextSource(QIODevice *device, TextEncoding encoding) : m_device(device), m_encoding(encoding)
{
    if (!device->isSequential())
        m_total = device->size();
}

Outcome<bool> TextSource::read(QString &buffer)
{
    if (m_atEnd)
        return false;
    QByteArray bytes = m_device->read(ChunkBytes);
    if (bytes.isEmpty() && !m_device->atEnd())
        return Error(Error::Kind::Io, QStringLiteral("cannot read the file: %1").arg(m_device->errorString()));
    if (!m_decoder) {
        // The first bytes pick the decoder: a byte-order mark wins over Auto,
        // and QStringDecoder drops it from the text.
        if (m_encoding == TextEncoding::Auto) {
            if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
                m_encoding = TextEncoding::Utf16;
            else
                m_encoding = TextEncoding::Utf8;
        }
        switch (m_encoding) {
        case TextEncoding::Auto:
        case TextEncoding::Utf8: m_decoder.emplace(QStringConverter::Utf8); break;
        case TextEncoding::Utf16:
            // Without a mark, QStringDecoder would assume the host's order.
            if (bytes.startsWith("\xFE\xFF"))
                m_decoder.emplace(QStringConverter::Utf16BE);
            else
                m_decoder.emplace(QStringConverter::Utf16LE);
            if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
                bytes.remove(0, 2);
            break;
        case TextEncoding::Latin1: m_decoder.emplace(QStringConverter::Latin1); break;
        }
    }
    const bool last = bytes.isEmpty() || m_device->atEnd();
    m_bytes += bytes.size();
    QString text = m_decoder->decode(bytes);
    if (last) {
        // A sequence cut off at the end of the file is an error too.
        text += m_decoder->decode(QByteArrayView());
        m_atEnd = true;
    }
    if (m_decoder->hasError()) {
        // The decoder replaced the bad bytes with U+FFFD: name their line.
        const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
        const qint64 line = m_lines + (bad < 0 ? text.count(QLatin1Char('\n')) : QStringView(text).left(bad).count(QLatin1Char('\n')));
        return Error::invalid(QStringLiteral("line %1 is not valid %2 text; choose the file's encoding (Latin-1 reads any bytes)")
                                  .arg(line).arg(textEncodingName(m_encoding)));
    }
    m_lines += text.count(QLatin1Char('\n'));
    if (text.isEmpty())
        return !m_atEnd;
    buffer += text;
    return true;
}

QString textEncodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Auto: return QStringLiteral("auto");
    case TextEncoding::Utf8: return QStringLiteral("UTF-8");
    case TextEncoding::Utf16: return QStringLiteral("UTF-16");
    case TextEncoding::Latin1: return QStringLiteral("Latin-1");
    }
    return {};
}

std::optional<TextEncoding> parseTextEncoding(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("auto"))
        return TextEncoding::Auto;
    if (n == QLatin1String("utf-8") || n == QLatin1String("utf8"))
        return TextEncoding::Utf8;
    if (n == QLatin1String("utf-16") || n == QLatin1String("utf16"))
        return TextEncoding::Utf16;
    if (n == QLatin1String("latin-1") || n == QLatin1String("latin1") || n == QLatin1String("iso-8859-1"))
        return TextEncoding::Latin1;
    return std::nullopt;
}

} // namespace Litehouse
