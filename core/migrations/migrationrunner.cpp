#include "migrationrunner.h"

#include "../connection.h"
#include "../logging.h"
#include "../manager_p.h"
#include "../processlock.h"
#include "../async_p.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <QThread>
#include <QThreadPool>

#include <sqlite3.h>

#include <algorithm>

namespace Litehouse {

namespace {

/// One row of _migrations.
struct AppliedRow
{
    qint64 version = 0;
    QString name;
    QString checksum;
    QString appliedAt;
    qint64 durationMs = 0;
    bool interrupted = false; ///< a row of _migrations_interrupted (appliedAt: when it started)
};

constexpr const char *createTable =
    "CREATE TABLE IF NOT EXISTS _migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL, duration_ms INTEGER NOT NULL)";
constexpr const char *hasTable = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_migrations'";
constexpr const char *selectApplied =
    "SELECT version, name, checksum, applied_at, duration_ms FROM _migrations ORDER BY version";
constexpr int lockPollMs = 50;

// A migration that runs outside a transaction cannot be recorded in the
// same transaction as its changes: a crash between the two would leave it
// applied but unrecorded, and the next run would apply it again. So it is
// noted here, committed, before it starts, and the note goes in the same
// transaction that records it. A note that is still there means the
// migration was interrupted: runs refuse until someone repairs it.
constexpr const char *createInterrupted =
    "CREATE TABLE IF NOT EXISTS _migrations_interrupted(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "direction TEXT NOT NULL, started_at TEXT NOT NULL)";
constexpr const char *hasInterrupted =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_migrations_interrupted'";
constexpr const char *selectInterrupted =
    "SELECT version, name, started_at FROM _migrations_interrupted ORDER BY version";

/// Drops leading blanks and comments.
QByteArray stripLeadingComments(QByteArray s)
{
    for (;;) {
        s = s.trimmed();
        if (s.startsWith("--")) {
            const qsizetype nl = s.indexOf('\n');
            s = nl < 0 ? QByteArray() : s.mid(nl + 1);
        } else if (s.startsWith("/*")) {
            const qsizetype end = s.indexOf("*/");
            s = end < 0 ? QByteArray() : s.mid(end + 2);
        } else {
            return s;
        }
    }
}

/// The statement of a script that contains the byte at offset, split the way
/// SQLite does (sqlite3_complete knows strings, comments and trigger bodies).
QByteArray statementAt(const QByteArray &script, int offset)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < script.size(); ++i) {
        if (script.at(i) != ';')
            continue;
        const QByteArray piece = script.mid(start, i - start + 1);
        if (!sqlite3_complete(piece.constData()))
            continue;
        if (offset <= i)
            return stripLeadingComments(piece);
        start = i + 1;
    }
    return stripLeadingComments(script.mid(start));
}

int lineAt(const QByteArray &script, int offset)
{
    return int(script.left(qBound(0, offset, int(script.size()))).count('\n')) + 1;
}

/// Names the file, the line, the failing statement and SQLite's message.
Error describeFailure(Error e, const QString &file, const QByteArray &script, bool noTransaction)
{
    if (e.kind() == Error::Kind::Interrupted)
        return e.withMessage(noTransaction ? QStringLiteral("migration %1 was cancelled (it runs outside a transaction: "
                                                            "what it did before stays, and it needs repair before "
                                                            "migrations run again)").arg(file)
                                           : QStringLiteral("migration %1 was cancelled and rolled back").arg(file));
    if (e.offset() < 0 || e.sql().isEmpty())
        return e.withMessage(QStringLiteral("migration %1 failed: %2").arg(file, e.message()));
    const QString statement = QString::fromUtf8(statementAt(script, e.offset())).simplified();
    return e.withMessage(QStringLiteral("migration %1 failed at line %2: %3; statement: %4")
                             .arg(file)
                             .arg(lineAt(script, e.offset()))
                             .arg(e.message(), statement));
}

