#pragma once

#include "../canceltoken.h"
#include "../manager.h"
#include "../outcome.h"

#include <QFuture>
#include <QIODevice>
#include <QString>

#include <functional>

namespace Litehouse {

/// Progress of a dump, reported on the worker thread.
struct DumpProgress
{
    qint64 rows = 0;      ///< rows written so far
    int tablesDone = 0;
    int tables = 0;
    QString table;        ///< the table being written
};

struct DumpResult
{
    int tables = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
};

/// Writes the whole main database as SQL text, as `sqlite3 DB .dump` does:
/// PRAGMA foreign_keys=OFF, one transaction, every table's CREATE statement
/// and rows, sqlite_sequence, then indexes, triggers and views; virtual
/// tables the way sqlite3 writes them (their shadow tables as tables). The
/// text reads back with `sqlite3 NEW.db < FILE` into a database with the same
/// schema and rows. Runs on a reader connection inside one read transaction
/// (a consistent snapshot: the committed state), streamed row by row.
/// Written to path atomically; cancelling leaves no file.
QFuture<Outcome<DumpResult>> dumpDatabase(Manager &manager, const QString &database, const QString &path,
                                          std::function<void(const DumpProgress &)> progress = {},
                                          const CancelToken &cancel = {});
/// The same into an open device (standard output for the CLI); the device
/// must outlive the future.
QFuture<Outcome<DumpResult>> dumpDatabase(Manager &manager, const QString &database, QIODevice *out,
                                          std::function<void(const DumpProgress &)> progress = {},
                                          const CancelToken &cancel = {});

/// Progress of running an SQL file, reported on the worker thread.
struct SqlFileProgress
{
    qint64 bytes = 0;
    qint64 totalBytes = -1;
    qint64 statements = 0;
};

struct SqlFileResult
{
    qint64 statements = 0;
};

/// Runs the statements of an SQL file (UTF-8, or UTF-16 with a byte-order
/// mark) on the writer connection, one by one in order, as `sqlite3 DB <
/// FILE` does: the file is read in chunks and split with splitStatements(),
/// so a dump of any size runs in bounded memory. It stops at the first
/// failing statement, with an error naming its line. When the file began a
/// transaction that is still open at a failure or a cancel, that
/// transaction is rolled back (a dump, which is one transaction, then leaves
/// nothing behind); what the file committed before stays.
QFuture<Outcome<SqlFileResult>> runSqlFile(Manager &manager, const QString &database, const QString &path,
                                           std::function<void(const SqlFileProgress &)> progress = {},
                                           const CancelToken &cancel = {});

} // namespace Litehouse
