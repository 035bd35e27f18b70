#include "exporter.h"

#include "../history/historyexport.h"
#include "../querystream.h"
#include "../rowformat.h"
#include "../sqlclassify.h"
#include "../async_p.h"

#include <QSaveFile>
#include <QStringDecoder>
#include <QThreadPool>

#include <cmath>

#include <sqlite3.h>

namespace Litehouse {

namespace {

bool validUtf8WithoutNul(const char *p, qsizetype n)
{
    if (memchr(p, 0, size_t(n)))
        return false;
    QStringDecoder d(QStringConverter::Utf8);
    (void)d.decode(QByteArrayView(p, n));
    return !d.hasError();
}

void appendHex(QByteArray &out, const char *p, qsizetype n)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype at = out.size();
    out.resize(at + 2 * n);
    char *o = out.data() + at;
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = static_cast<unsigned char>(p[i]);
        *o++ = digits[b >> 4];
        *o++ = digits[b & 15];
    }
}

QString csvCell(const Value &v, bool neutralise)
{
    if (v.isNull())
        return QString();
    if (v.type() == Value::Type::Text && v.bytesView().isEmpty())
        return QStringLiteral("\"\"");
    if (neutralise && v.type() == Value::Type::Text)
        return neutralisedCsvField(v.toString());
    return csvField(v.toString());
}

} // namespace

QString neutralisedCsvField(const QString &text)
{
    if (!text.isEmpty()) {
        const QChar c = text.front();
        if ((c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r') && !HistoryExport::isPlainNumber(text))
            return csvField(QLatin1Char('\'') + text);
    }
    return csvField(text);
}

void appendSqlLiteral(QByteArray &out, int type, qint64 i, double d, const char *bytes, qsizetype size)
{
    switch (type) {
    case SQLITE_NULL: out += "NULL"; return;
    case SQLITE_INTEGER: out += QByteArray::number(i); return;
    case SQLITE_FLOAT:
        if (std::isnan(d))
            out += "NULL"; // SQLite stores NaN as NULL itself
        else if (std::isinf(d))
            out += d > 0 ? "1e999" : "-1e999";
        else
            out += formatReal(d).toLatin1();
        return;
    case SQLITE_TEXT:
        if (!validUtf8WithoutNul(bytes, size)) {
            out += "CAST(X'";
            appendHex(out, bytes, size);
            out += "' AS TEXT)";
            return;
        }
        out += '\'';
        for (qsizetype k = 0; k < size; ++k) {
            if (bytes[k] == '\'')
                out += '\'';
            out += bytes[k];
        }
        out += '\'';
        return;
    case SQLITE_BLOB:
        out += "X'";
        appendHex(out, bytes, size);
        out += '\'';
        return;
    }
}

QByteArray sqlLiteral(const Value &v)
{
    QByteArray out;
    switch (v.type()) {
    case Value::Type::Null: appendSqlLiteral(out, SQLITE_NULL, 0, 0, nullptr, 0); break;
    case Value::Type::Integer: appendSqlLiteral(out, SQLITE_INTEGER, v.toInt(), 0, nullptr, 0); break;
    case Value::Type::Real: appendSqlLiteral(out, SQLITE_FLOAT, 0, v.toDouble(), nullptr, 0); break;
    case Value::Type::Text:
    case Value::Type::Blob: {
        const QByteArrayView b = v.bytesView();
        appendSqlLiteral(out, v.type() == Value::Type::Text ? SQLITE_TEXT : SQLITE_BLOB, 0, 0, b.data(), b.size());
        break;
    }
    }
    return out;
}

QString selectAllSql(const QString &table)
{
    return QStringLiteral("SELECT * FROM %1").arg(quoteIdentifier(table));
}

void writeExportRows(QTextStream &out, const ResultSet &rows, const DataExportOptions &options, bool first)
{
    switch (options.format) {
    case DataExportFormat::Csv:
        if (!options.neutraliseFormulas) {
            writeCsvRows(out, rows); // byte for byte as sqlite3 -csv
            return;
        }
        for (qsizetype r = 0; r < rows.rowCount(); ++r) {
            QStringList fields;
            for (const Value &v : rows.row(r))
                fields << csvCell(v, true);
            out << fields.join(QLatin1Char(',')) << "\n";
        }
        return;
    case DataExportFormat::Json: writeJsonRows(out, rows, first); return;
    case DataExportFormat::Sql: {
        QStringList names;
        for (const QString &c : rows.columns())
            names << quoteIdentifier(c);
        const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES (").arg(quoteIdentifier(options.sqlTable), names.join(QLatin1Char(',')));
        for (qsizetype r = 0; r < rows.rowCount(); ++r) {
            QByteArray line;
            const auto row = rows.row(r);
            for (size_t c = 0; c < row.size(); ++c) {
                if (c > 0)
                    line += ',';
                line += sqlLiteral(row[c]);
            }
            out << head << QString::fromUtf8(line) << ");\n";
        }
        return;
    }
    }
}

QFuture<Outcome<qint64>> exportToFile(Manager &manager, const QString &database, const QString &sql,
                                      const QString &path, const DataExportOptions &options,
                                      std::function<void(const DataExportProgress &)> progress, const CancelToken &cancel)
{
    if (options.format == DataExportFormat::Sql && options.sqlTable.trimmed().isEmpty())
        return QtFuture::makeReadyFuture(Outcome<qint64>(Error::invalid(QStringLiteral("an SQL export needs the name of the table its INSERT statements fill"))));
    if (path.isEmpty())
        return QtFuture::makeReadyFuture(Outcome<qint64>(Error::invalid(QStringLiteral("no file to export to"))));
    Manager *m = &manager;
    // A thread of Qt's global pool, not the manager's: it awaits the
    // stream's chunks, which run on the manager's pool.
    return runOnPool(QThreadPool::globalInstance(), [m, database, sql, path, options, progress, cancel]() -> Outcome<qint64> {
        ExecOptions o;
        o.route = options.route;
        o.record = false;
        o.onlyIfReadOnly = true;
        o.cancel = cancel;
        auto s = await(m->stream(database, sql, {}, o));
        if (!s)
            return s.error();
        auto stream = s.value();
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
        QTextStream out(&f);
        out.setEncoding(QStringConverter::Utf8);
        qint64 total = 0;
        if (options.format == DataExportFormat::Json)
            out << '[';
        while (!stream->atEnd()) {
            if (cancel.isCancelled()) {
                f.cancelWriting();
                await(stream->close());
                return Error::interrupted(QStringLiteral("export cancelled; no file was written"));
            }
            auto chunk = await(stream->fetch(5000, cancel));
            if (!chunk) {
                f.cancelWriting();
                return chunk.error();
            }
            const ResultSet &rs = chunk.value();
            if (options.format == DataExportFormat::Csv && total == 0 && rs.rowCount() > 0)
                writeCsvHeader(out, rs.columns());
            writeExportRows(out, rs, options, total == 0);
            total += rs.rowCount();
            if (progress)
                progress({total});
        }
        if (options.format == DataExportFormat::Json)
            out << "]\n";
        out.flush();
        if (out.status() != QTextStream::Ok || !f.commit())
            return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
        return total;
    });
}

} // namespace Litehouse
