#include "maintenance.h"

#include "../manager_p.h"

#include "../hardening.h"
#include "../processlock.h"
#include "../sqlclassify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>

#include <limits>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

namespace Litehouse {

namespace {

int syncPath(const QByteArray &path, int flags)
{
    const int fd = ::open(path.constData(), flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const int rc = ::fsync(fd);
    ::close(fd);
    return rc;
}

// Puts a finished copy (backup, VACUUM INTO) in place of target so that
// target is, at every moment and after a crash or power loss, either the old
// file whole or the new one whole: the copy is synced, renamed over target
// (rename is atomic), and the folder is synced so the rename lasts. Without
// overwrite, link() refuses an existing target just as atomically. On any
// failure the copy is removed and target is left as it was.
Outcome<Done> replaceFile(const QString &partial, const QString &target, bool overwrite)
{
    const QByteArray from = QFile::encodeName(partial);
    const QByteArray to = QFile::encodeName(target);
    auto fail = [&](const QString &what) -> Outcome<Done> {
        const QString reason = QString::fromLocal8Bit(strerror(errno));
        QFile::remove(partial);
        return Error(Error::Kind::Io, QStringLiteral("%1: %2").arg(what, reason));
    };
    if (syncPath(from, O_RDONLY) != 0)
        return fail(QStringLiteral("cannot write %1 to disk").arg(partial));
    if (overwrite) {
        if (::rename(from.constData(), to.constData()) != 0)
            return fail(QStringLiteral("cannot move the copy into place at %1").arg(target));
    } else {
        if (::link(from.constData(), to.constData()) != 0) {
            if (errno == EEXIST) {
                QFile::remove(partial);
                return Error(Error::Kind::Io, QStringLiteral("%1 appeared meanwhile; refusing to overwrite it").arg(target));
            }
            return fail(QStringLiteral("cannot move the copy into place at %1").arg(target));
        }
        ::unlink(from.constData());
    }
    // The copy is in place; a failed folder sync only weakens what survives
    // a power loss, so it is reported rather than undone.
    if (syncPath(QFile::encodeName(QFileInfo(target).absolutePath()), O_RDONLY | O_DIRECTORY) != 0)
        return Error(Error::Kind::Io, QStringLiteral("%1 is in place, but its folder could not be synced: %2")
                                          .arg(target, QString::fromLocal8Bit(strerror(errno))));
    return Done{};
}

template<typename R>
QFuture<Outcome<R>> ready(Error e)
{
    return QtFuture::makeReadyFuture(Outcome<R>(std::move(e)));
}

bool isCorruption(const Error &e)
{
    return e.code() == SQLITE_CORRUPT || e.code() == SQLITE_NOTADB;
}

Outcome<QString> pragmaText(Connection &c, const QByteArray &pragma, const CancelToken &cancel = {})
{
    auto r = c.execute(pragma, {}, Fetch::one(), cancel);
    if (!r)
        return r.error();
    if (r.value().rows.rowCount() == 0)
        return QString();
    return r.value().rows.at(0, 0).toString();
}

Outcome<qint64> pragmaInt(Connection &c, const QByteArray &pragma)
{
    auto r = c.execute(pragma, {}, Fetch::one());
    if (!r)
        return r.error();
    if (r.value().rows.rowCount() == 0)
        return Error::sqlite(SQLITE_ERROR, QStringLiteral("%1 returned no row").arg(QString::fromUtf8(pragma)));
    return r.value().rows.at(0, 0).toInt();
}

qint64 fileSize(const QString &path)
{
    const QFileInfo fi(path);
    return fi.exists() ? fi.size() : 0;
}

bool parseInt(const QString &s, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 v = s.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return false;
    *out = v;
    return true;
}

} // namespace

QString checkpointModeName(CheckpointMode mode)
{
    switch (mode) {
    case CheckpointMode::Passive: return QStringLiteral("PASSIVE");
    case CheckpointMode::Full: return QStringLiteral("FULL");
    case CheckpointMode::Restart: return QStringLiteral("RESTART");
    case CheckpointMode::Truncate: return QStringLiteral("TRUNCATE");
    }
    return {};
}

std::optional<CheckpointMode> parseCheckpointMode(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("passive"))
        return CheckpointMode::Passive;
    if (n == QLatin1String("full"))
        return CheckpointMode::Full;
    if (n == QLatin1String("restart"))
        return CheckpointMode::Restart;
    if (n == QLatin1String("truncate"))
        return CheckpointMode::Truncate;
    return std::nullopt;
}

Maintenance::Maintenance(Manager &manager, const QString &database) : m_manager(&manager), m_database(database) {}

template<typename R>
QFuture<Outcome<R>> Maintenance::run(Route route, const QString &sql, std::function<Outcome<R>(Connection &)> fn,
                                     const CancelToken &cancel)
{
    const QString path = m_manager->resolve(m_database);
    if (path.isEmpty())
        return ready<R>(Error(Error::Kind::NotOpen, QStringLiteral("no open database \"%1\"").arg(m_database)));
    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = path;
    if (m_database != path)
        op.alias = m_database;
    op.sql = sql;
    op.kind = OperationRecord::Kind::Maintenance;
    op.statementType = statementTypeName(classifyStatement(sql.toUtf8()).kind);
    Manager *manager = m_manager;
    const bool record = m_record;
    auto wrapped = [manager, op, record, fn = std::move(fn)](Connection &c) mutable -> Outcome<R> {
        QElapsedTimer t;
        t.start();
        Outcome<R> r = fn(c);
        op.durationNs = t.nsecsElapsed();
        Error e;
        if (!r) {
            e = r.error();
            if (e.database().isEmpty())
                e.withDatabase(c.path());
            op.outcome = e.kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled
                                                              : OperationRecord::Outcome::Error;
            op.error = e.message();
            op.errorCode = e.extendedCode();
        }
        if (record)
            detail::ManagerAccess::report(*manager, op, e);
        return r;
    };
    return m_manager->withConnection<R>(m_database, route, std::move(wrapped), cancel);
}

QFuture<Outcome<Done>> Maintenance::vacuum(const CancelToken &cancel)
{
    static const QString refused =
        QStringLiteral("VACUUM refused: a transaction is open on %1; commit or roll back first");
    if (m_manager->transactionState(m_database).active)
        return ready<Done>(Error::invalid(refused.arg(m_database)));
    return run<Done>(Route::Writer, QStringLiteral("VACUUM"), [cancel](Connection &c) -> Outcome<Done> {
        // The state above may be stale: SQLite itself decides.
        if (!c.autocommit())
            return Error::invalid(refused.arg(c.path()));
        ProcessLock lock(c.path());
        if (auto l = lock.acquire(2000); !l)
            return Error(l.error().kind(), QStringLiteral("VACUUM refused: %1").arg(l.error().message()));
        auto r = c.execute("VACUUM", {}, Fetch::none(), cancel);
        if (!r)
            return r.error();
        return Done{};
    }, cancel);
}

QFuture<Outcome<Done>> Maintenance::vacuumInto(const QString &path, bool overwrite, const CancelToken &cancel)
{
    if (path.isEmpty())
        return ready<Done>(Error::invalid(QStringLiteral("VACUUM INTO needs a file name")));
    const QString target = QFileInfo(path).absoluteFilePath();
    return run<Done>(Route::Reader, QStringLiteral("VACUUM INTO ?"), [target, overwrite, cancel](Connection &c) -> Outcome<Done> {
        if (!overwrite && QFileInfo::exists(target))
            return Error(Error::Kind::Io, QStringLiteral("%1 exists; refusing to overwrite it").arg(target));
        // Written beside the target and moved over it only when whole: the
        // old file stays until then (see replaceFile()).
        const QString partial = target + QStringLiteral(".litehouse-partial");
        QFile::remove(partial);
        auto dropPartial = qScopeGuard([&] {
            QFile::remove(partial);
            QFile::remove(partial + QStringLiteral("-journal"));
        });
        // Reader connections are read-only, and SQLite writes VACUUM INTO's
        // output through the connection that runs it: use a private
        // read-write connection so the writer stays free for the whole copy.
        sqlite3 *db = nullptr;
        int rc = sqlite3_open_v2(c.path().toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
        auto closeDb = qScopeGuard([&] { sqlite3_close_v2(db); });
        if (rc != SQLITE_OK)
            return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
        if (auto h = hardenConnection(db); !h)
            return h.error();
        sqlite3_busy_timeout(db, 5000);
        sqlite3_progress_handler(db, 1000, [](void *token) -> int {
            return static_cast<const CancelToken *>(token)->isCancelled() ? 1 : 0;
        }, const_cast<CancelToken *>(&cancel));
        sqlite3_stmt *stmt = nullptr;
        rc = sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &stmt, nullptr);
        if (rc == SQLITE_OK) {
            const QByteArray file = partial.toUtf8();
            sqlite3_bind_text(stmt, 1, file.constData(), int(file.size()), SQLITE_TRANSIENT);
            rc = sqlite3_step(stmt);
        }
        sqlite3_finalize(stmt);
        if (rc == SQLITE_DONE || rc == SQLITE_OK) {
            dropPartial.dismiss();
            return replaceFile(partial, target, overwrite);
        }
        if (rc == SQLITE_INTERRUPT || cancel.isCancelled())
            return Error::interrupted(QStringLiteral("VACUUM INTO %1 cancelled").arg(target));
        return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db))).withSql(QStringLiteral("VACUUM INTO ?"));
    }, cancel);
}

