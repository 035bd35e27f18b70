#include "manager_p.h"

#include "batch.h"
#include "database_p.h"
#include "logging.h"
#include "querystream.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QThread>
#include <QTimer>

#include <condition_variable>
#include <optional>

#include <sqlite3.h>

namespace Litehouse {

using detail::notOpen;
using detail::startRecord;

struct Manager::Registry
{
    mutable std::mutex mutex;
    QHash<QString, std::shared_ptr<Database>> byPath;
    QHash<QString, QString> aliasToPath;
    std::shared_ptr<const std::vector<std::shared_ptr<OperationSink>>> sinks =
        std::make_shared<std::vector<std::shared_ptr<OperationSink>>>();
    std::atomic<int> sinkCount{0}; // read without the lock on every operation
    QTimer reaper;
    // Databases taken out of byPath and not yet destroyed (see retire()).
    std::mutex retireMutex;
    std::condition_variable allRetired;
    int retiring = 0;
};

namespace {

QString normalizePath(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:") || path.startsWith(QLatin1String("file:")))
        return path.isEmpty() ? QStringLiteral(":memory:") : path;
    const QFileInfo fi(path);
    const QString canonical = fi.canonicalFilePath();
    return canonical.isEmpty() ? fi.absoluteFilePath() : canonical;
}

QJsonValue toJson(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null: return QJsonValue::Null;
    case Value::Type::Integer: return double(v.toInt()) == double(qint64(v.toInt())) && qAbs(v.toInt()) < (qint64(1) << 53)
            ? QJsonValue(v.toInt()) : QJsonValue(v.toString());
    case Value::Type::Real: return v.toDouble();
    case Value::Type::Text: return v.toString();
    case Value::Type::Blob: return v.toString();
    }
    return {};
}

QString paramsJson(const Params &p)
{
    if (p.isEmpty())
        return {};
    if (p.named.isEmpty()) {
        QJsonArray a;
        for (const Value &v : p.positional)
            a.append(toJson(v));
        return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
    }
    QJsonObject o;
    for (int i = 0; i < p.positional.size(); ++i)
        o.insert(QString::number(i + 1), toJson(p.positional.at(i)));
    for (const auto &[name, v] : p.named)
        o.insert(name, toJson(v));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

OperationRecord detail::startRecord(const std::shared_ptr<Database> &db, const QString &name, const QString &sql,
                                    const Params &params, OperationRecord::Kind kind)
{
    OperationRecord op;
    // Nobody records or listens: skip rendering parameters and the clock.
    if (!detail::ManagerAccess::observed(*db->manager))
        return op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = db->path;
    if (name != db->path)
        op.alias = name;
    op.sql = sql;
    if (!params.isEmpty()) {
        op.params = params.toString();
        op.paramsJson = paramsJson(params);
    }
    op.kind = kind;
    op.statementType = statementTypeName(classifyStatement(sql.toUtf8()).kind);
    return op;
}

void finishRecord(OperationRecord &op, const Error *e, qint64 ns, qint64 returned, qint64 affected)
{
    op.durationNs = ns;
    op.rowsReturned = returned;
    op.rowsAffected = affected;
    if (e) {
        op.outcome = e->kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled
                                                           : OperationRecord::Outcome::Error;
        op.error = e->message();
        op.errorCode = e->extendedCode();
    }
}

Manager::Manager(QObject *parent) : QObject(parent), m_reg(std::make_unique<Registry>())
{
    qRegisterMetaType<Litehouse::OperationRecord>();
    qRegisterMetaType<Litehouse::Error>();
    qRegisterMetaType<Litehouse::TransactionState>();
    m_pool.setMaxThreadCount(qMax(8, QThread::idealThreadCount() * 4));
    m_pool.setExpiryTimeout(30000);
    m_reg->reaper.setInterval(5000);
    connect(&m_reg->reaper, &QTimer::timeout, this, [this] {
        std::vector<std::shared_ptr<Database>> dbs;
        {
            std::lock_guard lock(m_reg->mutex);
            for (const auto &d : std::as_const(m_reg->byPath))
                dbs.push_back(d);
        }
        for (auto &d : dbs)
            d->reapIdleReaders(); // only posts closes to the pool
    });
    m_reg->reaper.start();
}

Manager::~Manager()
{
    // Wait on the pool, not on the futures: every close resolves there.
    auto f = closeAll();
    m_pool.waitForDone();
    f.waitForFinished();
    Tsan::acquireFuture(f);
    // A closed Database is destroyed by a job of its own after its close has
    // resolved; none may outlive the manager whose pool its lanes use.
    {
        std::unique_lock lock(m_reg->retireMutex);
        m_reg->allRetired.wait(lock, [this] { return m_reg->retiring == 0; });
    }
}

void Manager::beginRetire(const std::shared_ptr<Database> &db)
{
    std::lock_guard lock(m_reg->retireMutex);
    ++m_reg->retiring;
    // The close request happens before the drop; between them the close
    // passes through every lane of the database and a pool job.
    Tsan::release(db.get());
}

void Manager::retire(std::shared_ptr<Database> db)
{
    // Not on the calling thread: the last close callback runs on one of the
    // database's own lanes, which ~Database destroys. Qt's global pool, not
    // the manager's: with the manager's, the interleaved core benchmark
    // measured W2p lower (0.45-0.65x raw against 0.67-1.0x), for reasons not
    // found; ~Manager waits for the job either way.
    Registry *reg = m_reg.get();
    startOnPool(QThreadPool::globalInstance(), [reg, keep = std::move(db)]() mutable {
        Tsan::acquire(keep.get());
        keep.reset();
        // Notified under the lock: ~Manager may destroy the registry as soon
        // as it can take the lock after the count reached zero.
        std::lock_guard lock(reg->retireMutex);
        if (--reg->retiring == 0)
            reg->allRetired.notify_all();
    });
}

std::shared_ptr<Database> Manager::find(const QString &database) const
{
    std::lock_guard lock(m_reg->mutex);
    auto a = m_reg->aliasToPath.constFind(database);
    if (a != m_reg->aliasToPath.cend())
        return m_reg->byPath.value(*a);
    if (auto d = m_reg->byPath.value(database))
        return d;
    return m_reg->byPath.value(normalizePath(database));
}

bool Manager::isOpen(const QString &database) const
{
    return find(database) != nullptr;
}

QString Manager::resolve(const QString &database) const
{
    auto d = find(database);
    return d ? d->path : QString();
}

QStringList Manager::databases() const
{
    std::lock_guard lock(m_reg->mutex);
    return m_reg->byPath.keys();
}

Error detail::notOpen(const QString &name)
{
    return Error(Error::Kind::NotOpen, QStringLiteral("no open database named \"%1\"").arg(name)).withDatabase(name);
}

QFuture<Outcome<DatabaseInfo>> Manager::open(const QString &path, const OpenOptions &options, const QString &alias)
{
    auto promise = makePromise<Outcome<DatabaseInfo>>();
    auto future = promise->future();
    if (path.trimmed().isEmpty()) {
        settle<DatabaseInfo>(promise, Error::invalid(QStringLiteral("no database path given")));
        return future;
    }
    const QString key = normalizePath(path);
    std::shared_ptr<Database> db;
    {
        std::lock_guard lock(m_reg->mutex);
        if (!alias.isEmpty()) {
            const QString existing = m_reg->aliasToPath.value(alias);
            if (!existing.isEmpty() && existing != key) {
                settle<DatabaseInfo>(promise, Error::invalid(QStringLiteral("alias \"%1\" already names %2")
                                                               .arg(alias, existing)));
                return future;
            }
        }
        db = m_reg->byPath.value(key);
        if (db) {
            if (!alias.isEmpty())
                m_reg->aliasToPath.insert(alias, key);
        } else {
            db = std::make_shared<Database>(this, key, options);
            m_reg->byPath.insert(key, db);
            if (!alias.isEmpty())
                m_reg->aliasToPath.insert(alias, key);
        }
    }
    std::weak_ptr<Database> weak = db;
    Task task;
    task.run = [this, promise, weak, alias, key](Connection &c) {
        auto d = weak.lock();
        if (!d) {
            settle<DatabaseInfo>(promise, Error(Error::Kind::Closed, QStringLiteral("database closed")));
            return;
        }
        DatabaseInfo info;
        info.path = d->path;
        info.alias = alias;
        info.readOnly = d->options.readOnly;
        if (!c.isOpen()) {
            if (auto e = d->openError()) {
                settle<DatabaseInfo>(promise, *e);
                return;
            }
            auto r = c.open(d->options);
            if (!r) {
                d->setOpenError(r.error());
                bool removed = false;
                {
                    std::lock_guard lock(m_reg->mutex);
                    if (m_reg->byPath.value(key) == d) {
                        m_reg->byPath.remove(key);
                        removed = true;
                    }
                    for (auto it = m_reg->aliasToPath.begin(); it != m_reg->aliasToPath.end();)
                        it = it.value() == key ? m_reg->aliasToPath.erase(it) : std::next(it);
                }
                // When close() took it out first, that close retires it.
                if (removed) {
                    beginRetire(d);
                    d->close([this, keep = d]() mutable { retire(std::move(keep)); });
                }
                settle<DatabaseInfo>(promise, r.error());
                return;
            }
            info.created = c.created();
            if (d->checkpointsOnCommit()) {
                // The Database outlives every task of its writer, and the
                // hook only runs inside them. Installed with background
                // checkpoints off too: the hook also bounds the WAL under
                // readers that never pause (CheckpointPolicy::Restart).
                Database *raw = d.get();
                c.setWalListener([raw](Connection &w, int frames, int threshold) { raw->walCommitted(w, frames, threshold); });
                if (d->checkpointsInBackground())
                    c.setBeforeCheckpoint([raw] { raw->awaitBackgroundCheckpoint(); });
            }
            const QString dbPath = d->path;
            c.setStateListener([this, weak, dbPath](const TransactionState &s) {
                if (auto dd = weak.lock()) {
                    const TransactionState old = dd->state();
                    dd->setState(s);
                    stateChanged(dbPath, old, s);
                }
            });
            invokeQueued(this, [this, dbPath] { Q_EMIT opened(dbPath); });
        }
        if (auto jm = c.execute("PRAGMA journal_mode", {}, Fetch::one()); jm && jm.value().rows.rowCount() > 0)
            info.journalMode = jm.value().rows.at(0, 0).toString();
        settle<DatabaseInfo>(promise, info);
    };
    task.fail = [promise](const Error &e) { settle<DatabaseInfo>(promise, e); };
    if (auto s = db->writer().post(std::move(task), QThread::currentThread() != thread()); !s)
        task.fail(s.error());
    return future;
}

QFuture<Outcome<Done>> Manager::close(const QString &database)
{
    return closeThen(database, {});
}

QFuture<Outcome<Done>> Manager::closeThen(const QString &database, std::function<void()> then)
{
    auto promise = makePromise<Outcome<Done>>();
    auto future = promise->future();
    std::shared_ptr<Database> db;
    {
        std::lock_guard lock(m_reg->mutex);
        auto a = m_reg->aliasToPath.constFind(database);
        const QString key = a != m_reg->aliasToPath.cend() ? *a
            : m_reg->byPath.contains(database)             ? database
                                                           : normalizePath(database);
        db = m_reg->byPath.take(key);
        for (auto it = m_reg->aliasToPath.begin(); it != m_reg->aliasToPath.end();)
            it = it.value() == key ? m_reg->aliasToPath.erase(it) : std::next(it);
    }
    if (!db) {
        settle<Done>(promise, notOpen(database));
        if (then)
            then();
        return future;
    }
    const QString path = db->path;
    // Counted before the close can resolve, so that ~Manager, once it has
    // seen its closes resolve, also waits for the Database to be destroyed.
    beginRetire(db);
    // The callback keeps the Database alive until its last lane has closed.
    db->close([this, promise, db, path, then = std::move(then)]() mutable {
        invokeQueued(this, [this, path] { Q_EMIT closed(path); });
        settle<Done>(promise, Done{});
        if (then)
            then();
        retire(std::move(db));
    });
    return future;
}

QFuture<Outcome<Done>> Manager::closeAll()
{
    const QStringList all = databases();
    auto promise = makePromise<Outcome<Done>>();
    auto future = promise->future();
    if (all.isEmpty()) {
        settle<Done>(promise, Done{});
        return future;
    }
    // A callback rather than QFuture::then(): a continuation attached after
    // close() returned reaches the lane's thread through Qt's own locking,
    // which ThreadSanitizer cannot see (see tsan_p.h).
    auto left = std::make_shared<std::atomic<int>>(int(all.size()));
    for (const QString &p : all) {
        closeThen(p, [promise, left] {
            if (left->fetch_sub(1) == 1)
                settle<Done>(promise, Done{});
        });
    }
    return future;
}

namespace {

// Every task first makes sure its connection is open: a reader opens on
// first use; a task on a closed or failed database fails.
std::optional<Error> ensureOpen(const std::weak_ptr<Database> &weak, Connection &c)
{
    if (c.isOpen())
        return std::nullopt;
    auto d = weak.lock();
    if (!d)
        return Error(Error::Kind::Closed, QStringLiteral("database closed"));
    if (auto e = d->openError())
        return *e;
    if (c.role() == Connection::Role::Writer)
        return Error(Error::Kind::Closed, QStringLiteral("database is closed")).withDatabase(d->path);
    if (auto r = c.open(d->options); !r)
        return r.error();
    return std::nullopt;
}

// A task given to submit(): its functions behind the open check.
struct CheckedTask final : Task::Body
{
    Task inner;
    std::weak_ptr<Database> db;
    void run(Connection &c) override
    {
        if (auto e = ensureOpen(db, c))
            inner.reject(*e);
        else
            inner.invoke(c);
    }
    void fail(const Error &e) override { inner.reject(e); }
};

} // namespace

Outcome<Done> Manager::submit(const QString &database, Route route, Task &&task, bool looksReadOnly)
{
    auto db = find(database);
    if (!db)
        return notOpen(database);
    auto checked = std::make_shared<CheckedTask>();
    checked->inner = std::move(task);
    checked->db = db;
    Task wrapped;
    wrapped.session = checked->inner.session;
    wrapped.body = checked;
    auto r = post(db, route, std::move(wrapped), looksReadOnly);
    if (!r)
        task = std::move(checked->inner); // the caller fails it
    return r;
}

Outcome<Done> Manager::post(const std::shared_ptr<Database> &db, Route route, Task &&task, bool looksReadOnly)
{
    const bool mayWait = QThread::currentThread() != thread();
    const bool toReader = db->hasReaders()
        && (route == Route::Reader || (route == Route::Auto && looksReadOnly && !db->inTransaction()));
    return toReader ? db->postRead(std::move(task), mayWait) : db->writer().post(std::move(task), mayWait);
}

bool Manager::observed() const
{
    static const QMetaMethod finished = QMetaMethod::fromSignal(&Manager::operationFinished);
    static const QMetaMethod failed = QMetaMethod::fromSignal(&Manager::operationFailed);
    return m_reg->sinkCount.load(std::memory_order_relaxed) > 0 || isSignalConnected(finished)
        || isSignalConnected(failed);
}

void Manager::report(const OperationRecord &op, const Error &error)
{
    if (!observed())
        return;
    std::shared_ptr<const std::vector<std::shared_ptr<OperationSink>>> sinks;
    {
        std::lock_guard lock(m_reg->mutex);
        sinks = m_reg->sinks;
    }
    for (const auto &s : *sinks)
        s->record(op);
    static const QMetaMethod finished = QMetaMethod::fromSignal(&Manager::operationFinished);
    static const QMetaMethod failed = QMetaMethod::fromSignal(&Manager::operationFailed);
    if (isSignalConnected(finished))
        invokeQueued(this, [this, op] { Q_EMIT operationFinished(op); });
    if (error.isError() && isSignalConnected(failed))
        invokeQueued(this, [this, op, error] { Q_EMIT operationFailed(op, error); });
}

void Manager::addSink(std::shared_ptr<OperationSink> sink)
{
    std::lock_guard lock(m_reg->mutex);
    auto next = std::make_shared<std::vector<std::shared_ptr<OperationSink>>>(*m_reg->sinks);
    next->push_back(std::move(sink));
    m_reg->sinkCount.store(int(next->size()));
    m_reg->sinks = std::move(next);
}

void Manager::removeSink(const std::shared_ptr<OperationSink> &sink)
{
    std::lock_guard lock(m_reg->mutex);
    auto next = std::make_shared<std::vector<std::shared_ptr<OperationSink>>>(*m_reg->sinks);
    std::erase(*next, sink);
    m_reg->sinkCount.store(int(next->size()));
    m_reg->sinks = std::move(next);
}

void Manager::stateChanged(const QString &path, const TransactionState &oldState, const TransactionState &state)
{
    invokeQueued(this, [this, path, oldState, state] {
        Q_EMIT transactionStateChanged(path, state);
        if (oldState.savepoints != state.savepoints)
            Q_EMIT savepointsChanged(path, state.savepoints);
    });
}

TransactionState Manager::transactionState(const QString &database) const
{
    auto db = find(database);
    return db ? db->state() : TransactionState();
}

CacheStats Manager::statementCacheStats(const QString &database) const
{
    auto db = find(database);
    return db ? db->cacheStats() : CacheStats();
}

CheckpointStats Manager::checkpointStats(const QString &database) const
{
    auto db = find(database);
    return db ? db->checkpointStats() : CheckpointStats();
}

namespace {

qint64 rowsReturnedBy(const StatementResult &r) { return r.rows.rowCount(); }
qint64 rowsReturnedBy(const ScriptResult &r) { return r.rowsReturned(); }
qint64 rowsAffectedBy(const StatementResult &r) { return r.rowsAffected; }
qint64 rowsAffectedBy(const ScriptResult &r) { return r.rowsAffected(); }

template<typename R>
QFuture<Outcome<R>> failedFuture(const Error &e)
{
    auto p = makePromise<Outcome<R>>();
    fulfil(*p, e);
    return p->future();
}

} // namespace

/// One execute(), executeScript() or executeMany(): its promise, its
/// operation record and its work, in the one object that is the lane's task.
/// Work is called on the connection's thread; it returns the outcome, or
/// nothing when it handed the operation over to another lane.
template<typename R, typename Work>
class Manager::Operation final : public Task::Body, public std::enable_shared_from_this<Operation<R, Work>>
{
public:
    Operation(Manager *manager, const std::shared_ptr<Database> &db, bool record, Work work)
        : m_manager(manager), m_db(db), m_record(record), m_work(std::move(work)), m_promise(makePromise<Outcome<R>>())
    {
    }

    OperationRecord op;

    QFuture<Outcome<R>> future() { return m_promise->future(); }

    void run(Connection &c) override
    {
        if (auto e = ensureOpen(m_db, c)) {
            fail(*e);
            return;
        }
        QElapsedTimer t;
        t.start();
        std::optional<Outcome<R>> r = m_work(c, *this);
        if (r)
            finish(std::move(*r), t.nsecsElapsed());
    }

    void fail(const Error &e) override { finish(e, 0); }

    /// Queues this operation again, on another route (from the connection's thread).
    bool resubmit(Route route)
    {
        auto db = m_db.lock();
        if (!db)
            return false;
        Task t;
        t.body = this->shared_from_this();
        return bool(m_manager->post(db, route, std::move(t), false));
    }

private:
    void finish(Outcome<R> r, qint64 ns)
    {
        if (m_record) {
            if (r)
                finishRecord(op, nullptr, ns, rowsReturnedBy(r.value()), rowsAffectedBy(r.value()));
            else
                finishRecord(op, &r.error(), ns, 0, 0);
            m_manager->report(op, r ? Error() : r.error());
        }
        fulfil(*m_promise, std::move(r));
    }

    Manager *const m_manager;
    const std::weak_ptr<Database> m_db;
    const bool m_record;
    Work m_work;
    // Through makePromise(), not a member QPromise: ThreadSanitizer must not
    // check the promise's destruction (see core/tsan_p.h).
    const std::shared_ptr<QPromise<Outcome<R>>> m_promise;
};

template<typename R, typename Work>
QFuture<Outcome<R>> Manager::launch(const std::shared_ptr<Database> &db, const QString &database, const QString &sql,
                                    const Params &params, const ExecOptions &options, OperationRecord::Kind kind,
                                    const QString &paramsText, Route route, bool looksReadOnly, Work work)
{
    // Nobody records or listens now: the operation skips its record, which
    // startRecord() leaves empty in that case anyway.
    const bool record = options.record && observed();
    auto operation = std::make_shared<Operation<R, Work>>(this, db, record, std::move(work));
    operation->op = startRecord(db, database, sql, params, kind);
    if (!paramsText.isNull())
        operation->op.params = paramsText;
    auto future = operation->future();
    Task task;
    task.body = operation;
    if (auto s = post(db, route, std::move(task), looksReadOnly); !s)
        operation->fail(s.error());
    return future;
}

QFuture<Outcome<StatementResult>> Manager::execute(const QString &database, const QString &sql, const Params &params,
                                                   const ExecOptions &options)
{
    auto db = find(database);
    if (!db)
        return failedFuture<StatementResult>(notOpen(database));
    QByteArray utf8 = sql.toUtf8();
    const bool readOnly = classifyStatement(utf8).looksReadOnly();
    auto work = [utf8, params, options](Connection &c, auto &self) -> std::optional<Outcome<StatementResult>> {
        if (!c.beginTask(options.cancel)) {
            c.endTask();
            return Outcome<StatementResult>(
                Error::interrupted(QStringLiteral("cancelled before it started")).withDatabase(c.path()));
        }
        if (c.role() == Connection::Role::Reader && options.route == Route::Auto) {
            // Auto routing guessed "read-only" from the text; SQLite decides.
            auto probe = c.prepare(utf8, true);
            if (probe && !sqlite3_stmt_readonly(probe.value().handle())) {
                c.endTask();
                if (self.resubmit(Route::Writer))
                    return std::nullopt;
            }
        }
        auto r = c.execute(utf8, params, options.fetch, options.cancel);
        c.endTask();
        return r;
    };
    return launch<StatementResult>(db, database, sql, params, options, options.kind, QString(), options.route, readOnly,
                                   std::move(work));
}

QFuture<Outcome<ScriptResult>> Manager::executeScript(const QString &database, const QString &sql,
                                                      const Params &params, const ExecOptions &options)
{
    auto db = find(database);
    if (!db)
        return failedFuture<ScriptResult>(notOpen(database));
    QByteArray utf8 = sql.toUtf8();
    // A script that only reads may use a reader when asked to route automatically.
    const bool readOnly = options.route != Route::Writer && classifyStatement(utf8).looksReadOnly()
        && !utf8.contains(';');
    const Route route = options.route == Route::Auto && !readOnly ? Route::Writer : options.route;
    auto work = [utf8, params, options](Connection &c, auto &) -> std::optional<Outcome<ScriptResult>> {
        Outcome<ScriptResult> r = Error::interrupted(QStringLiteral("cancelled before it started"));
        if (c.beginTask(options.cancel))
            r = c.executeScript(utf8, params, options.fetch, options.cancel);
        c.endTask();
        if (!r) {
            Error e = r.error();
            e.withDatabase(c.path());
            r = e;
        }
        return r;
    };
    const auto kind = options.kind == OperationRecord::Kind::Query ? OperationRecord::Kind::Script : options.kind;
    return launch<ScriptResult>(db, database, sql, params, options, kind, QString(), route, readOnly, std::move(work));
}

QFuture<Outcome<StatementResult>> Manager::executeMany(const QString &database, const QString &sql,
                                                       QList<QList<Value>> rows, const ExecOptions &options)
{
    auto db = find(database);
    if (!db)
        return failedFuture<StatementResult>(notOpen(database));
    const QString rowsText = QStringLiteral("%1 rows").arg(rows.size());
    auto work = [utf8 = sql.toUtf8(), rows = std::move(rows), options](Connection &c, auto &)
        -> std::optional<Outcome<StatementResult>> {
        Outcome<StatementResult> r = Error::interrupted(QStringLiteral("cancelled before it started"));
        if (c.beginTask(options.cancel))
            r = c.executeMany(utf8, rows, options.cancel);
        c.endTask();
        return r;
    };
    return launch<StatementResult>(db, database, sql, {}, options, options.kind, rowsText, Route::Writer, false,
                                   std::move(work));
}

} // namespace Litehouse
