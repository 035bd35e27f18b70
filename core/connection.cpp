#include "connection.h"
#include "hardening.h"

#include "logging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>

#include <sqlite3.h>

#include <cstring>

namespace Litehouse {

Connection::Connection(QString path, Role role) : m_path(std::move(path)), m_role(role) {}

Connection::~Connection()
{
    close();
}

void Connection::close()
{
    if (!m_db)
        return;
    clearCache();
    // close_v2 so that a statement still held elsewhere (a bug, but not a
    // crash) delays the close instead of failing it.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    m_walListener = nullptr;
    m_beforeCheckpoint = nullptr;
    m_walThreshold = 0;
}

void Connection::setWalListener(WalListener f)
{
    if (!m_db)
        return;
    m_walThreshold = readWalThreshold();
    m_walListener = std::move(f);
    if (m_walListener)
        sqlite3_wal_hook(m_db, &Connection::walHook, this);
    else
        sqlite3_wal_autocheckpoint(m_db, m_walThreshold);
}

int Connection::readWalThreshold() const
{
    // While the listener's hook is installed SQLite reports 0 here; callers
    // read it with SQLite's own hook in place.
    sqlite3_stmt *stmt = nullptr;
    int n = 0;
    if (sqlite3_prepare_v2(m_db, "PRAGMA wal_autocheckpoint", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

int Connection::prepareRaw(const char *sql, int bytes, unsigned flags, sqlite3_stmt **stmt, const char **tail)
{
    int rc = sqlite3_prepare_v3(m_db, sql, bytes, flags, stmt, tail);
    if (rc != SQLITE_OK || !*stmt || !m_walListener)
        return rc;
    // PRAGMA wal_autocheckpoint reads and sets what SQLite's own hook holds,
    // while SQLite prepares it: with the listener's hook in place it read 0.
    // Prepare it again with SQLite's hook back (and the listener's
    // threshold), then take over again with whatever it left.
    const QByteArrayView text(sql, *tail - sql);
    if (classifyStatement(text).kind != StatementInfo::Kind::Pragma
        || !text.toByteArray().toLower().contains("wal_autocheckpoint"))
        return rc;
    sqlite3_finalize(*stmt);
    *stmt = nullptr;
    sqlite3_wal_autocheckpoint(m_db, m_walThreshold);
    rc = sqlite3_prepare_v3(m_db, sql, bytes, flags, stmt, tail);
    if (rc == SQLITE_OK) // else keep SQLite's message for the caller
        m_walThreshold = readWalThreshold();
    sqlite3_wal_hook(m_db, &Connection::walHook, this);
    return rc;
}

int Connection::walHook(void *self, sqlite3 *db, const char *schema, int frames)
{
    auto *c = static_cast<Connection *>(self);
    if (std::strcmp(schema, "main") == 0) {
        c->m_walListener(*c, frames, c->m_walThreshold);
    } else if (c->m_walThreshold > 0 && frames >= c->m_walThreshold) {
        // What SQLite's own hook does for an attached database.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    return SQLITE_OK;
}

void Connection::clearCache()
{
    // A statement borrowed right now is finalized when it comes back (the
    // connection is then closed, or no longer knows it).
    for (auto &c : m_lru)
        if (!c.inUse)
            sqlite3_finalize(c.stmt);
    m_lru.clear();
    m_cache.clear();
    m_cacheSize.store(0, std::memory_order_relaxed);
}

static bool isMemoryPath(const QString &p)
{
    return p.isEmpty() || p == QLatin1String(":memory:") || p.startsWith(QLatin1String("file::memory:"));
}

Outcome<Done> Connection::open(const OpenOptions &options)
{
    m_options = options;
    const bool memory = isMemoryPath(m_path);
    const QFileInfo fi(m_path);
    if (!memory) {
        if (fi.exists() && fi.isDir())
            return Error(Error::Kind::Io, QStringLiteral("%1 is a directory, not a database file").arg(m_path),
                         SQLITE_CANTOPEN, SQLITE_CANTOPEN_ISDIR).withDatabase(m_path);
        if (!fi.exists() && (!options.create || options.readOnly || m_role == Role::Reader))
            return Error(Error::Kind::Io, QStringLiteral("database file does not exist: %1").arg(m_path),
                         SQLITE_CANTOPEN, SQLITE_CANTOPEN).withDatabase(m_path);
        // SQLite takes a file shorter than its 100-byte header for an empty
        // database and would write a new one over it: a damaged or foreign
        // file must say what it is instead.
        if (fi.exists() && fi.size() > 0 && fi.size() < 100)
            return Error(Error::Kind::Sqlite,
                         QStringLiteral("cannot open %1: file is not a database (%2 bytes, too short for an SQLite header)")
                             .arg(m_path)
                             .arg(fi.size()),
                         SQLITE_NOTADB, SQLITE_NOTADB)
                .withDatabase(m_path);
        m_created = !fi.exists() || fi.size() == 0;
    }
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (options.readOnly)
        flags |= SQLITE_OPEN_READONLY;
    else if (m_role == Role::Reader)
        flags |= SQLITE_OPEN_READWRITE; // query_only below; READONLY would break WAL recovery
    else
        flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    const QByteArray path = m_path.toUtf8();
    const QByteArray vfs = options.vfs.toUtf8();
    int rc = sqlite3_open_v2(path.constData(), &m_db, flags, vfs.isEmpty() ? nullptr : vfs.constData());
    if (rc != SQLITE_OK) {
        Error e = m_db ? lastError(rc) : Error::sqlite(rc, QString::fromUtf8(sqlite3_errstr(rc)));
        e.withMessage(QStringLiteral("cannot open %1: %2").arg(m_path, e.message())).withDatabase(m_path);
        close();
        return e;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Safe defaults for files from anywhere.
    if (auto h = hardenConnection(m_db); !h) {
        Error e = h.error();
        e.withDatabase(m_path);
        close();
        return e;
    }
    sqlite3_busy_timeout(m_db, options.busyTimeoutMs);
    sqlite3_progress_handler(m_db, 1000, &Connection::progressHandler, this);

    // Fail early and clearly on a file that is not a database or is encrypted.
    if (auto r = exec("SELECT count(*) FROM sqlite_schema"); !r) {
        Error e = r.error();
        e.withMessage(QStringLiteral("cannot open %1: %2").arg(m_path, e.message())).withDatabase(m_path);
        close();
        return e;
    }

    QList<QByteArray> pragmas;
    if (!options.readOnly && m_role == Role::Writer) {
        if (options.journalMode)
            pragmas << "PRAGMA journal_mode=" + journalModeName(*options.journalMode).toLatin1();
        else if (m_created && !memory)
            pragmas << "PRAGMA journal_mode=wal";
    }
    if (options.synchronous)
        pragmas << "PRAGMA synchronous=" + synchronousName(*options.synchronous).toLatin1();
    if (options.cacheSizeKiB)
        pragmas << "PRAGMA cache_size=-" + QByteArray::number(*options.cacheSizeKiB);
    if (options.mmapSizeBytes)
        pragmas << "PRAGMA mmap_size=" + QByteArray::number(*options.mmapSizeBytes);
    if (options.tempStore != TempStore::Default)
        pragmas << (options.tempStore == TempStore::Memory ? "PRAGMA temp_store=memory" : "PRAGMA temp_store=file");
    pragmas << (options.foreignKeys ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
    if (m_role == Role::Reader)
        pragmas << "PRAGMA query_only=ON";
    for (const QByteArray &p : pragmas) {
        if (auto r = exec(p); !r) {
            Error e = r.error();
            e.withMessage(QStringLiteral("cannot configure %1 (%2): %3").arg(m_path, QString::fromLatin1(p), e.message()));
            close();
            return e;
        }
    }
    m_pragmaSet = false; // the options' own PRAGMAs are every connection's
    qCDebug(lcConnection) << "opened" << m_path << (m_role == Role::Writer ? "writer" : "reader");
    return Done{};
}

int Connection::progressHandler(void *self)
{
    // Polled by SQLite while a statement runs: covers a cancel that came just
    // before the statement started, which sqlite3_interrupt alone can miss.
    return static_cast<Connection *>(self)->cancelled() ? 1 : 0;
}

bool Connection::beginTask(const CancelToken &cancel)
{
    m_cancelFlag = cancel.flag();
    // The task's own copy is the only one (the caller kept none): nothing can
    // cancel it from now on, so skip the two locks of attach() and detach()
    // on a token another thread created. Nothing can make a copy either,
    // since only this task holds one.
    if (!cancel.isShared())
        return !cancel.isCancelled();
    m_task = cancel;
    return cancel.attach(m_db);
}

void Connection::endTask()
{
    if (m_task)
        m_task->detach();
    m_cancelFlag = nullptr;
    m_task.reset(); // no new token (and no allocation) per task
}

Error Connection::lastError(int rc, const QByteArray &sql) const
{
    const int ext = m_db ? sqlite3_extended_errcode(m_db) : rc;
    QString msg = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    Error e = Error::sqlite((ext & 0xff) == (rc & 0xff) ? ext : rc, msg);
    if (!sql.isEmpty())
        e.withSql(QString::fromUtf8(sql));
    if (m_db)
        e.withOffset(sqlite3_error_offset(m_db));
    e.withDatabase(m_path);
    return e;
}

Outcome<Statement> Connection::prepare(const QByteArray &sql, bool cache, const char **tail)
{
    if (!m_db)
        return Error(Error::Kind::Closed, QStringLiteral("connection is closed")).withDatabase(m_path);
    if (cache && !tail && m_options.statementCacheSize > 0) {
        // A hit stays in the cache, marked in use, and moves to the front:
        // borrowing and returning a statement allocates nothing.
        auto it = m_cache.constFind(sql);
        if (it != m_cache.cend() && !it.value()->inUse) {
            m_hits.fetch_add(1, std::memory_order_relaxed);
            const auto entry = it.value();
            m_lru.splice(m_lru.begin(), m_lru, entry);
            entry->inUse = true;
            return Statement(this, entry->stmt, entry->sql, entry->meta);
        }
        m_misses.fetch_add(1, std::memory_order_relaxed);
    }
    // Some pragmas act while SQLite prepares them, not when they run (PRAGMA
    // wal_autocheckpoint, which tst_checkpoint runs twice): a cached one run
    // again would neither set nor read anything. Never cached.
    StatementInfo info = classifyStatement(sql);
    if (info.kind == StatementInfo::Kind::Pragma)
        cache = false;
    sqlite3_stmt *s = nullptr;
    const char *end = nullptr;
    const unsigned flags = cache ? SQLITE_PREPARE_PERSISTENT : 0;
    const int rc = prepareRaw(sql.constData(), int(sql.size()), flags, &s, &end);
    if (rc != SQLITE_OK)
        return lastError(rc, sql);
    if (tail)
        *tail = end;
    else if (end && !isBlankSql(QByteArrayView(end, sql.constData() + sql.size() - end))) {
        sqlite3_finalize(s);
        return Error::invalid(QStringLiteral("more than one statement given; run it as a script"))
            .withSql(QString::fromUtf8(sql)).withOffset(int(end - sql.constData())).withDatabase(m_path);
    }
    if (!cache || tail)
        return Statement(this, s, QByteArray());
    auto meta = std::make_shared<StatementMeta>();
    meta->info = std::move(info);
    meta->sql = QString::fromUtf8(sql);
    return Statement(this, s, sql, std::move(meta));
}

void Connection::giveBack(const QByteArray &key, sqlite3_stmt *stmt, std::shared_ptr<StatementMeta> meta)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (auto it = m_cache.constFind(key); it != m_cache.cend()) {
        if (it.value()->stmt == stmt) {
            it.value()->inUse = false; // it never left the cache
            return;
        }
        // A second copy, prepared while the cached one was in use.
        sqlite3_finalize(stmt);
        return;
    }
    if (!m_db || m_options.statementCacheSize <= 0) {
        sqlite3_finalize(stmt);
        return;
    }
    m_lru.push_front({key, stmt, std::move(meta), false});
    m_cache.insert(key, m_lru.begin());
    while (int(m_lru.size()) > m_options.statementCacheSize) {
        // The least recently used statement that is not borrowed right now.
        auto victim = std::prev(m_lru.end());
        while (victim->inUse && victim != m_lru.begin())
            --victim;
        if (victim->inUse)
            break;
        m_cache.remove(victim->sql);
        sqlite3_finalize(victim->stmt);
        m_lru.erase(victim);
    }
    m_cacheSize.store(int(m_lru.size()), std::memory_order_relaxed);
}

void Connection::forget(const QByteArray &key, sqlite3_stmt *stmt)
{
    auto it = m_cache.find(key);
    if (it == m_cache.end() || it.value()->stmt != stmt)
        return;
    m_lru.erase(it.value());
    m_cache.erase(it);
    m_cacheSize.store(int(m_lru.size()), std::memory_order_relaxed);
}

bool Connection::backoff(int attempt, qint64 startedMs)
{
    const RetryPolicy &p = m_options.retry;
    if (attempt + 1 >= p.maxAttempts)
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 delay = qMin<qint64>(qint64(p.baseDelayMs) << qMin(attempt, 20), p.maxDelayMs);
    // Full jitter: spread competing retriers apart.
    delay = delay / 2 + QRandomGenerator::global()->bounded(delay / 2 + 1);
    if (now + delay - startedMs > p.budgetMs)
        return false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < delay) {
        if (cancelled())
            return false;
        QThread::msleep(qMin<qint64>(5, delay - t.elapsed() + 1));
    }
    return true;
}

CacheStats Connection::cacheStats() const
{
    CacheStats s;
    s.hits = m_hits.load(std::memory_order_relaxed);
    s.misses = m_misses.load(std::memory_order_relaxed);
    s.size = m_cacheSize.load(std::memory_order_relaxed);
    return s;
}

bool Connection::autocommit() const
{
    return m_db && sqlite3_get_autocommit(m_db) != 0;
}

Outcome<bool> Connection::step(sqlite3_stmt *stmt, ResultSet &out, qint64 limit, int *retries)
{
    qint64 read = 0;
    int attempt = 0;
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            // The statement always runs (limit 0 still executes it); rows
            // past the limit are left unread.
            if (limit >= 0 && read >= limit)
                return false;
            Statement::appendRow(stmt, out);
            if (limit >= 0 && ++read >= limit)
                return false;
            continue;
        }
        if (rc == SQLITE_DONE)
            return true;
        const int primary = rc & 0xff;
        const bool retriable = (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && read == 0
            && (autocommit() || classifyStatement(sqlite3_sql(stmt)).kind == StatementInfo::Kind::Commit);
        if (retriable && backoff(attempt, started)) {
            ++attempt;
            if (retries)
                ++*retries;
            sqlite3_reset(stmt);
            continue;
        }
        Error e = lastError(rc, QByteArray(sqlite3_sql(stmt)));
        sqlite3_reset(stmt);
        if (primary == SQLITE_INTERRUPT || cancelled())
            e = Error::interrupted(QStringLiteral("interrupted")).withDatabase(m_path).withSql(e.sql());
        else if (retriable || primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
            e = Error(Error::Kind::Busy,
                      QStringLiteral("%1 (gave up after %2 retries in %3 ms)")
                          .arg(e.message()).arg(attempt).arg(QDateTime::currentMSecsSinceEpoch() - started),
                      e.code(), e.extendedCode())
                    .withSql(e.sql()).withDatabase(m_path);
        return e;
    }
}

Outcome<StatementResult> Connection::runOne(Statement &stmt, const QByteArray &sql, Fetch fetch, const StatementInfo &info)
{
    StatementResult r;
    StatementMeta *meta = stmt.meta();
    r.sql = meta ? meta->sql : QString::fromUtf8(sql);
    QElapsedTimer timer;
    timer.start();
    r.returnsRows = sqlite3_column_count(stmt.handle()) > 0;
    if (r.returnsRows) {
        // A point query with Fetch::one() allocates its cells once.
        const auto reserveSmall = [&r, &fetch] {
            if (fetch.limit() > 0 && fetch.limit() <= 64)
                r.rows.reserveRows(fetch.limit());
        };
        if (meta) {
            // A schema change makes SQLite prepare the statement again, and
            // its columns may change with it.
            const int reprepared = sqlite3_stmt_status(stmt.handle(), SQLITE_STMTSTATUS_REPREPARE, 0);
            if (meta->reprepared != reprepared || meta->columns.size() != sqlite3_column_count(stmt.handle())) {
                meta->columns = stmt.columnNames();
                meta->declTypes = stmt.declTypes();
                meta->reprepared = reprepared;
            }
            r.rows = ResultSet(meta->columns, meta->declTypes);
        } else {
            r.rows = ResultSet(stmt.columnNames(), stmt.declTypes());
        }
        reserveSmall();
    }
    if (info.kind == StatementInfo::Kind::Pragma) {
        if (m_beforeCheckpoint && sql.toLower().contains("wal_checkpoint"))
            m_beforeCheckpoint();
        // Conservative: "PRAGMA x=..." or "PRAGMA x(...)" may change how this
        // connection answers later statements (case_sensitive_like, ...).
        if (sql.contains('=') || sql.contains('('))
            m_pragmaSet = true;
    }
    const qint64 changesBefore = sqlite3_total_changes64(m_db);
    auto done = step(stmt.handle(), r.rows, fetch.limit(), &r.retries);
    if (!done) {
        trackStatement(info, false);
        return done.error();
    }
    if (!done.value()) {
        // Fetch limit reached: finish a data-changing statement (RETURNING)
        // so its changes happen whole; reading stops for a query.
        if (!sqlite3_stmt_readonly(stmt.handle())) {
            ResultSet sink(r.rows.columns(), r.rows.declTypes());
            auto rest = step(stmt.handle(), sink, -1, &r.retries);
            if (!rest) {
                trackStatement(info, false);
                return rest.error();
            }
        }
    }
    sqlite3_reset(stmt.handle());
    if (!sqlite3_stmt_readonly(stmt.handle()) && sqlite3_total_changes64(m_db) != changesBefore)
        r.rowsAffected = sqlite3_changes64(m_db);
    r.lastInsertRowId = sqlite3_last_insert_rowid(m_db);
    r.elapsedNs = timer.nsecsElapsed();
    trackStatement(info, true);
    return r;
}

Outcome<StatementResult> Connection::execute(const QByteArray &sql, const Params &params, Fetch fetch,
                                             const CancelToken &cancel)
{
    Q_UNUSED(cancel);
    auto stmt = prepare(sql, /*cache=*/true);
    if (!stmt)
        return stmt.error();
    const StatementMeta *meta = stmt.value().meta();
    const StatementInfo info = meta ? meta->info : classifyStatement(sql);
    qsizetype next = 0;
    QSet<QString> used;
    if (auto b = stmt.value().bind(params, &next, &used); !b)
        return Error(b.error()).withSql(QString::fromUtf8(sql)).withDatabase(m_path);
    if (next < params.positional.size())
        return Error::invalid(QStringLiteral("too many parameters: the SQL uses %1, %2 were given")
                                  .arg(next).arg(params.positional.size()))
            .withSql(QString::fromUtf8(sql)).withDatabase(m_path);
    for (const auto &[name, v] : params.named)
        if (!used.contains(name))
            return Error::invalid(QStringLiteral("the SQL has no parameter named %1").arg(name))
                .withSql(QString::fromUtf8(sql)).withDatabase(m_path);
    return runOne(stmt.value(), sql, fetch, info);
}

// The first byte of the statement after whitespace and comments.
static const char *skipBlanks(const char *p, const char *end)
{
    while (p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
            ++p;
        } else if (*p == '-' && p + 1 < end && p[1] == '-') {
            while (p < end && *p != '\n')
                ++p;
        } else if (*p == '/' && p + 1 < end && p[1] == '*') {
            p += 2;
            while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
                ++p;
            p = qMin(p + 2, end);
        } else {
            break;
        }
    }
    return p;
}

Outcome<ScriptResult> Connection::executeScript(const QByteArray &sql, const Params &params, Fetch fetch,
                                                const CancelToken &cancel)
{
    Q_UNUSED(cancel);
    ScriptResult out;
    QElapsedTimer timer;
    timer.start();
    const char *begin = sql.constData();
    const char *pos = begin;
    const char *end = begin + sql.size();
    qsizetype next = 0;
    QSet<QString> used;
    // SQLite's error offsets are relative to the text given to prepare (from
    // pos); where it has none, point at the failing statement's first token.
    auto locate = [&](Error e, const char *base) {
        const int off = e.offset();
        e.withSql(QString::fromUtf8(sql))
            .withOffset(off >= 0 ? int(base - begin) + off : int(skipBlanks(base, end) - begin))
            .withDatabase(m_path);
        return e;
    };
    while (pos < end) {
        const char *tail = nullptr;
        sqlite3_stmt *raw = nullptr;
        // The length includes the '\0' that QByteArray keeps after its data:
        // given a length without it, SQLite copies the rest of the script on
        // every prepare, which made a long script quadratic (a 10 MB script
        // of 42,000 statements took 16 s).
        const int rc = prepareRaw(pos, int(end - pos) + 1, 0, &raw, &tail);
        if (rc != SQLITE_OK)
            return locate(lastError(rc), pos);
        const char *base = pos;
        if (!raw && tail == pos && pos < end) {
            // SQLite stops at a '\0': going on from it would loop forever,
            // and skipping the rest of the script would hide it.
            return Error::invalid(QStringLiteral("the script holds a NUL character at byte %1").arg(pos - begin))
                .withSql(QString::fromUtf8(sql)).withOffset(int(pos - begin)).withDatabase(m_path);
        }
        pos = tail;
        if (!raw) // whitespace or comments only
            continue;
        const QByteArray text(base, int(tail - base));
        Statement stmt(this, raw, {});
        if (auto b = stmt.bind(params, &next, &used); !b)
            return locate(Error(b.error()).withOffset(-1), base);
        auto r = runOne(stmt, text.trimmed(), fetch, classifyStatement(text));
        if (!r)
            return locate(r.error(), base);
        out.statements.append(r.take());
    }
    if (next < params.positional.size())
        return Error::invalid(QStringLiteral("too many parameters: the SQL uses %1, %2 were given")
                                  .arg(next).arg(params.positional.size())).withDatabase(m_path);
    for (const auto &[name, v] : params.named)
        if (!used.contains(name))
            return Error::invalid(QStringLiteral("the SQL has no parameter named %1").arg(name)).withDatabase(m_path);
    out.elapsedNs = timer.nsecsElapsed();
    return out;
}

Outcome<Done> Connection::exec(const QByteArray &sql)
{
    auto r = execute(sql, {}, Fetch::none());
    if (!r)
        return r.error();
    return Done{};
}

Outcome<StatementResult> Connection::executeMany(const QByteArray &sql, const QList<QList<Value>> &rows,
                                                 const CancelToken &cancel)
{
    Q_UNUSED(cancel);
    QElapsedTimer timer;
    timer.start();
    const bool outer = autocommit();
    // Inside a user's transaction only this batch is undone on failure.
    if (auto r = exec(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT litehouse_many"); !r)
        return r.error();
    auto undo = [&] {
        if (outer)
            exec("ROLLBACK");
        else {
            exec("ROLLBACK TO litehouse_many");
            exec("RELEASE litehouse_many");
        }
    };
    auto stmt = prepare(sql, true);
    if (!stmt) {
        undo();
        return stmt.error();
    }
    StatementResult total;
    total.sql = QString::fromUtf8(sql);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (auto b = stmt.value().bindRow(std::span<const Value>(rows.at(i).constData(), size_t(rows.at(i).size()))); !b) {
            undo();
            return Error(b.error()).withMessage(QStringLiteral("row %1: %2").arg(i + 1).arg(b.error().message()))
                .withSql(QString::fromUtf8(sql)).withDatabase(m_path);
        }
        ResultSet sink;
        auto done = step(stmt.value().handle(), sink, -1);
        if (!done) {
            undo();
            Error e = done.error();
            return e.withMessage(QStringLiteral("row %1: %2").arg(i + 1).arg(e.message()));
        }
        total.rowsAffected += sqlite3_changes64(m_db);
        sqlite3_reset(stmt.value().handle());
    }
    if (auto r = exec(outer ? "COMMIT" : "RELEASE litehouse_many"); !r) {
        undo();
        return r.error();
    }
    total.lastInsertRowId = sqlite3_last_insert_rowid(m_db);
    total.elapsedNs = timer.nsecsElapsed();
    return total;
}

void Connection::trackStatement(const StatementInfo &info, bool succeeded)
{
    if (m_role != Role::Writer || !m_db)
        return;
    using K = StatementInfo::Kind;
    TransactionState s = m_state;
    if (succeeded) {
        switch (info.kind) {
        case K::Begin:
            s.active = true;
            s.mode = info.beginMode == StatementInfo::BeginMode::Immediate ? TransactionState::Mode::Immediate
                : info.beginMode == StatementInfo::BeginMode::Exclusive ? TransactionState::Mode::Exclusive
                                                                         : TransactionState::Mode::Deferred;
            s.since = QDateTime::currentDateTimeUtc();
            s.savepoints.clear();
            break;
        case K::Commit:
        case K::Rollback:
            s = TransactionState();
            break;
        case K::Savepoint:
            if (!s.active) {
                s.active = true;
                s.mode = TransactionState::Mode::Savepoint;
                s.since = QDateTime::currentDateTimeUtc();
            }
            s.savepoints.append(info.name);
            break;
        case K::Release:
        case K::RollbackTo: {
            qsizetype i = s.savepoints.size() - 1;
            while (i >= 0 && s.savepoints.at(i).compare(info.name, Qt::CaseInsensitive) != 0)
                --i;
            if (i >= 0)
                s.savepoints.erase(s.savepoints.begin() + (info.kind == K::Release ? i : i + 1), s.savepoints.end());
            break;
        }
        default:
            break;
        }
    }
    // SQLite is the truth: an error can end a transaction, and statements we
    // do not parse can start one.
    if (autocommit()) {
        s = TransactionState();
    } else if (!s.active) {
        s.active = true;
        s.mode = TransactionState::Mode::Deferred;
        s.since = QDateTime::currentDateTimeUtc();
    }
    if (s != m_state) {
        m_state = s;
        if (m_stateListener)
            m_stateListener(m_state);
    }
}

bool Connection::hasSessionState()
{
    if (!m_db)
        return false;
    if (m_pragmaSet || sqlite3_db_name(m_db, 2) != nullptr) // 0 is main, 1 temp, 2 and on attached
        return true;
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT 1 FROM temp.sqlite_schema LIMIT 1", -1, &s, nullptr) != SQLITE_OK) {
        sqlite3_finalize(s);
        return true; // cannot tell: keep the statement here
    }
    const bool temp = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return temp;
}

QString transactionModeName(TransactionState::Mode mode)
{
    switch (mode) {
    case TransactionState::Mode::None: return QStringLiteral("none");
    case TransactionState::Mode::Deferred: return QStringLiteral("deferred");
    case TransactionState::Mode::Immediate: return QStringLiteral("immediate");
    case TransactionState::Mode::Exclusive: return QStringLiteral("exclusive");
    case TransactionState::Mode::Savepoint: return QStringLiteral("savepoint");
    }
    return {};
}

} // namespace Litehouse