Outcome<QList<AppliedRow>> readRows(Connection &c)
{
    auto t = c.execute(hasTable);
    if (!t)
        return t.error();
    QList<AppliedRow> out;
    if (t.value().rows.at(0, 0).toInt() == 0)
        return out; // a database without the table has nothing applied
    auto r = c.execute(selectApplied);
    if (!r)
        return r.error();
    const ResultSet &rows = r.value().rows;
    for (qsizetype i = 0; i < rows.rowCount(); ++i)
        out.append({rows.at(i, 0).toInt(), rows.at(i, 1).toString(), rows.at(i, 2).toString(),
                    rows.at(i, 3).toString(), rows.at(i, 4).toInt()});
    auto ti = c.execute(hasInterrupted);
    if (!ti)
        return ti.error();
    if (ti.value().rows.at(0, 0).toInt() > 0) {
        auto n = c.execute(selectInterrupted);
        if (!n)
            return n.error();
        for (qsizetype i = 0; i < n.value().rows.rowCount(); ++i) {
            AppliedRow a;
            a.version = n.value().rows.at(i, 0).toInt();
            a.name = n.value().rows.at(i, 1).toString();
            a.appliedAt = n.value().rows.at(i, 2).toString();
            a.interrupted = true;
            out.append(a);
        }
    }
    return out;
}

/// Reads _migrations without creating or changing anything: a file that
/// does not exist has nothing applied; an existing one is opened read-only.
Outcome<QList<AppliedRow>> readAppliedReadOnly(const QString &path)
{
    if (!QFileInfo::exists(path))
        return QList<AppliedRow>{};
    Connection c(path, Connection::Role::Writer);
    OpenOptions o;
    o.readOnly = true;
    o.create = false;
    if (auto r = c.open(o); !r)
        return r.error();
    auto rows = readRows(c);
    c.close();
    return rows;
}

QList<MigrationStatus> statusOf(const QList<MigrationFile> &files, const QList<AppliedRow> &applied)
{
    QMap<qint64, MigrationStatus> out;
    QMap<qint64, QString> checksums;
    for (const MigrationFile &f : files) {
        MigrationStatus s;
        s.version = f.version;
        s.name = f.name;
        s.hasDown = f.hasDown();
        out.insert(f.version, s);
        checksums.insert(f.version, f.checksum);
    }
    for (const AppliedRow &a : applied) {
        if (a.interrupted)
            continue; // below, over whatever else is known of it
        auto it = out.find(a.version);
        if (it == out.end()) {
            it = out.insert(a.version, MigrationStatus{});
            it->version = a.version;
            it->name = a.name;
            it->state = MigrationStatus::State::Missing;
        } else {
            it->state = checksums.value(a.version) == a.checksum ? MigrationStatus::State::Applied
                                                                  : MigrationStatus::State::Changed;
        }
        it->appliedAt = a.appliedAt;
        it->durationMs = a.durationMs;
    }
    for (const AppliedRow &a : applied) {
        if (!a.interrupted)
            continue;
        auto it = out.find(a.version);
        if (it == out.end()) {
            it = out.insert(a.version, MigrationStatus{});
            it->version = a.version;
            it->name = a.name;
        }
        it->state = MigrationStatus::State::Interrupted;
        it->appliedAt = a.appliedAt;
    }
    return out.values();
}

bool isApplied(const MigrationStatus &s)
{
    return s.state != MigrationStatus::State::Pending;
}

qint64 currentVersion(const QList<MigrationStatus> &statuses)
{
    qint64 v = 0;
    for (const MigrationStatus &s : statuses)
        if (isApplied(s))
            v = qMax(v, s.version);
    return v;
}

QString label(const MigrationStatus &s)
{
    return QStringLiteral("%1 (%2)").arg(s.version).arg(s.name);
}

