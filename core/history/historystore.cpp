#include "historystore.h"

#include "../hardening.h"
#include "../logging.h"
#include "../async_p.h"

#include <QDir>
#include <QFileInfo>
#include <QPromise>
#include <QStandardPaths>

#include <sqlite3.h>

#include <chrono>
#include <cstring>

namespace Litehouse {

namespace {

using Clock = std::chrono::steady_clock;

Error dbError(sqlite3 *db, const QString &path, const QString &what)
{
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
    const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    Error e = Error::sqlite(code, QStringLiteral("history %1: %2: %3").arg(path, what, msg));
    e.withDatabase(path);
    return e;
}

// lh_contains(haystack, needle): case-insensitive substring test for any
// script (LIKE folds ASCII only).
void containsFn(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    const auto *hay = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    const auto *needle = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
    if (!hay || !needle) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    const QString h = QString::fromUtf8(hay, sqlite3_value_bytes(argv[0]));
    const QString n = QString::fromUtf8(needle, sqlite3_value_bytes(argv[1]));
    sqlite3_result_int(ctx, h.contains(n, Qt::CaseInsensitive) ? 1 : 0);
}

bool exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

void bindText(sqlite3_stmt *st, int i, const QString &s)
{
    sqlite3_bind_text16(st, i, s.utf16(), int(s.size() * 2), SQLITE_STATIC);
}

// Reads a text column, reusing the previous QString when the bytes repeat
// (database paths, kinds and outcomes repeat across millions of rows).
struct TextColumn
{
    QByteArray lastBytes;
    QString lastValue;
    QString read(sqlite3_stmt *st, int col)
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(st, col));
        const int n = sqlite3_column_bytes(st, col);
        if (!p || n == 0)
            return QString();
        if (n == lastBytes.size() && std::memcmp(p, lastBytes.constData(), size_t(n)) == 0)
            return lastValue;
        lastBytes = QByteArray(p, n);
        lastValue = QString::fromUtf8(p, n);
        return lastValue;
    }
};

} // namespace

HistoryStore::HistoryStore(const QString &path, const HistoryStoreOptions &options, QObject *parent)
    : QObject(parent), m_path(path), m_options(options), m_buffer(options.capacity, options.tolerance)
{
    m_buffer.setWakeCallback([this] { wake(); });
    m_thread = std::thread([this] { run(); });
}

HistoryStore::~HistoryStore()
{
    shutdown();
}

QString HistoryStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.db");
}

void HistoryStore::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_wanted = true;
    }
    m_cv.notify_one();
}

void HistoryStore::post(Job job)
{
    bool accepted = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stop) {
            m_jobs.push_back(job);
            accepted = true;
        }
    }
    if (accepted)
        m_cv.notify_one();
    else
        job(nullptr, Error(Error::Kind::Closed, QStringLiteral("history %1 is shut down").arg(m_path)), 0);
}

QFuture<Outcome<qint64>> HistoryStore::flush()
{
    auto promise = makePromise<Outcome<qint64>>();
    QFuture<Outcome<qint64>> f = promise->future();
    post([promise](sqlite3 *, const Error &e, qint64 written) {
        fulfil(*promise, e.isError() ? Outcome<qint64>(e) : Outcome<qint64>(written));
    });
    return f;
}

QString HistoryStore::lastFlushError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

bool HistoryStore::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stop)
            m_stop = true;
    }
    m_cv.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    return !m_lost;
}

Outcome<Done> HistoryStore::ensureOpen(sqlite3 *&db)
{
    if (db)
        return Done{};
    const QFileInfo fi(m_path);
    if (!fi.dir().exists() && !QDir().mkpath(fi.absolutePath()))
        return Error(Error::Kind::Io, QStringLiteral("history %1: cannot create folder %2").arg(m_path, fi.absolutePath()));
    // NOMUTEX: the connection never leaves the worker thread, so SQLite's
    // per-call connection mutex (taken by every bind and column call) is waste.
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        Error e = dbError(db, m_path, QStringLiteral("cannot open"));
        sqlite3_close(db);
        db = nullptr;
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    if (auto h = hardenConnection(db); !h) {
        sqlite3_close(db);
        db = nullptr;
        return Error(h.error()).withMessage(QStringLiteral("history %1: %2").arg(m_path, h.error().message()));
    }
    sqlite3_busy_timeout(db, 5000);
    // WAL and synchronous=NORMAL: a committed flush survives a killed process.
    if (!exec(db, "PRAGMA journal_mode=WAL") || !exec(db, "PRAGMA synchronous=NORMAL")
        || !exec(db, "CREATE TABLE IF NOT EXISTS history("
                     " id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, database TEXT NOT NULL, alias TEXT NOT NULL,"
                     " sql TEXT NOT NULL, params TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,"
                     " error TEXT NOT NULL, rows_returned INTEGER NOT NULL, rows_affected INTEGER NOT NULL,"
                     " duration_ms REAL NOT NULL)")
        || !exec(db, "CREATE INDEX IF NOT EXISTS history_ts ON history(ts)")) {
        Error e = dbError(db, m_path, QStringLiteral("cannot prepare"));
        sqlite3_close(db);
        db = nullptr;
        return e;
    }
    sqlite3_create_function_v2(db, "lh_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, containsFn,
                               nullptr, nullptr, nullptr);
    return Done{};
}

