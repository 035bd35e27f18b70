#pragma once

#include "migrationfile.h"

#include "../canceltoken.h"
#include "../outcome.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <optional>

namespace Litehouse {

class Manager;

/// Where one migration stands, as status() reports it.
struct MigrationStatus
{
    enum class State {
        Applied,  ///< recorded in _migrations, file unchanged
        Pending,  ///< in the folder, not applied
        Changed,  ///< applied, but the up file's checksum differs from the recorded one
        Missing,  ///< applied, but no longer in the folder
        /// Began outside a transaction (no-transaction marker) and never
        /// finished or was recorded: it may be partly applied, and runs
        /// refuse until it is repaired (see MigrationRunner).
        Interrupted,
    };
    qint64 version = 0;
    QString name;
    State state = State::Pending;
    QString appliedAt;       ///< ISO 8601 UTC; empty when pending
    qint64 durationMs = -1;  ///< how long it took to apply; -1 when pending
    bool hasDown = false;    ///< a down file exists
};

/// "applied", "pending", "changed" or "missing".
QString migrationStateName(MigrationStatus::State state);

/// Options of up(), down() and their dry runs.
struct MigrationOptions
{
    /// up: apply up to and including this version (default: the latest).
    /// down: revert every migration above it (default: the last one only).
    std::optional<qint64> target;
    bool allowChanged = false;     ///< run although applied files changed
    bool allowOutOfOrder = false;  ///< apply pending versions below the highest applied one
    int lockTimeoutMs = 30000;     ///< how long to wait for another runner's lock
    bool dryRun = false;           ///< plan only: open nothing for writing, run nothing
    CancelToken cancel;            ///< stops between migrations (and interrupts the running one)
};

/// One migration that a run applied or reverted (or, in a dry run, would).
struct MigrationStep
{
    qint64 version = 0;
    QString name;
    QString file;            ///< "002_add_books.up.sql"
    bool down = false;
    bool noTransaction = false;
    QByteArray sql;
    qint64 durationMs = 0;   ///< 0 in a dry run
};

/// What up() or down() did (or would do, in a dry run).
struct MigrationRun
{
    QList<MigrationStep> steps;
    qint64 fromVersion = 0;  ///< highest applied version before
    qint64 toVersion = 0;    ///< highest applied version after
    bool dryRun = false;
};

/// Applies and reverts the versioned SQL files of one folder on one database.
///
/// Every operation runs off the calling thread and resolves its future to a
/// value or an Error. up() and down() run each migration as one task on the
/// database's writer: `BEGIN IMMEDIATE`, the script, the `_migrations` row,
/// `COMMIT` (or `ROLLBACK` on any failure). A cross-process lock beside the
/// database keeps two runners from applying the same migration twice.
/// status(), validate() and dry runs never create or change the database.
class MigrationRunner final : public QObject
{
    Q_OBJECT
public:
    /// database: a path, or the path or alias of a database open in manager.
    MigrationRunner(Manager &manager, QString database, QString folder, QObject *parent = nullptr);
    /// Stops a run still going after its current migration (or while it
    /// waits for the lock) and waits for it.
    ~MigrationRunner() override;
    Q_DISABLE_COPY_MOVE(MigrationRunner)

    /// Every migration of the folder and of `_migrations`, in version order.
    QFuture<Outcome<QList<MigrationStatus>>> status();
    /// Problems that make up() and down() refuse (changed or missing applied
    /// files, pending versions out of order); empty when all is well. A bad
    /// folder (badly named files, duplicate versions) fails instead.
    QFuture<Outcome<QStringList>> validate(const MigrationOptions &options = {});
    /// Applies pending migrations in version order, up to options.target.
    QFuture<Outcome<MigrationRun>> up(const MigrationOptions &options = {});
    /// Reverts applied migrations, newest first, down to options.target.
    QFuture<Outcome<MigrationRun>> down(const MigrationOptions &options = {});

    const QString &database() const { return m_database; }
    const QString &folder() const { return m_folder; }

Q_SIGNALS:
    /// A migration starts (index counts from 0 up to count - 1).
    void migrationStarted(qint64 version, const QString &file, int index, int count);
    /// A migration and its bookkeeping row were committed.
    void migrationFinished(qint64 version, const QString &file, qint64 durationMs);
    /// A migration failed and was rolled back; the run stops.
    void migrationFailed(qint64 version, const QString &file, const Litehouse::Error &error);

private:
    /// The database's file path (its directory made canonical, so that every
    /// runner agrees on the lock file); empty with *error set when unusable.
    QString databasePath(QString *error) const;
    Outcome<QList<MigrationStatus>> readStatus() const;
    Outcome<MigrationRun> run(bool down, const MigrationOptions &options);
    Outcome<MigrationRun> runLocked(bool down, const MigrationOptions &options, const QString &path,
                                    const QList<MigrationFile> &files);
    bool stopRequested(const MigrationOptions &options) const
    {
        return options.cancel.isCancelled() || m_shutdown.isCancelled();
    }
    Outcome<MigrationStep> runStep(const QString &path, const MigrationFile &m, bool down, const CancelToken &cancel);

    Manager &m_manager;
    QString m_database;
    QString m_folder;
    QThreadPool m_pool;
    CancelToken m_shutdown; ///< cancelled by the destructor
};

} // namespace Litehouse