/// What makes up() and down() refuse; with missing, what validate() reports.
QStringList problemsOf(const QList<MigrationStatus> &statuses, const MigrationOptions &options, bool withMissing)
{
    QStringList problems;
    const qint64 current = currentVersion(statuses);
    for (const MigrationStatus &s : statuses) {
        if (s.state == MigrationStatus::State::Changed && !options.allowChanged)
            problems << QStringLiteral("migration %1 was changed after it was applied (its checksum differs; "
                                       "use --allow-changed to run anyway)").arg(label(s));
        else if (s.state == MigrationStatus::State::Pending && s.version < current && !options.allowOutOfOrder)
            problems << QStringLiteral("migration %1 is pending but below the current version %2 (use "
                                       "--allow-out-of-order to apply it)").arg(label(s)).arg(current);
        else if (s.state == MigrationStatus::State::Missing && withMissing)
            problems << QStringLiteral("migration %1 is applied but its file is no longer in the folder").arg(label(s));
        else if (s.state == MigrationStatus::State::Interrupted)
            problems << QStringLiteral("migration %1 needs repair: it started at %2 outside a transaction and never "
                                       "finished, so it may be partly applied. Finish or undo its changes by hand, "
                                       "then run DELETE FROM _migrations_interrupted WHERE version = %3; to let "
                                       "migrations run again")
                            .arg(label(s), s.appliedAt)
                            .arg(s.version);
    }
    return problems;
}

/// The steps an up or down run takes, in order, or why it refuses.
Outcome<MigrationRun> plan(const QList<MigrationFile> &files, const QList<MigrationStatus> &statuses, bool down,
                           const MigrationOptions &options)
{
    if (const QStringList problems = problemsOf(statuses, options, false); !problems.isEmpty())
        return Error::invalid(QStringLiteral("refusing to migrate: %1").arg(problems.join(QStringLiteral("; "))));
    if (options.target && *options.target < 0)
        return Error::invalid(QStringLiteral("target version %1 is negative").arg(*options.target));
    QMap<qint64, const MigrationFile *> byVersion;
    for (const MigrationFile &f : files)
        byVersion.insert(f.version, &f);
    MigrationRun run;
    run.dryRun = options.dryRun;
    run.fromVersion = run.toVersion = currentVersion(statuses);
    auto step = [&](const MigrationFile &f) {
        MigrationStep s;
        s.version = f.version;
        s.name = f.name;
        s.down = down;
        s.file = f.fileName(down);
        s.sql = down ? f.downSql : f.upSql;
        s.noTransaction = MigrationFile::isNoTransaction(s.sql);
        return s;
    };
    if (!down) {
        if (options.target && *options.target < run.fromVersion)
            return Error::invalid(QStringLiteral("up --target %1 is below the current version %2; use down --target %1 "
                                                 "to revert").arg(*options.target).arg(run.fromVersion));
        for (const MigrationStatus &s : statuses) {
            if (s.state != MigrationStatus::State::Pending || (options.target && s.version > *options.target))
                continue;
            run.steps.append(step(*byVersion.value(s.version)));
            run.toVersion = qMax(run.toVersion, s.version);
        }
        return run;
    }
    QList<MigrationStatus> applied;
    for (const MigrationStatus &s : statuses)
        if (isApplied(s))
            applied.append(s);
    if (applied.isEmpty())
        return run;
    const qint64 target = options.target ? *options.target : applied.size() > 1 ? applied.at(applied.size() - 2).version : 0;
    if (target > run.fromVersion)
        return Error::invalid(QStringLiteral("down --target %1 is above the current version %2; use up --target %1")
                                  .arg(target).arg(run.fromVersion));
    run.toVersion = 0;
    for (auto it = applied.crbegin(); it != applied.crend(); ++it) {
        if (it->version <= target) {
            run.toVersion = qMax(run.toVersion, it->version);
            continue;
        }
        if (it->state == MigrationStatus::State::Missing)
            return Error::invalid(QStringLiteral("cannot revert migration %1: its files are no longer in the folder")
                                      .arg(label(*it)));
        const MigrationFile *f = byVersion.value(it->version);
        if (!f->hasDown())
            return Error::invalid(QStringLiteral("cannot revert migration %1: there is no %2").arg(label(*it), f->fileName(true)));
        run.steps.append(step(*f));
    }
    return run;
}

} // namespace

