#pragma once

#include "../canceltoken.h"
#include "../manager.h"
#include "../outcome.h"
#include "../resultset.h"

#include <QFuture>
#include <QString>
#include <QTextStream>

#include <functional>

namespace Litehouse {

/// The file formats a table or a query result exports to.
enum class DataExportFormat {
    Csv,  ///< as sqlite3 -csv -header writes it (BLOBs as hex)
    Json, ///< an array of objects, as sqlite3 -json writes it (BLOBs as hex)
    Sql,  ///< one INSERT statement per row, every value a literal of its own type
};

struct DataExportOptions
{
    DataExportFormat format = DataExportFormat::Csv;
    /// CSV: put a ' before text that a spreadsheet would run as a formula
    /// (starting with = + - @, a tab or a carriage return, and not a plain
    /// number). Off by default: the file is then byte for byte what
    /// `sqlite3 -csv -header` writes.
    bool neutraliseFormulas = false;
    /// SQL: the table the INSERT statements name (required for Sql).
    QString sqlTable;
    /// Where the query runs (see Route).
    Route route = Route::Auto;
};

/// Rows written so far, reported on the worker thread.
struct DataExportProgress
{
    qint64 rows = 0;
};

/// Runs a read-only query again and writes all its rows to path (atomically:
/// the file appears whole or not at all), streamed in chunks so memory stays
/// bounded. A statement that writes is refused, never run again. Resolves to
/// the number of rows written. Cancelling leaves no file behind.
QFuture<Outcome<qint64>> exportToFile(Manager &manager, const QString &database, const QString &sql,
                                      const QString &path, const DataExportOptions &options,
                                      std::function<void(const DataExportProgress &)> progress = {},
                                      const CancelToken &cancel = {});

/// `SELECT * FROM "table"`, for exporting a whole table.
QString selectAllSql(const QString &table);

/// Writes rows in a format (CSV without its header: see writeCsvHeader()).
/// first: no rows were written before (JSON commas).
void writeExportRows(QTextStream &out, const ResultSet &rows, const DataExportOptions &options, bool first);

/// A CSV cell for a formula-neutralised export: a ' before text a spreadsheet
/// would run, then quoted as csvField() quotes.
QString neutralisedCsvField(const QString &text);

/// An SQL literal that reads back as exactly this value and type: NULL,
/// integers, reals (1.0 stays REAL; infinities as 1e999), '...' text with
/// quotes doubled (text holding NUL or invalid UTF-8 as CAST(X'..' AS TEXT)),
/// and X'..' BLOBs.
QByteArray sqlLiteral(const Value &v);
/// The same for a column of a row SQLite holds (no copy of its bytes).
void appendSqlLiteral(QByteArray &out, int type, qint64 i, double d, const char *bytes, qsizetype size);

} // namespace Litehouse