QFuture<Outcome<BackupResult>> Maintenance::backup(const QString &path, const BackupOptions &options,
                                                   std::function<void(const BackupProgress &)> progress,
                                                   const CancelToken &cancel)
{
    if (path.isEmpty())
        return ready<BackupResult>(Error::invalid(QStringLiteral("a backup needs a destination file")));
    if (options.pagesPerStep < 1)
        return ready<BackupResult>(Error::invalid(QStringLiteral("pages per backup step must be at least 1")));
    const QString target = QFileInfo(path).absoluteFilePath();
    if (!options.overwrite && QFileInfo::exists(target))
        return ready<BackupResult>(Error(Error::Kind::Io, QStringLiteral("%1 exists; refusing to overwrite it").arg(target)));
    auto fn = [target, options, progress, cancel](Connection &c) -> Outcome<BackupResult> {
        if (QFileInfo(target).absoluteFilePath() == QFileInfo(c.path()).absoluteFilePath())
            return Error::invalid(QStringLiteral("cannot back up %1 onto itself").arg(target));
        auto mode = pragmaText(c, "PRAGMA journal_mode");
        if (!mode)
            return mode.error();
        sqlite3 *src = c.handle();
        // In WAL mode one read transaction pins a snapshot for the whole copy
        // while the writer goes on; in rollback modes it would block the
        // writer, so each step takes its own lock and a write restarts the copy.
        const bool snapshot = mode.value() == QLatin1String("wal") && sqlite3_get_autocommit(src);
        if (snapshot && sqlite3_exec(src, "BEGIN; SELECT 1 FROM sqlite_schema LIMIT 1;", nullptr, nullptr, nullptr) != SQLITE_OK) {
            Error e = c.lastError(sqlite3_errcode(src));
            sqlite3_exec(src, "ROLLBACK", nullptr, nullptr, nullptr);
            return e;
        }
        auto endSnapshot = qScopeGuard([&] {
            if (snapshot)
                sqlite3_exec(src, "ROLLBACK", nullptr, nullptr, nullptr);
        });
        const QString partial = target + QStringLiteral(".litehouse-partial");
        QFile::remove(partial);
        sqlite3 *dest = nullptr;
        int rc = sqlite3_open_v2(partial.toUtf8().constData(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        auto dropDest = [&] {
            sqlite3_close_v2(dest);
            dest = nullptr;
            QFile::remove(partial);
            QFile::remove(partial + QStringLiteral("-journal"));
        };
        if (rc != SQLITE_OK) {
            const QString msg = QStringLiteral("cannot create %1: %2").arg(partial, QString::fromUtf8(sqlite3_errmsg(dest)));
            dropDest();
            return Error(Error::Kind::Io, msg);
        }
        if (auto h = hardenConnection(dest); !h) {
            dropDest();
            return h.error();
        }
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
        if (!b) {
            const Error e = Error::sqlite(sqlite3_extended_errcode(dest), QString::fromUtf8(sqlite3_errmsg(dest)));
            dropDest();
            return e;
        }
        BackupResult result;
        result.path = target;
        for (;;) {
            if (cancel.isCancelled()) {
                sqlite3_backup_finish(b);
                dropDest();
                return Error::interrupted(QStringLiteral("backup to %1 cancelled").arg(target));
            }
            rc = sqlite3_backup_step(b, options.pagesPerStep);
            ++result.steps;
            if (progress)
                progress({sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b)});
            if (rc == SQLITE_DONE)
                break;
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                QThread::msleep(5);
                continue;
            }
            if (rc != SQLITE_OK) {
                sqlite3_backup_finish(b);
                const Error e = Error::sqlite(rc, QStringLiteral("backup failed: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))));
                dropDest();
                return e;
            }
            if (options.pauseMs > 0)
                QThread::msleep(ulong(options.pauseMs));
        }
        result.pages = sqlite3_backup_pagecount(b);
        rc = sqlite3_backup_finish(b);
        if (rc != SQLITE_OK) {
            const Error e = Error::sqlite(rc, QStringLiteral("backup failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(dest))));
            dropDest();
            return e;
        }
        sqlite3_close_v2(dest);
        dest = nullptr;
        if (auto placed = replaceFile(partial, target, options.overwrite); !placed)
            return placed.error();
        return result;
    };
    return run<BackupResult>(Route::Reader, QStringLiteral("BACKUP TO ?"), std::move(fn), cancel);
}

QFuture<Outcome<Done>> Maintenance::analyze(const CancelToken &cancel)
{
    return run<Done>(Route::Writer, QStringLiteral("ANALYZE"), [cancel](Connection &c) -> Outcome<Done> {
        auto r = c.execute("ANALYZE", {}, Fetch::none(), cancel);
        if (!r)
            return r.error();
        return Done{};
    }, cancel);
}

QFuture<Outcome<Done>> Maintenance::optimize(const CancelToken &cancel)
{
    return run<Done>(Route::Writer, QStringLiteral("PRAGMA optimize"), [cancel](Connection &c) -> Outcome<Done> {
        auto r = c.execute("PRAGMA optimize", {}, Fetch::all(), cancel);
        if (!r)
            return r.error();
        return Done{};
    }, cancel);
}

namespace {

Outcome<CheckResult> runCheck(Connection &c, const QString &pragma, int maxErrors, const CancelToken &cancel)
{
    CheckResult result;
    auto r = c.execute(QStringLiteral("PRAGMA %1(%2)").arg(pragma).arg(maxErrors).toUtf8(), {}, Fetch::all(), cancel);
    if (!r) {
        // A database too damaged to check is a finding, not a failure.
        if (!isCorruption(r.error()))
            return r.error();
        result.ok = false;
        result.problems << r.error().message();
        return result;
    }
    const ResultSet &rows = r.value().rows;
    if (rows.rowCount() == 1 && rows.at(0, 0).toString() == QLatin1String("ok"))
        return result;
    result.ok = false;
    // SQLite may join several problems into one row, under a "*** in database
    // main ***" heading: one problem per line is what people and scripts want.
    for (qsizetype i = 0; i < rows.rowCount(); ++i)
        for (const QString &line : rows.at(i, 0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!line.startsWith(QLatin1String("*** in database ")))
                result.problems << line;
    result.truncated = result.problems.size() >= maxErrors;
    return result;
}

} // namespace

QFuture<Outcome<CheckResult>> Maintenance::integrityCheck(int maxErrors, const CancelToken &cancel)
{
    if (maxErrors < 1)
        return ready<CheckResult>(Error::invalid(QStringLiteral("the error limit must be at least 1")));
    return run<CheckResult>(Route::Reader, QStringLiteral("PRAGMA integrity_check(%1)").arg(maxErrors),
                            [maxErrors, cancel](Connection &c) { return runCheck(c, QStringLiteral("integrity_check"), maxErrors, cancel); },
                            cancel);
}

QFuture<Outcome<CheckResult>> Maintenance::quickCheck(int maxErrors, const CancelToken &cancel)
{
    if (maxErrors < 1)
        return ready<CheckResult>(Error::invalid(QStringLiteral("the error limit must be at least 1")));
    return run<CheckResult>(Route::Reader, QStringLiteral("PRAGMA quick_check(%1)").arg(maxErrors),
                            [maxErrors, cancel](Connection &c) { return runCheck(c, QStringLiteral("quick_check"), maxErrors, cancel); },
                            cancel);
}

QFuture<Outcome<ForeignKeyReport>> Maintenance::foreignKeyCheck(int maxRows, const CancelToken &cancel)
{
    if (maxRows < 1)
        return ready<ForeignKeyReport>(Error::invalid(QStringLiteral("the row limit must be at least 1")));
    return run<ForeignKeyReport>(Route::Reader, QStringLiteral("PRAGMA foreign_key_check"),
                                 [maxRows, cancel](Connection &c) -> Outcome<ForeignKeyReport> {
        auto r = c.execute("PRAGMA foreign_key_check", {}, Fetch::many(maxRows + 1), cancel);
        if (!r)
            return r.error();
        ForeignKeyReport report;
        const ResultSet &rows = r.value().rows;
        for (qsizetype i = 0; i < rows.rowCount(); ++i) {
            if (i == maxRows) {
                report.truncated = true;
                break;
            }
            ForeignKeyViolation v;
            v.table = rows.at(i, 0).toString();
            if (!rows.at(i, 1).isNull())
                v.rowid = rows.at(i, 1).toInt();
            v.parent = rows.at(i, 2).toString();
            v.fkid = int(rows.at(i, 3).toInt());
            report.violations.append(v);
        }
        return report;
    }, cancel);
}

QFuture<Outcome<CheckpointResult>> Maintenance::checkpoint(CheckpointMode mode)
{
    const QString sql = QStringLiteral("PRAGMA wal_checkpoint(%1)").arg(checkpointModeName(mode));
    return run<CheckpointResult>(Route::Writer, sql, [sql](Connection &c) -> Outcome<CheckpointResult> {
        CheckpointResult result;
        auto jm = pragmaText(c, "PRAGMA journal_mode");
        if (!jm)
            return jm.error();
        result.journalMode = jm.value();
        result.walMode = jm.value() == QLatin1String("wal");
        if (!result.walMode)
            return result;
        auto r = c.execute(sql.toUtf8(), {}, Fetch::one());
        if (!r)
            return r.error();
        const ResultSet &rows = r.value().rows;
        if (rows.rowCount() != 1 || rows.columnCount() < 3)
            return Error::sqlite(SQLITE_ERROR, QStringLiteral("wal_checkpoint returned no counts"));
        result.busy = rows.at(0, 0).toInt() != 0;
        result.logFrames = int(rows.at(0, 1).toInt());
        result.checkpointedFrames = int(rows.at(0, 2).toInt());
        return result;
    }, {});
}

QFuture<Outcome<SizeStats>> Maintenance::sizeStats(const CancelToken &cancel)
{
    return run<SizeStats>(Route::Reader, QStringLiteral("PRAGMA page_count"), [cancel](Connection &c) -> Outcome<SizeStats> {
        SizeStats s;
        auto ps = pragmaInt(c, "PRAGMA page_size");
        auto pc = pragmaInt(c, "PRAGMA page_count");
        auto fl = pragmaInt(c, "PRAGMA freelist_count");
        for (const auto *o : {&ps, &pc, &fl})
            if (!*o)
                return o->error();
        s.pageSize = ps.value();
        s.pageCount = pc.value();
        s.freelistCount = fl.value();
        s.bytesUsed = (s.pageCount - s.freelistCount) * s.pageSize;
        s.bytesFree = s.freelistCount * s.pageSize;
        s.fileBytes = fileSize(c.path());
        s.walBytes = fileSize(c.path() + QStringLiteral("-wal"));
        s.shmBytes = fileSize(c.path() + QStringLiteral("-shm"));
        auto r = c.execute("SELECT s.name, coalesce(m.type, 'table'), coalesce(m.tbl_name, s.name), sum(s.pgsize), count(*) "
                           "FROM dbstat AS s LEFT JOIN sqlite_schema AS m ON m.name = s.name "
                           "GROUP BY s.name ORDER BY s.name",
                           {}, Fetch::all(), cancel);
        if (!r) {
            if (r.error().kind() == Error::Kind::Interrupted)
                return r.error();
            s.dbstatMessage = r.error().message().contains(QLatin1String("dbstat"))
                ? QStringLiteral("per-table sizes need the dbstat virtual table, which this SQLite library lacks "
                                 "(built without SQLITE_ENABLE_DBSTAT_VTAB)")
                : QStringLiteral("per-table sizes are unavailable: %1").arg(r.error().message());
            return s;
        }
        s.dbstatAvailable = true;
        const ResultSet &rows = r.value().rows;
        for (qsizetype i = 0; i < rows.rowCount(); ++i)
            s.objects.append({rows.at(i, 0).toString(), rows.at(i, 1).toString(), rows.at(i, 2).toString(),
                              rows.at(i, 3).toInt(), rows.at(i, 4).toInt()});
        return s;
    }, cancel);
}

QStringList Maintenance::settingNames()
{
    return {QStringLiteral("journal_mode"), QStringLiteral("synchronous"), QStringLiteral("cache_size"),
            QStringLiteral("mmap_size"), QStringLiteral("auto_vacuum"), QStringLiteral("user_version"),
            QStringLiteral("application_id"), QStringLiteral("foreign_keys"), QStringLiteral("busy_timeout"),
            QStringLiteral("wal_autocheckpoint")};
}

Outcome<QString> Maintenance::validateSetting(const QString &name, const QString &value)
{
    const QString v = value.trimmed().toLower();
    auto oneOf = [&](const QStringList &allowed) -> Outcome<QString> {
        if (allowed.contains(v))
            return v;
        return Error::invalid(QStringLiteral("invalid %1 \"%2\" (use %3)").arg(name, value, allowed.join(QStringLiteral(", "))));
    };
    auto integer = [&](qint64 min, qint64 max) -> Outcome<QString> {
        qint64 n = 0;
        if (parseInt(v, min, max, &n))
            return QString::number(n);
        return Error::invalid(QStringLiteral("invalid %1 \"%2\" (an integer from %3 to %4)").arg(name, value).arg(min).arg(max));
    };
    constexpr qint64 i32min = std::numeric_limits<qint32>::min();
    constexpr qint64 i32max = std::numeric_limits<qint32>::max();
    if (name == QLatin1String("journal_mode"))
        return oneOf({QStringLiteral("delete"), QStringLiteral("truncate"), QStringLiteral("persist"),
                      QStringLiteral("memory"), QStringLiteral("wal"), QStringLiteral("off")});
    if (name == QLatin1String("synchronous"))
        return oneOf({QStringLiteral("off"), QStringLiteral("normal"), QStringLiteral("full"), QStringLiteral("extra"),
                      QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
    if (name == QLatin1String("auto_vacuum"))
        return oneOf({QStringLiteral("none"), QStringLiteral("full"), QStringLiteral("incremental"),
                      QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")});
    if (name == QLatin1String("foreign_keys")) {
        auto r = oneOf({QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("true"), QStringLiteral("false"),
                        QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("1"), QStringLiteral("0")});
        if (!r)
            return r;
        const bool on = r.value() == QLatin1String("on") || r.value() == QLatin1String("true")
            || r.value() == QLatin1String("yes") || r.value() == QLatin1String("1");
        return on ? QStringLiteral("on") : QStringLiteral("off");
    }
    if (name == QLatin1String("cache_size") || name == QLatin1String("user_version")
        || name == QLatin1String("application_id") || name == QLatin1String("wal_autocheckpoint"))
        return integer(i32min, i32max);
    if (name == QLatin1String("busy_timeout"))
        return integer(0, i32max);
    if (name == QLatin1String("mmap_size"))
        return integer(0, std::numeric_limits<qint64>::max());
    return Error::invalid(QStringLiteral("unknown setting \"%1\" (known: %2)").arg(name, settingNames().join(QStringLiteral(", "))));
}

QFuture<Outcome<QString>> Maintenance::setting(const QString &name)
{
    if (!settingNames().contains(name))
        return ready<QString>(Error::invalid(QStringLiteral("unknown setting \"%1\" (known: %2)")
                                                 .arg(name, settingNames().join(QStringLiteral(", ")))));
    const QString sql = QStringLiteral("PRAGMA %1").arg(name);
    return run<QString>(Route::Writer, sql, [sql](Connection &c) { return pragmaText(c, sql.toUtf8()); }, {});
}

QFuture<Outcome<QString>> Maintenance::setSetting(const QString &name, const QString &value)
{
    auto literal = validateSetting(name, value);
    if (!literal)
        return ready<QString>(literal.error());
    // The value is one of a fixed set of words or a parsed integer: safe in the text.
    const QString sql = QStringLiteral("PRAGMA %1 = %2").arg(name, literal.value());
    return run<QString>(Route::Writer, sql, [sql, name](Connection &c) -> Outcome<QString> {
        if ((name == QLatin1String("foreign_keys") || name == QLatin1String("journal_mode")) && !c.autocommit())
            return Error::invalid(QStringLiteral("%1 cannot change while a transaction is open").arg(name));
        auto r = c.execute(sql.toUtf8(), {}, Fetch::all());
        if (!r)
            return r.error();
        return pragmaText(c, QStringLiteral("PRAGMA %1").arg(name).toUtf8());
    }, {});
}

} // namespace Litehouse
