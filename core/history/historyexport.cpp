#include "historyexport.h"

#include "../async_p.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QThreadPool>

namespace Litehouse {

namespace {

/// An entry of an existing file: its id and its exact bytes (line end included).
struct Entry
{
    qint64 id = 0;
    QByteArray bytes;
};

/// A growable output buffer written through a raw pointer: exports write
/// millions of small pieces, and per-piece QByteArray appends dominate.
class Out
{
public:
    explicit Out(qsizetype reserve) { m_buf.resize(qMax<qsizetype>(reserve, 4096)); }
    char *room(qsizetype n)
    {
        if (m_len + n > m_buf.size())
            m_buf.resize(qMax(m_buf.size() * 2, m_len + n));
        return m_buf.data() + m_len;
    }
    void done(char *end) { m_len = end - m_buf.data(); }
    void append(const char *s, qsizetype n)
    {
        char *p = room(n);
        std::memcpy(p, s, size_t(n));
        done(p + n);
    }
    void append(const QByteArray &b) { append(b.constData(), b.size()); }
    void append(char c) { append(&c, 1); }
    void appendNumber(qint64 v)
    {
        char tmp[24];
        int n = 0;
        const bool neg = v < 0;
        quint64 u = neg ? quint64(0) - quint64(v) : quint64(v);
        do {
            tmp[n++] = char('0' + u % 10);
            u /= 10;
        } while (u);
        char *p = room(n + 1);
        if (neg)
            *p++ = '-';
        while (n)
            *p++ = tmp[--n];
        done(p);
    }
    void appendTimestamp(qint64 ms) { done(HistoryItem::writeTimestamp(room(32), ms)); }
    void appendDuration(double ms) { done(HistoryItem::writeDuration(room(40), ms)); }
    qsizetype size() const { return m_len; }
    /// The bytes written so far (valid until the next append).
    QByteArray view() const { return QByteArray::fromRawData(m_buf.constData(), m_len); }
    void clear() { m_len = 0; }
    QByteArray take()
    {
        m_buf.truncate(m_len);
        return std::move(m_buf);
    }

private:
    QByteArray m_buf;
    qsizetype m_len = 0;
};

enum class Escape { None, Json, CsvQuoted };

/// UTF-16 to UTF-8 in one pass, escaping for JSON strings or doubling quotes for CSV.
void appendText(Out &out, QStringView s, Escape esc)
{
    char *p = out.room(s.size() * 6 + 8);
    const char16_t *u = s.utf16();
    const qsizetype n = s.size();
    static const char hex[] = "0123456789abcdef";
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i];
        if (c < 0x80) {
            if (esc == Escape::Json && (c < 0x20 || c == u'"' || c == u'\\')) {
                *p++ = '\\';
                switch (c) {
                case u'"': *p++ = '"'; break;
                case u'\\': *p++ = '\\'; break;
                case u'\n': *p++ = 'n'; break;
                case u'\r': *p++ = 'r'; break;
                case u'\t': *p++ = 't'; break;
                case u'\b': *p++ = 'b'; break;
                case u'\f': *p++ = 'f'; break;
                default:
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[c >> 4];
                    *p++ = hex[c & 15];
                }
            } else {
                if (esc == Escape::CsvQuoted && c == u'"')
                    *p++ = '"';
                *p++ = char(c);
            }
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])) {
            const char32_t cp = QChar::surrogateToUcs4(c, u[++i]);
            *p++ = char(0xF0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3F));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
        } else {
            const char16_t v = QChar::isSurrogate(c) ? char16_t(0xFFFD) : c;
            *p++ = char(0xE0 | (v >> 12));
            *p++ = char(0x80 | ((v >> 6) & 0x3F));
            *p++ = char(0x80 | (v & 0x3F));
        }
    }
    out.done(p);
}

void appendLatin1(Out &out, const char *s) { out.append(s, qsizetype(std::strlen(s))); }

void appendJsonString(Out &out, const QString &s)
{
    out.append('"');
    appendText(out, s, Escape::Json);
    out.append('"');
}

