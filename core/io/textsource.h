#pragma once

#include "../outcome.h"

#include <QIODevice>
#include <QString>
#include <QStringDecoder>

#include <optional>

namespace Litehouse {

/// How the bytes of an imported file are decoded.
enum class TextEncoding {
    Auto,   ///< a byte-order mark decides (UTF-8 or UTF-16); without one, UTF-8
    Utf8,   ///< UTF-8, with or without a byte-order mark
    Utf16,  ///< UTF-16; the byte-order mark gives the byte order (little-endian without one)
    Latin1, ///< ISO 8859-1: every byte is a character, never an error
};

/// A text file read in chunks and decoded, for the importers: memory stays
/// bounded however large the file is. Bytes that are not valid in the
/// encoding are an error naming the line, never silently replaced.
class TextSource final
{
public:
    /// Reads from device (open for reading, owned by the caller).
    TextSource(QIODevice *device, TextEncoding encoding);
    Q_DISABLE_COPY_MOVE(TextSource)

    /// Appends the next chunk of text to buffer. Resolves to false at the
    /// end of the file (nothing appended).
    Outcome<bool> read(QString &buffer);
    /// Bytes consumed so far, and the file's size (-1 when unknown).
    qint64 bytesRead() const { return m_bytes; }
    qint64 totalBytes() const { return m_total; }
    /// The encoding used (Auto resolved after the first read).
    TextEncoding encoding() const { return m_encoding; }

private:
    QIODevice *m_device;
    TextEncoding m_encoding;
    std::optional<QStringDecoder> m_decoder;
    qint64 m_bytes = 0;
    qint64 m_total = -1;
    qint64 m_lines = 1; // line of the first character not yet handed out
    bool m_atEnd = false;
};

/// "UTF-8", "UTF-16", "Latin-1" or "auto", as the CLI and the dialog name them.
QString textEncodingName(TextEncoding encoding);
std::optional<TextEncoding> parseTextEncoding(const QString &name);

} // namespace Litehouse