Outcome<qint64> HistoryStore::flushOnce(sqlite3 *&db)
{
    if (auto o = ensureOpen(db); !o)
        return o.error();
    const QList<HistoryItem> &items = m_buffer.takeForFlush();
    if (items.isEmpty())
        return qint64(0);
    if (const int ms = m_testDelayMs.load(); ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    if (m_testFailures.load() > 0) {
        m_testFailures.fetch_sub(1);
        return Error(Error::Kind::Io, QStringLiteral("history %1: injected flush failure").arg(m_path));
    }
    if (!exec(db, "BEGIN IMMEDIATE"))
        return dbError(db, m_path, QStringLiteral("cannot begin a flush"));
    sqlite3_stmt *st = nullptr;
    const char *sql = "INSERT INTO history(ts, database, alias, sql, params, kind, outcome, error, rows_returned,"
                      " rows_affected, duration_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        Error e = dbError(db, m_path, QStringLiteral("cannot flush"));
        exec(db, "ROLLBACK");
        return e;
    }
    for (const HistoryItem &it : items) {
        sqlite3_bind_int64(st, 1, it.timestampMs);
        bindText(st, 2, it.database);
        bindText(st, 3, it.alias);
        bindText(st, 4, it.sql);
        bindText(st, 5, it.params);
        bindText(st, 6, it.kind);
        bindText(st, 7, it.outcome);
        bindText(st, 8, it.error);
        sqlite3_bind_int64(st, 9, it.rowsReturned);
        sqlite3_bind_int64(st, 10, it.rowsAffected);
        sqlite3_bind_double(st, 11, it.durationMs);
        if (sqlite3_step(st) != SQLITE_DONE) {
            Error e = dbError(db, m_path, QStringLiteral("cannot flush"));
            sqlite3_finalize(st);
            exec(db, "ROLLBACK");
            return e;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (!exec(db, "COMMIT")) {
        Error e = dbError(db, m_path, QStringLiteral("cannot commit a flush"));
        exec(db, "ROLLBACK");
        return e;
    }
    const qint64 n = items.size();
    m_buffer.flushSucceeded();
    m_flushes.fetch_add(1);
    return n;
}

void HistoryStore::run()
{
    sqlite3 *db = nullptr;
    const auto interval = std::chrono::milliseconds(qMax(1, m_options.flushIntervalMs));
    auto next = Clock::now() + interval;
    int stopAttempts = 0;
    std::unique_lock lock(m_mutex);
    for (;;) {
        // After a failed flush, size wake-ups (every waiting recorder sends
        // one) wait for the retry time instead of spinning on the failure.
        m_cv.wait_until(lock, next, [&] { return m_stop || (m_wanted && !m_failing) || !m_jobs.empty(); });
        const bool stopping = m_stop;
        m_wanted = false;
        std::vector<Job> jobs;
        jobs.swap(m_jobs);
        lock.unlock();

        Error flushError;
        qint64 written = 0;
        if (m_buffer.size() > 0 || !jobs.empty() || stopping) {
            Outcome<qint64> r = flushOnce(db);
            if (r) {
                written = r.value();
                if (written > 0)
                    Q_EMIT flushed(written);
            } else {
                flushError = r.error();
                qCWarning(lcHistory, "%s", qPrintable(flushError.message()));
                Q_EMIT flushFailed(flushError.message());
            }
        }
        {
            // Recorded before the jobs run: a flush() future that resolves
            // with an error finds lastFlushError() already set.
            std::lock_guard state(m_mutex);
            m_failing = flushError.isError();
            if (m_failing)
                m_lastError = flushError.message();
            else if (written > 0)
                m_lastError.clear();
        }
        // A failed flush is retried sooner than the interval, but not in a tight loop.
        next = Clock::now() + (flushError.isError() ? qMin(interval, std::chrono::milliseconds(200)) : interval);
        for (Job &job : jobs)
            job(db, flushError, written);

        lock.lock();
        if (stopping && m_jobs.empty()) {
            if (!flushError.isError() && m_buffer.size() == 0)
                break;
            if (++stopAttempts >= 3) {
                m_lost = m_buffer.size() > 0;
                qCWarning(lcHistory, "history %s: %lld items could not be written", qPrintable(m_path),
                          qlonglong(m_buffer.size()));
                break;
            }
            next = Clock::now() + std::chrono::milliseconds(100);
        }
    }
    // Nothing will flush any more: a recording thread must not wait forever.
    m_buffer.release();
    std::vector<Job> late;
    late.swap(m_jobs);
    lock.unlock();
    for (Job &job : late)
        job(db, Error(Error::Kind::Closed, QStringLiteral("history %1 is shut down").arg(m_path)), 0);
    if (db)
        sqlite3_close(db);
}

QFuture<Outcome<HistoryPage>> HistoryStore::query(const HistoryQuery &q)
{
    auto promise = makePromise<Outcome<HistoryPage>>();
    QFuture<Outcome<HistoryPage>> f = promise->future();
    const QString path = m_path;
    post([promise, q, path](sqlite3 *db, const Error &flushError, qint64) {
        auto settle = [&](Outcome<HistoryPage> r) {
            fulfil(*promise, std::move(r));
        };
        if (!db) {
            settle(flushError.isError() ? flushError
                                        : Error(Error::Kind::Closed, QStringLiteral("history %1 is not open").arg(path)));
            return;
        }
        QString where = QStringLiteral(" WHERE 1");
        QList<std::function<void(sqlite3_stmt *, int &)>> binds;
        auto bindStr = [&binds](const QString &s) {
            binds.append([s](sqlite3_stmt *st, int &i) {
                const QByteArray u = s.toUtf8();
                sqlite3_bind_text(st, i++, u.constData(), int(u.size()), SQLITE_TRANSIENT);
            });
        };
        if (!q.text.isEmpty()) {
            where += QStringLiteral(" AND (lh_contains(sql, ?) OR lh_contains(error, ?))");
            bindStr(q.text);
            bindStr(q.text);
        }
        if (!q.database.isEmpty()) {
            where += QStringLiteral(" AND database = ?");
            bindStr(q.database);
        }
        auto bindInt = [&binds](qint64 v) { binds.append([v](sqlite3_stmt *st, int &i) { sqlite3_bind_int64(st, i++, v); }); };
        if (q.sinceMs) {
            where += QStringLiteral(" AND ts >= ?");
            bindInt(*q.sinceMs);
        }
        if (q.untilMs) {
            where += QStringLiteral(" AND ts <= ?");
            bindInt(*q.untilMs);
        }
        auto inList = [&](const QString &col, const QStringList &values) {
            if (values.isEmpty())
                return;
            QStringList marks;
            for (const QString &v : values) {
                marks << QStringLiteral("?");
                bindStr(v);
            }
            where += QStringLiteral(" AND %1 IN (%2)").arg(col, marks.join(QLatin1Char(',')));
        };
        inList(QStringLiteral("kind"), q.kinds);
        inList(QStringLiteral("outcome"), q.outcomes);

        auto prepare = [&](const QString &sql, sqlite3_stmt **st) {
            if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, st, nullptr) != SQLITE_OK)
                return false;
            int i = 1;
            for (const auto &b : binds)
                b(*st, i);
            return true;
        };
        HistoryPage page;
        sqlite3_stmt *st = nullptr;
        // Unpaged (exports): the counts come from the rows themselves, one pass.
        const bool unpaged = q.limit < 0 && q.offset <= 0;
        if (!unpaged && !prepare(QStringLiteral("SELECT outcome, count(*) FROM history") + where + QStringLiteral(" GROUP BY outcome"), &st)) {
            settle(dbError(db, path, QStringLiteral("cannot query")));
            return;
        }
        int rc = SQLITE_DONE;
        while (!unpaged && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const qint64 n = sqlite3_column_int64(st, 1);
            page.byOutcome.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))), n);
            page.total += n;
        }
        if (!unpaged)
            sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            settle(dbError(db, path, QStringLiteral("cannot query")));
            return;
        }
        // Oldest first is id order (the order items were written; what exports
        // merge on): a plain table scan. Newest first is by time, for viewers.
        const QString order = q.oldestFirst ? QStringLiteral(" ORDER BY id") : QStringLiteral(" ORDER BY ts DESC, id DESC");
        const QString sql = QStringLiteral("SELECT id, ts, database, alias, sql, params, kind, outcome, error, rows_returned,"
                                           " rows_affected, duration_ms FROM history")
                            + where + order + QStringLiteral(" LIMIT %1 OFFSET %2").arg(q.limit).arg(qMax<qint64>(0, q.offset));
        if (!prepare(sql, &st)) {
            settle(dbError(db, path, QStringLiteral("cannot query")));
            return;
        }
        TextColumn database, alias, kind, outcome, error;
        if (!unpaged)
            page.items.reserve(q.limit >= 0 ? qMin(q.limit, page.total) : page.total);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            HistoryItem it;
            it.id = sqlite3_column_int64(st, 0);
            it.timestampMs = sqlite3_column_int64(st, 1);
            it.database = database.read(st, 2);
            it.alias = alias.read(st, 3);
            it.sql = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 4)), sqlite3_column_bytes(st, 4));
            it.params = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 5)), sqlite3_column_bytes(st, 5));
            it.kind = kind.read(st, 6);
            it.outcome = outcome.read(st, 7);
            it.error = error.read(st, 8);
            it.rowsReturned = sqlite3_column_int64(st, 9);
            it.rowsAffected = sqlite3_column_int64(st, 10);
            it.durationMs = sqlite3_column_double(st, 11);
            page.items.append(std::move(it));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            settle(dbError(db, path, QStringLiteral("cannot query")));
            return;
        }
        if (unpaged) {
            page.total = page.items.size();
            for (const HistoryItem &it : std::as_const(page.items))
                ++page.byOutcome[it.outcome];
        }
        settle(std::move(page));
    });
    return f;
}

} // namespace Litehouse
