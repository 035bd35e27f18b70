#pragma once

#include "../canceltoken.h"
#include "../manager.h"
#include "../outcome.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Litehouse {

/// What integrity_check and quick_check found.
struct CheckResult
{
    bool ok = true;          ///< SQLite answered "ok"
    QStringList problems;    ///< one line per problem, at most the limit asked for
    bool truncated = false;  ///< the limit was reached: there may be more
};

/// One row that breaks a foreign key (PRAGMA foreign_key_check).
struct ForeignKeyViolation
{
    QString table;                ///< the child table
    std::optional<qint64> rowid;  ///< the child row; none for WITHOUT ROWID tables
    QString parent;               ///< the table the key refers to
    int fkid = 0;                 ///< the foreign key's index (PRAGMA foreign_key_list)
};

struct ForeignKeyReport
{
    QList<ForeignKeyViolation> violations;
    bool truncated = false;
    bool ok() const { return violations.isEmpty(); }
};

enum class CheckpointMode { Passive, Full, Restart, Truncate };
QString checkpointModeName(CheckpointMode mode);
std::optional<CheckpointMode> parseCheckpointMode(const QString &name);

/// What a WAL checkpoint did (the three numbers SQLite returns).
struct CheckpointResult
{
    bool walMode = false;       ///< false: the database is not in WAL mode, nothing was done
    QString journalMode;        ///< the database's journal mode
    bool busy = false;          ///< a FULL/RESTART/TRUNCATE checkpoint could not finish
    int logFrames = -1;         ///< frames in the WAL
    int checkpointedFrames = -1;///< frames copied back into the database
};

/// The size of one table or index, from the dbstat virtual table.
struct ObjectSize
{
    QString name;
    QString type;       ///< "table" or "index"
    QString table;      ///< the table an index belongs to (the table itself for a table)
    qint64 bytes = 0;   ///< pages times page size; a table's bytes exclude its indexes
    qint64 pages = 0;
};

/// Size statistics of a database file.
struct SizeStats
{
    qint64 pageSize = 0;
    qint64 pageCount = 0;
    qint64 freelistCount = 0;
    qint64 bytesUsed = 0;   ///< (page_count - freelist_count) * page_size
    qint64 bytesFree = 0;   ///< freelist_count * page_size
    qint64 fileBytes = 0;   ///< size of the database file
    qint64 walBytes = 0;    ///< size of the -wal file, 0 when there is none
    qint64 shmBytes = 0;    ///< size of the -shm file, 0 when there is none
    bool dbstatAvailable = false;
    QString dbstatMessage;  ///< why per-object sizes are missing, when they are
    QList<ObjectSize> objects; ///< every table and index, by name
};

/// Progress of an online backup, reported after each step.
struct BackupProgress
{
    int remaining = 0;
    int total = 0;
};

struct BackupOptions
{
    int pagesPerStep = 128; ///< pages copied per sqlite3_backup_step
    int pauseMs = 0;        ///< pause between steps, to leave the disk to others
    bool overwrite = false; ///< replace an existing destination file
};

struct BackupResult
{
    QString path;
    int pages = 0;
    int steps = 0;
};

/// Maintenance of one open database, through the Manager's connections:
/// VACUUM, VACUUM INTO, online backup, ANALYZE, PRAGMA optimize, checks,
/// WAL checkpoints, size statistics and settings. Every call returns at once;
/// the work runs on the manager's pool (never on the calling thread) and is
/// recorded as an operation of kind Maintenance. Nothing here changes a
/// file's journal mode except setSetting("journal_mode", ...).
class Maintenance final
{
public:
    Maintenance(Manager &manager, const QString &database);

    /// Whether calls are reported to the manager's sinks and signals (the
    /// history, metrics) as operations. On by default; a dashboard turns it
    /// off for the reads it makes by itself, so that only what the user
    /// asked for is recorded.
    void setRecording(bool on) { m_record = on; }
    bool isRecording() const { return m_record; }

    /// VACUUM on the writer, holding the cross-process lock. Refused while a
    /// transaction is open on the writer.
    QFuture<Outcome<Done>> vacuum(const CancelToken &cancel = {});
    /// VACUUM INTO a new file (refused when it exists, unless overwrite).
    QFuture<Outcome<Done>> vacuumInto(const QString &path, bool overwrite = false, const CancelToken &cancel = {});
    /// Online backup with the backup API, a few pages per step, on a reader
    /// connection (the writer stays free). In WAL mode the copy is one
    /// consistent snapshot while writers go on; in rollback modes a write
    /// between steps restarts the copy. progress is called on a worker thread.
    QFuture<Outcome<BackupResult>> backup(const QString &path, const BackupOptions &options = {},
                                          std::function<void(const BackupProgress &)> progress = {},
                                          const CancelToken &cancel = {});
    QFuture<Outcome<Done>> analyze(const CancelToken &cancel = {});
    /// PRAGMA optimize.
    QFuture<Outcome<Done>> optimize(const CancelToken &cancel = {});

    /// PRAGMA integrity_check(maxErrors). Corruption is a result, not an error.
    QFuture<Outcome<CheckResult>> integrityCheck(int maxErrors = 100, const CancelToken &cancel = {});
    /// PRAGMA quick_check(maxErrors).
    QFuture<Outcome<CheckResult>> quickCheck(int maxErrors = 100, const CancelToken &cancel = {});
    /// PRAGMA foreign_key_check: at most maxRows offending rows.
    QFuture<Outcome<ForeignKeyReport>> foreignKeyCheck(int maxRows = 100, const CancelToken &cancel = {});

    /// PRAGMA wal_checkpoint(mode) on the writer; says so when not in WAL mode.
    QFuture<Outcome<CheckpointResult>> checkpoint(CheckpointMode mode = CheckpointMode::Passive);

    /// Page and file sizes, and per-table and per-index sizes where dbstat exists.
    QFuture<Outcome<SizeStats>> sizeStats(const CancelToken &cancel = {});

    /// The settings get/set know: journal_mode, synchronous, cache_size,
    /// mmap_size, auto_vacuum, user_version, application_id, foreign_keys,
    /// busy_timeout, wal_autocheckpoint.
    static QStringList settingNames();
    /// Checks a value for a setting; returns the literal that will be used.
    static Outcome<QString> validateSetting(const QString &name, const QString &value);
    /// Reads a setting on the writer connection.
    QFuture<Outcome<QString>> setting(const QString &name);
    /// Validates, sets on the writer connection and reads the value back.
    /// Per-connection settings (synchronous, cache_size, mmap_size,
    /// foreign_keys, busy_timeout) apply to the writer only.
    QFuture<Outcome<QString>> setSetting(const QString &name, const QString &value);

private:
    template<typename R>
    QFuture<Outcome<R>> run(Route route, const QString &sql, std::function<Outcome<R>(Connection &)> fn,
                            const CancelToken &cancel);

    Manager *m_manager;
    QString m_database;
    bool m_record = true;
};

} // namespace Litehouse