void appendJsonItem(Out &out, const HistoryItem &it)
{
    appendLatin1(out, "{\"id\":");
    out.appendNumber(it.id);
    appendLatin1(out, ",\"timestamp\":\"");
    out.appendTimestamp(it.timestampMs);
    out.append('"');
    appendLatin1(out, ",\"database\":");
    appendJsonString(out, it.database);
    appendLatin1(out, ",\"alias\":");
    appendJsonString(out, it.alias);
    appendLatin1(out, ",\"sql\":");
    appendJsonString(out, it.sql);
    appendLatin1(out, ",\"params\":");
    // params hold compact JSON made by the manager; anything else is kept as a string.
    const QString p = it.params.trimmed();
    if (p.isEmpty())
        appendLatin1(out, "null");
    else if ((p.startsWith(QLatin1Char('[')) && p.endsWith(QLatin1Char(']')))
             || (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}'))))
        appendText(out, p, Escape::None);
    else
        appendJsonString(out, p);
    appendLatin1(out, ",\"kind\":");
    appendJsonString(out, it.kind);
    appendLatin1(out, ",\"outcome\":");
    appendJsonString(out, it.outcome);
    appendLatin1(out, ",\"error\":");
    appendJsonString(out, it.error);
    appendLatin1(out, ",\"rows_returned\":");
    out.appendNumber(it.rowsReturned);
    appendLatin1(out, ",\"rows_affected\":");
    out.appendNumber(it.rowsAffected);
    appendLatin1(out, ",\"duration_ms\":");
    out.appendDuration(it.durationMs);
    out.append('}');
}

bool needsNeutralising(QStringView s)
{
    if (s.isEmpty())
        return false;
    const QChar c = s.front();
    if (c != u'=' && c != u'+' && c != u'-' && c != u'@' && c != u'\t' && c != u'\r')
        return false;
    return !HistoryExport::isPlainNumber(s);
}

void appendCsvCell(Out &out, QStringView s, bool keepFormulas)
{
    const bool neutralise = !keepFormulas && needsNeutralising(s);
    bool quote = false;
    for (const QChar c : s) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    }
    if (quote)
        out.append('"');
    if (neutralise)
        out.append('\'');
    appendText(out, s, quote ? Escape::CsvQuoted : Escape::None);
    if (quote)
        out.append('"');
}

void appendCsvItem(Out &out, const HistoryItem &it, bool keepFormulas)
{
    out.appendNumber(it.id);
    out.append(',');
    out.appendTimestamp(it.timestampMs); // digits, '-', ':', 'T', 'Z': never a formula, never quoted
    for (const QString *s : {&it.database, &it.alias, &it.sql, &it.params, &it.kind, &it.outcome, &it.error}) {
        out.append(',');
        appendCsvCell(out, *s, keepFormulas);
    }
    out.append(',');
    out.appendNumber(it.rowsReturned);
    out.append(',');
    out.appendNumber(it.rowsAffected);
    out.append(',');
    out.appendDuration(it.durationMs); // a plain number: never neutralised, never quoted
    out.append("\r\n", 2);
}

void appendTxtItem(Out &out, const HistoryItem &it)
{
    out.append('#');
    out.appendNumber(it.id);
    out.append(' ');
    out.appendTimestamp(it.timestampMs);
    out.append(' ');
    appendText(out, it.database, Escape::None);
    out.append(' ');
    appendText(out, it.kind, Escape::None);
    out.append(' ');
    appendText(out, it.outcome, Escape::None);
    out.append(' ');
    out.appendDuration(it.durationMs);
    appendLatin1(out, "ms\n");
    appendText(out, it.sql, Escape::None);
    out.append('\n');
    if (!it.error.isEmpty()) {
        appendLatin1(out, "error: ");
        appendText(out, it.error, Escape::None);
        out.append('\n');
    }
    out.append('\n');
}

QByteArray csvHeader()
{
    return HistoryItem::fieldNames().join(QLatin1Char(',')).toUtf8() + "\r\n";
}

int lineAt(const QByteArray &data, qsizetype offset)
{
    return int(std::count(data.constBegin(), data.constBegin() + qBound<qsizetype>(0, offset, data.size()), '\n')) + 1;
}