QString migrationStateName(MigrationStatus::State state)
{
    switch (state) {
    case MigrationStatus::State::Applied: return QStringLiteral("applied");
    case MigrationStatus::State::Pending: return QStringLiteral("pending");
    case MigrationStatus::State::Changed: return QStringLiteral("changed");
    case MigrationStatus::State::Missing: return QStringLiteral("missing");
    case MigrationStatus::State::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

MigrationRunner::MigrationRunner(Manager &manager, QString database, QString folder, QObject *parent)
    : QObject(parent), m_manager(manager), m_database(std::move(database)), m_folder(std::move(folder))
{
    qRegisterMetaType<Litehouse::Error>();
    m_pool.setMaxThreadCount(2);
}

MigrationRunner::~MigrationRunner()
{
    m_shutdown.cancel();
    m_pool.waitForDone();
}

QString MigrationRunner::databasePath(QString *error) const
{
    QString path = m_manager.resolve(m_database);
    if (path.isEmpty())
        path = m_database;
    if (path.isEmpty() || path == QLatin1String(":memory:") || path.startsWith(QLatin1String("file:"))) {
        *error = QStringLiteral("migrations need a database file, not \"%1\"").arg(path);
        return {};
    }
    const QFileInfo fi(path);
    if (fi.isDir()) {
        *error = QStringLiteral("%1 is a directory, not a database file").arg(path);
        return {};
    }
    const QString dir = QDir(fi.absolutePath()).canonicalPath();
    if (dir.isEmpty()) {
        *error = QStringLiteral("the folder of %1 does not exist").arg(path);
        return {};
    }
    return dir + QLatin1Char('/') + fi.fileName();
}

// Files and the applied set read without creating or changing the database.
Outcome<QList<MigrationStatus>> MigrationRunner::readStatus() const
{
    auto files = MigrationFile::scan(m_folder);
    if (!files)
        return files.error();
    QString error;
    const QString path = databasePath(&error);
    if (path.isEmpty())
        return Error::invalid(error);
    auto applied = readAppliedReadOnly(path);
    if (!applied)
        return applied.error();
    return statusOf(files.value(), applied.value());
}

QFuture<Outcome<QList<MigrationStatus>>> MigrationRunner::status()
{
    return runOnPool(&m_pool, [this] { return readStatus(); });
}

QFuture<Outcome<QStringList>> MigrationRunner::validate(const MigrationOptions &options)
{
    return runOnPool(&m_pool, [this, options]() -> Outcome<QStringList> {
        auto status = readStatus();
        if (!status)
            return status.error();
        return problemsOf(status.value(), options, true);
    });
}

QFuture<Outcome<MigrationRun>> MigrationRunner::up(const MigrationOptions &options)
{
    return runOnPool(&m_pool, [this, options] { return run(false, options); });
}

QFuture<Outcome<MigrationRun>> MigrationRunner::down(const MigrationOptions &options)
{
    return runOnPool(&m_pool, [this, options] { return run(true, options); });
}

Outcome<MigrationRun> MigrationRunner::run(bool down, const MigrationOptions &options)
{
    auto files = MigrationFile::scan(m_folder);
    if (!files)
        return files.error();
    QString error;
    const QString path = databasePath(&error);
    if (path.isEmpty())
        return Error::invalid(error);
    // A dry run, or a down run on a file that does not exist, changes nothing:
    // read what is applied without a lock and without opening for writing.
    if (options.dryRun || (down && !QFileInfo::exists(path))) {
        auto applied = readAppliedReadOnly(path);
        if (!applied)
            return applied.error();
        return plan(files.value(), statusOf(files.value(), applied.value()), down, options);
    }

    // Polled rather than waited on, so that a cancel is seen while waiting.
    ProcessLock lock(path);
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        auto r = lock.acquire(0);
        if (r)
            break;
        if (r.error().kind() != Error::Kind::Locked)
            return r.error();
        if (stopRequested(options))
            return Error::interrupted(QStringLiteral("cancelled while waiting for another migration run"));
        if (waited.elapsed() >= options.lockTimeoutMs)
            return Error(Error::Kind::Locked,
                         QStringLiteral("another migration is running on %1 (%2); gave up after %3 s")
                             .arg(path, r.error().message())
                             .arg(options.lockTimeoutMs / 1000.0))
                .withDatabase(path);
        if (waited.elapsed() < lockPollMs)
            qCDebug(lcMigrations) << "waiting for the migration lock of" << path << r.error().message();
        QThread::msleep(lockPollMs);
    }
    qCDebug(lcMigrations) << "took the migration lock of" << path << "after" << waited.elapsed() << "ms";

    const bool openedHere = !m_manager.isOpen(path);
    if (openedHere) {
        auto o = await(m_manager.open(path));
        if (!o)
            return o.error();
    }
    auto result = runLocked(down, options, path, files.value());
    if (openedHere)
        await(m_manager.close(path));
    lock.release();
    return result;
}

Outcome<MigrationRun> MigrationRunner::runLocked(bool down, const MigrationOptions &options, const QString &path,
                                                 const QList<MigrationFile> &files)
{
    // Read under the lock: a runner that waited sees what the other applied.
    auto applied = await(m_manager.withConnection<QList<AppliedRow>>(
        path, Route::Writer, [](Connection &c) { return readRows(c); }, options.cancel));
    if (!applied)
        return applied.error();
    auto planned = plan(files, statusOf(files, applied.value()), down, options);
    if (!planned)
        return planned.error();
    QMap<qint64, const MigrationFile *> byVersion;
    for (const MigrationFile &f : files)
        byVersion.insert(f.version, &f);

    MigrationRun done = planned.value();
    done.steps.clear();
    qint64 version = done.fromVersion;
    const QList<MigrationStep> &steps = planned.value().steps;
    for (int i = 0; i < steps.size(); ++i) {
        const MigrationStep &s = steps.at(i);
        if (stopRequested(options))
            return Error::interrupted(QStringLiteral("migration run cancelled after %1 of %2 migrations; the database "
                                                     "is at version %3").arg(i).arg(steps.size()).arg(version))
                .withDatabase(path);
        qCDebug(lcMigrations) << "running" << s.file << "on" << path << (s.noTransaction ? "(no transaction)" : "");
        Q_EMIT migrationStarted(s.version, s.file, i, int(steps.size()));
        auto r = runStep(path, *byVersion.value(s.version), down, options.cancel);
        if (!r) {
            Error e = r.error();
            e.withMessage(QStringLiteral("%1; the database stays at version %2").arg(e.message()).arg(version));
            qCInfo(lcMigrations).noquote() << e.message();
            Q_EMIT migrationFailed(s.version, s.file, e);
            return e;
        }
        done.steps.append(r.value());
        if (down) {
            // The next version down is the highest applied one below this.
            version = 0;
            for (const AppliedRow &a : applied.value())
                if (!a.interrupted && a.version < s.version)
                    version = qMax(version, a.version);
        } else {
            version = qMax(version, s.version);
        }
        Q_EMIT migrationFinished(s.version, s.file, r.value().durationMs);
    }
    done.toVersion = version;
    return done;
}

Outcome<MigrationStep> MigrationRunner::runStep(const QString &path, const MigrationFile &m, bool down,
                                               const CancelToken &cancel)
{
    MigrationStep step;
    step.version = m.version;
    step.name = m.name;
    step.down = down;
    step.file = m.fileName(down);
    step.sql = down ? m.downSql : m.upSql;
    step.noTransaction = MigrationFile::isNoTransaction(step.sql);

    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = path;
    op.kind = OperationRecord::Kind::Migration;
    op.sql = QStringLiteral("-- %1\n%2").arg(step.file, QString::fromUtf8(step.sql));
    op.statementType = QStringLiteral("OTHER");
    const QString appliedAt = op.timestamp.toString(Qt::ISODateWithMs);

    std::function<Outcome<qint64>(Connection &)> fn = [step, m, appliedAt, cancel](Connection &c) -> Outcome<qint64> {
        QElapsedTimer timer;
        timer.start();
        // Detach the cancel first so that nothing interrupts the rollback.
        auto abort = [&c](const Error &e) -> Outcome<qint64> {
            c.endTask();
            if (!c.autocommit())
                c.exec("ROLLBACK");
            return e;
        };
        if (!step.noTransaction) {
            if (auto r = c.exec("BEGIN IMMEDIATE"); !r)
                return Error(r.error()).withMessage(QStringLiteral("migration %1 could not begin its transaction: %2")
                                                        .arg(step.file, r.error().message()));
        } else {
            // Noted, and committed, before anything of it runs (see createInterrupted).
            auto note = [&]() -> Outcome<Done> {
                if (auto r = c.exec("BEGIN IMMEDIATE"); !r)
                    return r.error();
                if (auto r = c.exec(createInterrupted); !r)
                    return r.error();
                auto r = c.execute("INSERT OR REPLACE INTO _migrations_interrupted(version, name, direction, started_at) "
                                   "VALUES (?, ?, ?, ?)",
                                   {Value(m.version), Value(m.name), Value(step.down ? QStringLiteral("down") : QStringLiteral("up")),
                                    Value(appliedAt)},
                                   Fetch::none());
                if (!r)
                    return r.error();
                return c.exec("COMMIT");
            }();
            if (!note) {
                if (!c.autocommit())
                    c.exec("ROLLBACK");
                return Error(note.error()).withMessage(QStringLiteral("migration %1 could not be noted as started, so "
                                                                      "it did not run: %2")
                                                           .arg(step.file, note.error().message()));
            }
        }
        auto s = c.executeScript(step.sql, {}, Fetch::all(), cancel);
        if (!s) {
            Error e = describeFailure(s.error(), step.file, step.sql, step.noTransaction);
            if (step.noTransaction && e.kind() != Error::Kind::Interrupted)
                e.withMessage(e.message()
                              + QStringLiteral(" (it ran outside a transaction and may be partly applied: it needs "
                                               "repair before migrations run again)"));
            return abort(e);
        }
        if (!step.noTransaction && c.autocommit())
            return abort(Error::invalid(QStringLiteral("migration %1 ended its own transaction (COMMIT or ROLLBACK in "
                                                       "the file); start it with \"%2\" to manage transactions yourself")
                                            .arg(step.file, QLatin1String(MigrationFile::noTransactionMarker))));
        const qint64 ms = timer.elapsed();
        if (step.noTransaction)
            if (auto r = c.exec("BEGIN IMMEDIATE"); !r)
                return Error(r.error()).withMessage(QStringLiteral("migration %1 ran, but recording it failed: %2")
                                                        .arg(step.file, r.error().message()));
        if (auto r = c.exec(createTable); !r)
            return abort(r.error());
        if (step.noTransaction)
            if (auto r = c.execute("DELETE FROM _migrations_interrupted WHERE version = ?", {Value(m.version)}, Fetch::none()); !r)
                return abort(r.error());
        if (step.down) {
            auto r = c.execute("DELETE FROM _migrations WHERE version = ?", {Value(m.version)}, Fetch::none());
            if (!r)
                return abort(r.error());
            if (r.value().rowsAffected != 1)
                return abort(Error::invalid(QStringLiteral("migration %1 is no longer recorded as applied")
                                                .arg(step.file)));
        } else {
            auto r = c.execute("INSERT INTO _migrations(version, name, checksum, applied_at, duration_ms) "
                               "VALUES (?, ?, ?, ?, ?)",
                               {Value(m.version), Value(m.name), Value(m.checksum), Value(appliedAt), Value(ms)},
                               Fetch::none());
            if (!r)
                return abort(r.error());
        }
        if (auto r = c.exec("COMMIT"); !r)
            return abort(r.error());
        return ms;
    };
    QElapsedTimer timer;
    timer.start();
    auto r = await(m_manager.withConnection<qint64>(path, Route::Writer, fn, cancel));
    op.durationNs = timer.nsecsElapsed();
    if (!r) {
        op.outcome = r.error().kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled
                                                                  : OperationRecord::Outcome::Error;
        op.error = r.error().message();
        op.errorCode = r.error().extendedCode();
        detail::ManagerAccess::report(m_manager, op, r.error());
        return r.error();
    }
    detail::ManagerAccess::report(m_manager, op, Error());
    step.durationMs = r.value();
    return step;
}

} // namespace Litehouse
