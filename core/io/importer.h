#pragma once

#include "../canceltoken.h"
#include "../manager.h"
#include "../outcome.h"
#include "textsource.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Litehouse {

/// The kind of file an import reads.
enum class ImportFormat {
    Csv,  ///< CSV or TSV (the separator decides)
    Json, ///< an array of objects, or JSON Lines
};

/// The type an imported column's fields become. Values are always bound,
/// never written into SQL.
enum class ImportType {
    Auto,    ///< a plain integer becomes INTEGER, a plain number REAL, anything else TEXT ("007" stays text)
    Integer, ///< must be an integer, else the import fails naming the line and column
    Real,    ///< must be a number
    Text,    ///< the field's text as it is
    Blob,    ///< hexadecimal digits (as Litehouse exports BLOBs), optionally after "0x"
};

QString importTypeName(ImportType type);   ///< "auto", "INTEGER", ...
std::optional<ImportType> parseImportType(const QString &name);

/// One column of the file, and what its fields become.
struct ImportColumn
{
    QString name;                       ///< the new table's column, or the existing column it goes into
    ImportType type = ImportType::Auto;
};

/// How the columns of the file meet an existing table's columns.
enum class ImportMatch {
    Name,     ///< by the header's (or JSON keys') names, ignoring case
    Position, ///< the file's first column into the table's first column, and so on
};

/// What to import, and how.
///
/// Empty fields are NULL ("no value", as an empty spreadsheet cell), except
/// in a column whose type is set to TEXT, where they stay empty text unless
/// emptyTextIsNull; an empty JSON string is empty text in Auto columns too.
/// A JSON null is always NULL.
struct ImportOptions
{
    QString path;
    ImportFormat format = ImportFormat::Csv;
    TextEncoding encoding = TextEncoding::Auto;
    QChar separator = QLatin1Char(',');
    QChar quote = QLatin1Char('"'); ///< QChar() for none
    bool header = true;             ///< CSV: the first record names the columns
    QString table;
    bool createTable = true;        ///< false: into an existing table
    ImportMatch match = ImportMatch::Name;
    /// The file's columns in order, with their names and types. Empty: the
    /// names the file gives (header, JSON keys, or column1, column2, ...),
    /// all Auto. Given, it must have as many entries as the file has columns.
    QList<ImportColumn> columns;
    bool emptyTextIsNull = false;
    /// Records read to guess types for a new table's Auto columns, and JSON keys.
    int sampleRecords = 1000;
};

/// The first records of a file parsed with the options: for a preview.
struct ImportPreview
{
    QStringList columns;            ///< names from the header or keys (column1, ... without)
    QList<QStringList> rows;        ///< the fields' text; a JSON null is an empty string here
    QList<QList<bool>> nulls;       ///< true where the field is NULL (JSON null)
    QList<ImportType> guessed;      ///< what Auto would declare for a new table (Integer, Real or Text)
    bool truncated = false;         ///< the file has more records than shown
    TextEncoding encoding = TextEncoding::Auto; ///< the encoding used
};

/// Progress of an import, reported on the worker thread.
struct ImportProgress
{
    qint64 rows = 0;
    qint64 bytes = 0;
    qint64 totalBytes = -1;
};

struct ImportResult
{
    QString table;
    qint64 rows = 0;
    bool created = false;
};

/// Reads and parses the first maxRows records (the file itself; call it
/// off the UI thread). Bad input is an error naming the line.
Outcome<ImportPreview> previewImport(const ImportOptions &options, int maxRows = 100);

/// Imports a file into a table of an open database, on its writer
/// connection, in one transaction (a savepoint inside a transaction that is
/// already open): all of it or nothing. The file is streamed (memory stays
/// bounded); a bad record stops the import with an error that names its line
/// and column, and nothing is written. Cancelling rolls back as well.
/// progress (optional) is called on the worker thread every few thousand
/// rows. Recorded as an operation of kind Query with SQL "IMPORT ...".
QFuture<Outcome<ImportResult>> importFile(Manager &manager, const QString &database, const ImportOptions &options,
                                          std::function<void(const ImportProgress &)> progress = {},
                                          const CancelToken &cancel = {});

/// The type Auto would give a field's text: Integer, Real or Text (Text for empty).
ImportType guessType(QStringView text);

} // namespace Litehouse
