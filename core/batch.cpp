#include "batch.h"

#include "database_p.h"
#include "manager_p.h"

#include <QElapsedTimer>
#include <QThread>

#include <condition_variable>

#include <sqlite3.h>

namespace Litehouse {

// A chunk of rows: every value in one vector, and where each row ends.
struct BatchRows
{
    std::vector<Value> cells;
    std::vector<size_t> ends;
    qsizetype size() const { return qsizetype(ends.size()); }
    bool isEmpty() const { return ends.empty(); }
};

struct BatchState
{
    Manager *manager = nullptr;
    QString database;
    QByteArray sql;
    int batchSize = 1000;
    quint64 session = 0;
    BatchRows buffer;
    bool finished = false;
    // Touched only on the writer lane:
    bool begun = false;
    bool outer = true;
    // Shared between the lane and the caller:
    std::mutex mutex;
    std::condition_variable room; // a chunk was written: add() may post the next
    int inFlight = 0;             // chunks posted and not yet written
    std::optional<Error> error;
    qint64 written = 0;
    OperationRecord record;
    qint64 busyNs = 0;
};

namespace {

std::atomic<quint64> g_nextSession{1};

// A producer faster than the writer waits for the writer once this many
// chunks are queued, so that a batch holds a few chunks in memory, not all
// the rows it was given (1M rows held about 190 MB without a bound).
constexpr int kMaxChunksInFlight = 3;

void chunkDone(BatchState &s)
{
    std::lock_guard lock(s.mutex);
    --s.inFlight;
    s.room.notify_all();
}

void undo(Connection &c, BatchState &s)
{
    if (!s.begun)
        return;
    if (s.outer)
        c.exec("ROLLBACK");
    else {
        c.exec("ROLLBACK TO litehouse_batch");
        c.exec("RELEASE litehouse_batch");
    }
    s.begun = false;
}

// Runs on the writer lane: opens the session's transaction on first use,
// then writes the chunk with one prepared statement.
void writeChunk(Connection &c, const std::shared_ptr<BatchState> &s, const BatchRows &rows, Lane &lane)
{
    {
        std::lock_guard lock(s->mutex);
        if (s->error)
            return;
    }
    QElapsedTimer timer;
    timer.start();
    auto fail = [&](Error e) {
        undo(c, *s);
        lane.setOwner(0);
        std::lock_guard lock(s->mutex);
        s->error = e.withDatabase(c.path());
    };
    if (!s->begun) {
        s->outer = c.autocommit();
        if (auto r = c.exec(s->outer ? "BEGIN IMMEDIATE" : "SAVEPOINT litehouse_batch"); !r)
            return fail(r.error());
        s->begun = true;
        lane.setOwner(s->session);
    }
    auto stmt = c.prepare(s->sql, true);
    if (!stmt)
        return fail(stmt.error());
    qint64 n = 0;
    ResultSet sink;
    size_t begin = 0;
    for (const size_t end : rows.ends) {
        if (auto b = stmt.value().bindRow(std::span<const Value>(rows.cells.data() + begin, end - begin)); !b)
            return fail(b.error());
        begin = end;
        auto done = c.step(stmt.value().handle(), sink, -1);
        if (!done)
            return fail(done.error());
        sink.clearRows();
        sqlite3_reset(stmt.value().handle());
        ++n;
    }
    std::lock_guard lock(s->mutex);
    s->written += n;
    s->busyNs += timer.nsecsElapsed();
}

} // namespace

std::unique_ptr<Batch> Manager::batch(const QString &database, const QString &sql, int batchSize)
{
    auto s = std::make_shared<BatchState>();
    s->manager = this;
    s->database = database;
    s->sql = sql.toUtf8();
    s->batchSize = qMax(1, batchSize);
    s->session = g_nextSession.fetch_add(1);
    s->record.timestamp = QDateTime::currentDateTimeUtc();
    s->record.database = resolve(database);
    s->record.sql = sql;
    s->record.kind = OperationRecord::Kind::Query;
    s->record.statementType = statementTypeName(classifyStatement(s->sql).kind);
    if (!isOpen(database))
        s->error = Error(Error::Kind::NotOpen, QStringLiteral("no open database named \"%1\"").arg(database));
    return std::make_unique<Batch>(s);
}

Batch::Batch(std::shared_ptr<BatchState> state) : d(std::move(state)) {}

Batch::~Batch()
{
    if (!d->finished)
        abort();
}

static Outcome<Done> postChunk(const std::shared_ptr<BatchState> &s, BatchRows rows)
{
    auto db = detail::ManagerAccess::find(*s->manager, s->database);
    if (!db)
        return Error(Error::Kind::NotOpen, QStringLiteral("no open database named \"%1\"").arg(s->database));
    const bool mayWait = QThread::currentThread() != s->manager->thread();
    {
        // On any thread, the manager's too: a Batch is fed from a file or a
        // loop, never from the UI thread (ui/ imports off it).
        std::unique_lock lock(s->mutex);
        s->room.wait(lock, [&] { return s->inFlight < kMaxChunksInFlight || s->error; });
        if (s->error)
            return *s->error;
        ++s->inFlight;
    }
    Lane *lane = &db->writer();
    Task t;
    t.session = s->session;
    t.run = [s, rows = std::move(rows), lane](Connection &c) mutable {
        writeChunk(c, s, rows, *lane);
        rows = {}; // freed before the producer is let go
        chunkDone(*s);
    };
    t.fail = [s](const Error &e) {
        {
            std::lock_guard lock(s->mutex);
            if (!s->error)
                s->error = e;
        }
        chunkDone(*s);
    };
    auto r = lane->post(std::move(t), mayWait);
    if (!r)
        chunkDone(*s);
    return r;
}

Outcome<Done> Batch::add(std::span<const Value> row)
{
    {
        std::lock_guard lock(d->mutex);
        if (d->error)
            return *d->error;
    }
    if (d->finished)
        return Error::invalid(QStringLiteral("the batch is already finished"));
    BatchRows &b = d->buffer;
    if (b.isEmpty()) {
        // Room for a whole chunk of rows like this one: no reallocation while filling it.
        b.cells.reserve(size_t(d->batchSize) * row.size());
        b.ends.reserve(size_t(d->batchSize));
    }
    b.cells.insert(b.cells.end(), row.begin(), row.end());
    b.ends.push_back(b.cells.size());
    if (b.size() >= d->batchSize) {
        auto r = postChunk(d, std::exchange(d->buffer, {}));
        if (!r)
            return r;
    }
    return Done{};
}

QFuture<Outcome<qint64>> Batch::finish()
{
    auto promise = makePromise<Outcome<qint64>>();
    auto future = promise->future();
    auto settle = [promise](Outcome<qint64> v) { fulfil(*promise, std::move(v)); };
    if (d->finished) {
        settle(Error::invalid(QStringLiteral("the batch is already finished")));
        return future;
    }
    d->finished = true;
    if (!d->buffer.isEmpty()) {
        if (auto r = postChunk(d, std::exchange(d->buffer, {})); !r) {
            settle(r.error());
            return future;
        }
    }
    auto db = detail::ManagerAccess::find(*d->manager, d->database);
    if (!db) {
        settle(Error(Error::Kind::NotOpen, QStringLiteral("no open database named \"%1\"").arg(d->database)));
        return future;
    }
    auto s = d;
    Lane *lane = &db->writer();
    Task t;
    t.session = s->session;
    t.run = [s, settle, lane](Connection &c) {
        std::optional<Error> err;
        {
            std::lock_guard lock(s->mutex);
            err = s->error;
        }
        if (!err && s->begun) {
            if (auto r = c.exec(s->outer ? "COMMIT" : "RELEASE litehouse_batch"); !r) {
                err = r.error();
                undo(c, *s);
            }
            s->begun = false;
        }
        lane->setOwner(0);
        OperationRecord op = s->record;
        op.rowsAffected = err ? 0 : s->written;
        op.durationNs = s->busyNs;
        op.params = QStringLiteral("%1 rows").arg(s->written);
        if (err) {
            op.outcome = OperationRecord::Outcome::Error;
            op.error = err->message();
            op.errorCode = err->extendedCode();
        }
        detail::ManagerAccess::report(*s->manager, op, err ? *err : Error());
        if (err)
            settle(*err);
        else
            settle(s->written);
    };
    t.fail = [settle](const Error &e) { settle(e); };
    if (auto r = lane->post(std::move(t), QThread::currentThread() != d->manager->thread()); !r)
        settle(r.error());
    return future;
}

QFuture<Outcome<Done>> Batch::abort()
{
    auto promise = makePromise<Outcome<Done>>();
    auto future = promise->future();
    d->finished = true;
    d->buffer = {};
    auto db = detail::ManagerAccess::find(*d->manager, d->database);
    if (!db) {
        fulfil(*promise, Done{});
        return future;
    }
    auto s = d;
    Lane *lane = &db->writer();
    Task t;
    t.session = s->session;
    t.run = [s, promise, lane](Connection &c) {
        undo(c, *s);
        lane->setOwner(0);
        fulfil(*promise, Done{});
    };
    t.fail = [promise](const Error &) { fulfil(*promise, Done{}); };
    if (!lane->post(std::move(t), false))
        t.fail({});
    return future;
}

} // namespace Litehouse