Error malformed(const QString &path, int line, const QString &format, const QString &why)
{
    return Error(Error::Kind::InvalidArgument,
                 QStringLiteral("%1:%2: not a valid %3 history export: %4").arg(path).arg(line).arg(format, why));
}

bool isBlank(const QByteArray &data)
{
    for (const char c : data)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    return true;
}

// --- readers of existing files -----------------------------------------

Outcome<QList<Entry>> readJson(const QString &path, const QByteArray &data)
{
    QList<Entry> entries;
    if (isBlank(data))
        return entries;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError)
        return malformed(path, lineAt(data, pe.offset), QStringLiteral("JSON"), pe.errorString());
    if (!doc.isArray())
        return malformed(path, 1, QStringLiteral("JSON"), QStringLiteral("the top level is not an array"));
    const QJsonArray arr = doc.array();
    // The document is valid: find each element's exact bytes, so that the
    // file's own entries are written back unchanged (QJsonObject reorders keys).
    qsizetype i = data.indexOf('[') + 1;
    const qsizetype n = data.size();
    auto skipWs = [&] {
        while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
            ++i;
    };
    for (qsizetype k = 0; k < arr.size(); ++k) {
        skipWs();
        const qsizetype start = i;
        int depth = 0;
        bool inString = false;
        for (; i < n; ++i) {
            const char c = data[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        qsizetype end = i;
        while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r' || data[end - 1] == '\n'))
            --end;
        if (i < n && data[i] == ',')
            ++i;
        const QJsonValue v = arr.at(k);
        const QJsonValue id = v.toObject().value(QStringLiteral("id"));
        if (!v.isObject() || !id.isDouble() || id.toDouble() != double(id.toInteger()))
            return malformed(path, lineAt(data, start), QStringLiteral("JSON"),
                             QStringLiteral("element %1 is not an object with an integer \"id\"").arg(k + 1));
        entries.append({id.toInteger(), data.mid(start, end - start)});
    }
    return entries;
}

Outcome<QList<Entry>> readCsv(const QString &path, const QByteArray &raw)
{
    QList<Entry> entries;
    QByteArray data = raw;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (isBlank(data))
        return entries;
    const qsizetype n = data.size();
    qsizetype i = 0;
    int line = 1;
    bool header = true;
    const QStringList names = HistoryItem::fieldNames();
    while (i < n) {
        const qsizetype start = i;
        const int startLine = line;
        QList<QByteArray> fields;
        QByteArray field;
        bool endOfRecord = false;
        while (!endOfRecord) {
            field.clear();
            if (i < n && data[i] == '"') {
                const int quoteLine = line;
                ++i;
                for (;;) {
                    if (i >= n)
                        return malformed(path, quoteLine, QStringLiteral("CSV"), QStringLiteral("a quoted field is not closed"));
                    const char c = data[i++];
                    if (c == '"') {
                        if (i < n && data[i] == '"') {
                            field.append('"');
                            ++i;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n')
                            ++line;
                        field.append(c);
                    }
                }
                if (i < n && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
                    return malformed(path, line, QStringLiteral("CSV"), QStringLiteral("text after a closing quote"));
            } else {
                while (i < n && data[i] != ',' && data[i] != '\r' && data[i] != '\n') {
                    if (data[i] == '"')
                        return malformed(path, line, QStringLiteral("CSV"), QStringLiteral("a quote inside an unquoted field"));
                    field.append(data[i++]);
                }
            }
            fields.append(field);
            if (i < n && data[i] == ',') {
                ++i;
                continue;
            }
            if (i < n && data[i] == '\r')
                ++i;
            if (i < n && data[i] == '\n') {
                ++i;
                ++line;
            }
            endOfRecord = true;
        }
        if (header) {
            QStringList got;
            for (const QByteArray &f : fields)
                got << QString::fromUtf8(f);
            if (got != names)
                return malformed(path, startLine, QStringLiteral("CSV"),
                                 QStringLiteral("the header is not \"%1\"").arg(names.join(QLatin1Char(','))));
            header = false;
            continue;
        }
        if (fields.size() == 1 && fields.first().isEmpty())
            continue; // a blank line
        if (fields.size() != names.size())
            return malformed(path, startLine, QStringLiteral("CSV"),
                             QStringLiteral("%1 fields instead of %2").arg(fields.size()).arg(names.size()));
        bool ok = false;
        const qint64 id = fields.first().toLongLong(&ok);
        if (!ok)
            return malformed(path, startLine, QStringLiteral("CSV"), QStringLiteral("the id is not an integer"));
        QByteArray bytes = data.mid(start, i - start);
        if (!bytes.endsWith('\n'))
            bytes += "\r\n";
        entries.append({id, std::move(bytes)});
    }
    return entries;
}

const QRegularExpression &txtHeader()
{
    static const QRegularExpression re(QStringLiteral("^#(\\d+) (\\S+) (.*) (\\S+) (\\S+) (\\S+)ms$"));
    return re;
}

Outcome<QList<Entry>> readTxt(const QString &path, const QByteArray &data)
{
    QList<Entry> entries;
    if (isBlank(data))
        return entries;
    const QList<QByteArray> lines = data.split('\n');
    bool afterBlank = true;
    for (int k = 0; k < lines.size(); ++k) {
        QByteArray l = lines.at(k);
        if (l.endsWith('\r'))
            l.chop(1);
        const bool blank = l.trimmed().isEmpty();
        if (afterBlank && !blank && (entries.isEmpty() || (l.size() > 1 && l[0] == '#' && std::isdigit(uchar(l[1]))))) {
            const QRegularExpressionMatch m = txtHeader().match(QString::fromUtf8(l));
            if (!m.hasMatch())
                return malformed(path, k + 1, QStringLiteral("TXT"),
                                 QStringLiteral("expected \"#<id> <timestamp> <database> <kind> <outcome> <duration>ms\""));
            entries.append({m.captured(1).toLongLong(), QByteArray()});
        }
        if (!entries.isEmpty() && (k + 1 < lines.size() || !lines.at(k).isEmpty()))
            entries.last().bytes += lines.at(k) + '\n';
        afterBlank = blank;
    }
    // Each block ends with one blank line, also the file's last one.
    if (!entries.isEmpty() && !entries.last().bytes.endsWith("\n\n"))
        entries.last().bytes += '\n';
    return entries;
}

QByteArray encode(const HistoryItem &it, const ExportOptions &o)
{
    Out out(512);
    switch (o.format) {
    case ExportFormat::Json: appendJsonItem(out, it); break;
    case ExportFormat::Csv: appendCsvItem(out, it, o.keepFormulas); break;
    case ExportFormat::Txt: appendTxtItem(out, it); break;
    }
    return out.take();
}

void appendItem(Out &out, const HistoryItem &it, const ExportOptions &o)
{
    switch (o.format) {
    case ExportFormat::Json: appendJsonItem(out, it); break;
    case ExportFormat::Csv: appendCsvItem(out, it, o.keepFormulas); break;
    case ExportFormat::Txt: appendTxtItem(out, it); break;
    }
}

} // namespace

bool HistoryExport::isPlainNumber(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && (s[i] == u'+' || s[i] == u'-'))
        ++i;
    qsizetype digits = 0;
    while (i < n && s[i].isDigit() && s[i].unicode() < 0x80) {
        ++i;
        ++digits;
    }
    if (i < n && s[i] == u'.') {
        ++i;
        while (i < n && s[i].unicode() >= u'0' && s[i].unicode() <= u'9') {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return false;
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        qsizetype exp = 0;
        while (i < n && s[i].unicode() >= u'0' && s[i].unicode() <= u'9') {
            ++i;
            ++exp;
        }
        if (exp == 0)
            return false;
    }
    return i == n;
}

QByteArray HistoryExport::csvCell(const QString &text, bool keepFormulas)
{
    Out out(text.size() * 3 + 8);
    appendCsvCell(out, text, keepFormulas);
    return out.take();
}

std::optional<ExportFormat> HistoryExport::parseFormat(const QString &name)
{
    if (name == QLatin1String("json"))
        return ExportFormat::Json;
    if (name == QLatin1String("csv"))
        return ExportFormat::Csv;
    if (name == QLatin1String("txt"))
        return ExportFormat::Txt;
    return std::nullopt;
}

std::optional<ExportMode> HistoryExport::parseMode(const QString &name)
{
    if (name == QLatin1String("overwrite"))
        return ExportMode::Overwrite;
    if (name == QLatin1String("append"))
        return ExportMode::Append;
    if (name == QLatin1String("update"))
        return ExportMode::Update;
    if (name == QLatin1String("extend"))
        return ExportMode::Extend;
    return std::nullopt;
}

Outcome<ExportResult> HistoryExport::write(const QString &path, const QList<HistoryItem> &items, const ExportOptions &o)
{
    // 1. Read what the file holds, once, when the mode keeps any of it.
    QList<Entry> existing;
    if (o.mode != ExportMode::Overwrite && QFileInfo::exists(path)) {
        QFile f(path);
        if (QFileInfo(path).isDir() || !f.open(QIODevice::ReadOnly))
            return Error(Error::Kind::Io, QStringLiteral("cannot read %1: %2")
                                              .arg(path, QFileInfo(path).isDir() ? QStringLiteral("it is a folder") : f.errorString()));
        const QByteArray data = f.readAll();
        if (f.error() != QFileDevice::NoError)
            return Error(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        Outcome<QList<Entry>> r = o.format == ExportFormat::Json ? readJson(path, data)
                                  : o.format == ExportFormat::Csv ? readCsv(path, data)
                                                                  : readTxt(path, data);
        if (!r)
            return r.error();
        existing = r.take();
    }

    // 2. Merge in memory: decide which selected items go where.
    ExportResult result;
    QList<const HistoryItem *> tail; // written after the file's own entries
    if (o.mode == ExportMode::Overwrite || o.mode == ExportMode::Append) {
        for (const HistoryItem &it : items)
            tail.append(&it);
    } else {
        QHash<qint64, qsizetype> held;
        for (qsizetype k = 0; k < existing.size(); ++k)
            held.insert(existing.at(k).id, k);
        QHash<qint64, const HistoryItem *> replacements;
        for (const HistoryItem &it : items) {
            if (!held.contains(it.id)) {
                tail.append(&it);
            } else if (o.mode == ExportMode::Update) {
                replacements.insert(it.id, &it);
            } else {
                ++result.skipped;
            }
        }
        for (Entry &e : existing) {
            if (const auto r = replacements.constFind(e.id); r != replacements.constEnd()) {
                e.bytes = encode(**r, o);
                ++result.replaced;
            }
        }
    }
    result.added = tail.size();
    result.total = existing.size() + tail.size();

    // 3. Stream the new file through a small reused buffer into a QSaveFile,
    //    which replaces the file atomically on commit (never half written).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    constexpr qsizetype chunk = 1 << 20;
    Out out(chunk + 64 * 1024);
    bool writeOk = true;
    auto drain = [&](bool force) {
        if (writeOk && (force || out.size() >= chunk)) {
            const QByteArray bytes = out.view();
            writeOk = file.write(bytes.constData(), bytes.size()) == bytes.size();
            out.clear();
        }
    };
    bool first = true;
    if (o.format == ExportFormat::Json)
        out.append("[\n", 2);
    else if (o.format == ExportFormat::Csv)
        out.append(csvHeader());
    for (const Entry &e : existing) {
        if (o.format == ExportFormat::Json && !first)
            out.append(",\n", 2);
        out.append(e.bytes);
        first = false;
        drain(false);
    }
    for (const HistoryItem *it : std::as_const(tail)) {
        if (o.format == ExportFormat::Json && !first)
            out.append(",\n", 2);
        appendItem(out, *it, o);
        first = false;
        drain(false);
    }
    if (o.format == ExportFormat::Json)
        out.append(first ? "]\n" : "\n]\n", first ? 2 : 3);
    drain(true);
    if (!writeOk) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, why));
    }
    if (!file.commit())
        return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return result;
}

QFuture<Outcome<ExportResult>> HistoryExport::writeAsync(const QString &path, QList<HistoryItem> items, ExportOptions options)
{
    return runOnPool(QThreadPool::globalInstance(), [path, items = std::move(items), options] { return write(path, items, options); });
}

} // namespace Litehouse
