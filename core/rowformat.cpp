#include "rowformat.h"

#include <QStringList>

namespace Litehouse {


QString csvField(const QString &text)
{
    // sqlite3 quotes a field holding a control character, space, '"', '\'',
    // ',', DEL or any non-ASCII character; doing the same keeps our output
    // byte-identical to it for text and numbers.
    bool quote = false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u == '"' || u == '\'' || u == ',' || u >= 0x7f) {
            quote = true;
            break;
        }
    }
    if (!quote)
        return text;
    QString q = text;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString jsonString(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\b': out += QStringLiteral("\\b"); break;
        case '\f': out += QStringLiteral("\\f"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

static QString jsonValue(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null: return QStringLiteral("null");
    case Value::Type::Integer: return v.toString();
    case Value::Type::Real: {
        const QString s = v.toString();
        // JSON has no NaN or infinity.
        return s == QLatin1String("NaN") ? QStringLiteral("null")
            : s == QLatin1String("Inf")  ? QStringLiteral("1e999")
            : s == QLatin1String("-Inf") ? QStringLiteral("-1e999")
                                         : s;
    }
    case Value::Type::Text:
    case Value::Type::Blob: return jsonString(v.toString());
    }
    return {};
}

static void writeTable(QTextStream &out, const ResultSet &rows)
{
    const int n = rows.columnCount();
    QList<qsizetype> width(n, 0);
    auto cell = [&](qsizetype r, int c) {
        const Value &v = rows.at(r, c);
        if (v.isNull())
            return QStringLiteral("NULL");
        QString s = v.toString();
        s.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        return s;
    };
    for (int c = 0; c < n; ++c)
        width[c] = rows.columns().at(c).size();
    for (qsizetype r = 0; r < rows.rowCount(); ++r)
        for (int c = 0; c < n; ++c)
            width[c] = qMax(width[c], cell(r, c).size());
    auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (int c = 0; c < n; ++c)
            padded << cells.at(c).leftJustified(width[c]);
        out << padded.join(QStringLiteral(" | ")).trimmed() << '\n';
    };
    line(rows.columns());
    QStringList rule;
    for (int c = 0; c < n; ++c)
        rule << QString(width[c], QLatin1Char('-'));
    out << rule.join(QStringLiteral("-+-")) << '\n';
    for (qsizetype r = 0; r < rows.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < n; ++c)
            cells << cell(r, c);
        line(cells);
    }
}

void writeCsvHeader(QTextStream &out, const QStringList &columns)
{
    QStringList header;
    for (const QString &c : columns)
        header << csvField(c);
    out << header.join(QLatin1Char(',')) << "\n";
}

void writeCsvRows(QTextStream &out, const ResultSet &rows)
{
    for (qsizetype r = 0; r < rows.rowCount(); ++r) {
        QStringList fields;
        for (const Value &v : rows.row(r))
            fields << (v.isNull() ? QString()
                       : v.type() == Value::Type::Text && v.bytesView().isEmpty() ? QStringLiteral("\"\"")
                                                                             : csvField(v.toString()));
        out << fields.join(QLatin1Char(',')) << "\n";
    }
}

void writeJsonRows(QTextStream &out, const ResultSet &rows, bool first)
{
    QStringList keys;
    for (const QString &c : rows.columns())
        keys << jsonString(c);
    for (qsizetype r = 0; r < rows.rowCount(); ++r) {
        if (!first || r > 0)
            out << ",\n";
        out << '{';
        const auto row = rows.row(r);
        for (int c = 0; c < rows.columnCount(); ++c) {
            if (c > 0)
                out << ',';
            out << keys.at(c) << ':' << jsonValue(row[size_t(c)]);
        }
        out << '}';
    }
}

void writeRows(QTextStream &out, const ResultSet &rows, Format format)
{
    switch (format) {
    case Format::Table:
        writeTable(out, rows);
        return;
    case Format::Csv:
        if (rows.rowCount() == 0)
            return; // as sqlite3: no header without rows
        writeCsvHeader(out, rows.columns());
        writeCsvRows(out, rows);
        return;
    case Format::Json:
        if (rows.rowCount() == 0) {
            out << "[]\n";
            return;
        }
        out << '[';
        writeJsonRows(out, rows, true);
        out << "]\n";
        return;
    }
}

} // namespace Litehouse
