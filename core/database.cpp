#include "database_p.h"

#include "logging.h"

#include <QDateTime>

#include <sqlite3.h>

namespace Litehouse {

namespace {
bool isMemory(const QString &p)
{
    return p.isEmpty() || p == QLatin1String(":memory:") || p.startsWith(QLatin1String("file::memory:"));
}
} // namespace

Database::Database(Manager *mgr, QString p, OpenOptions opts)
    : path(std::move(p)), options(std::move(opts)), manager(mgr)
{
    m_writer = std::make_unique<Lane>(mgr->threadPool(), std::make_unique<Connection>(path, Connection::Role::Writer),
                                      options.maxQueuedTasks);
    m_clock.start();
}

Database::~Database() = default;

bool Database::hasReaders() const
{
    return !isMemory(path) && options.maxReaders > 0;
}

bool Database::checkpointsOnCommit() const
{
    return !options.readOnly && !isMemory(path);
}

bool Database::checkpointsInBackground() const
{
    return options.backgroundCheckpoint && checkpointsOnCommit();
}

void Database::walCommitted(Connection &writer, int frames, int threshold)
{
    using Action = detail::CheckpointPolicy::Action;
    switch (m_checkpoints.afterCommit(frames, threshold, checkpointsInBackground())) {
    case Action::None:
        return;
    case Action::Restart:
        restartCheckpoint(writer, frames, threshold);
        return;
    case Action::Background:
        if (!postCheckpoint())
            endBackgroundCheckpoint(false); // closing: the last connection to close checkpoints
        return;
    case Action::Inline: {
        // As SQLite's own hook: passive, errors ignored (the commit is done;
        // a reader holding old frames only delays the checkpoint).
        int log = 0;
        int done = 0;
        if (sqlite3_wal_checkpoint_v2(writer.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK) {
            m_checkpoints.writerCheckpointed(log, done);
            m_writerCheckpoints.fetch_add(1, std::memory_order_relaxed);
        }
        return;
    }
    }
}

void Database::restartCheckpoint(Connection &writer, int frames, int threshold)
{
    // The background's checkpoint would make this one busy at once.
    if (m_checkpoints.inFlight())
        awaitBackgroundCheckpoint();
    // SQLite waits for readers through the busy handler: bounded here, so
    // that a reader that keeps its snapshot (a result scrolled slowly) holds
    // up one commit by this much at most. Writers of other processes wait as
    // long behind it, within their own busy timeout and retries.
    constexpr int kRestartWaitMs = 250;
    sqlite3_busy_timeout(writer.handle(), qMax(kRestartWaitMs, options.busyTimeoutMs));
    int log = 0;
    int done = 0;
    const int rc = sqlite3_wal_checkpoint_v2(writer.handle(), "main", SQLITE_CHECKPOINT_RESTART, &log, &done);
    sqlite3_busy_timeout(writer.handle(), options.busyTimeoutMs);
    if (rc == SQLITE_OK) {
        m_checkpoints.restartDone(log);
        m_writerCheckpoints.fetch_add(1, std::memory_order_relaxed);
        m_restartCheckpoints.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    // Busy: some frames may be copied still; what is left waits for the next try.
    m_checkpoints.restartFailed(frames, threshold);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        m_busyCheckpoints.fetch_add(1, std::memory_order_relaxed);
    else
        qCWarning(lcConnection) << "checkpoint of" << path << "failed:" << writer.lastError(rc).message();
}

void Database::awaitBackgroundCheckpoint()
{
    std::unique_lock lock(m_checkpointMutex);
    // Bounded: a checkpoint copies at most a few thousand frames; past this
    // the caller's checkpoint reports busy, as SQLite says.
    m_checkpointEnded.wait_for(lock, std::chrono::seconds(10), [this] { return !m_checkpoints.inFlight(); });
}

void Database::endBackgroundCheckpoint(bool broken)
{
    {
        std::lock_guard lock(m_checkpointMutex);
        if (broken)
            m_checkpoints.backgroundBroken();
        else
            m_checkpoints.backgroundDone();
    }
    m_checkpointEnded.notify_all();
}

bool Database::postCheckpoint()
{
    Lane *lane = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (m_closing)
            return false;
        if (!m_checkpointer) {
            // A reader connection (query_only): it never runs SQL, and a
            // checkpoint through the C API is not a write statement.
            m_checkpointer = std::make_unique<Lane>(manager->threadPool(),
                                                    std::make_unique<Connection>(path, Connection::Role::Reader), 4);
        }
        lane = m_checkpointer.get();
    }
    Task t;
    // The Database outlives its lanes' tasks (close() waits for them).
    t.run = [this](Connection &c) { checkpointInBackground(c); };
    t.fail = [this](const Error &) { endBackgroundCheckpoint(false); };
    return bool(lane->post(std::move(t), false));
}

void Database::checkpointInBackground(Connection &c)
{
    if (!c.isOpen()) {
        if (auto r = c.open(options); !r) {
            qCWarning(lcConnection) << "cannot checkpoint" << path
                                    << "in the background, the writer checkpoints instead:" << r.error().message();
            endBackgroundCheckpoint(true);
            return;
        }
    }
    int log = 0;
    int done = 0;
    const int rc = sqlite3_wal_checkpoint_v2(c.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    // Closed until the next one (opening costs far less than a checkpoint):
    // in WAL mode an open connection holds a shared lock on the file, and
    // that would keep the writer from leaving WAL mode.
    const Error error = rc == SQLITE_OK ? Error() : c.lastError(rc);
    c.close();
    if (rc == SQLITE_OK) {
        m_checkpoints.backgroundCheckpointed(log, done);
        m_backgroundCheckpoints.fetch_add(1, std::memory_order_relaxed);
        endBackgroundCheckpoint(false);
    } else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        // Another connection (or process) is checkpointing: it does the work.
        m_busyCheckpoints.fetch_add(1, std::memory_order_relaxed);
        endBackgroundCheckpoint(false);
    } else {
        qCWarning(lcConnection) << "background checkpoint of" << path << "failed, the writer checkpoints instead:"
                                << error.message();
        endBackgroundCheckpoint(true);
    }
}

CheckpointStats Database::checkpointStats() const
{
    CheckpointStats s;
    s.background = m_backgroundCheckpoints.load(std::memory_order_relaxed);
    s.onWriter = m_writerCheckpoints.load(std::memory_order_relaxed);
    s.busy = m_busyCheckpoints.load(std::memory_order_relaxed);
    s.restarts = m_restartCheckpoints.load(std::memory_order_relaxed);
    return s;
}

Outcome<Done> Database::postRead(Task task, bool mayWait)
{
    Lane *target = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (m_closing)
            return Error(Error::Kind::Closed, QStringLiteral("database is closing")).withDatabase(path);
        Reader *best = nullptr;
        for (Reader &r : m_readers)
            if (!best || r.lane->load() < best->lane->load())
                best = &r;
        if ((!best || best->lane->load() > 0) && int(m_readers.size()) < qMax(1, options.maxReaders)) {
            m_readers.push_back({std::make_unique<Lane>(manager->threadPool(),
                                                        std::make_unique<Connection>(path, Connection::Role::Reader),
                                                        options.maxQueuedTasks),
                                 0});
            best = &m_readers.back();
        }
        best->lastUsedMs = m_clock.elapsed();
        target = best->lane.get();
    }
    // Lanes are only removed under m_mutex by reapIdleReaders() when idle; a
    // post that races with a reap lands on a closing lane and is retried.
    auto r = target->post(std::move(task), mayWait);
    if (!r && r.error().kind() == Error::Kind::Closed) {
        std::lock_guard lock(m_mutex);
        if (m_closing)
            return r;
    } else {
        return r;
    }
    return postRead(std::move(task), mayWait);
}

std::shared_ptr<Lane> Database::newStreamLane()
{
    return std::make_shared<Lane>(manager->threadPool(), std::make_unique<Connection>(path, Connection::Role::Reader),
                                  options.maxQueuedTasks);
}

void Database::trackStream(const std::shared_ptr<StreamState> &s)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_streams, [](const auto &w) { return w.expired(); });
    m_streams.push_back(s);
}

void Database::reapIdleReaders()
{
    std::lock_guard lock(m_mutex);
    if (m_closing)
        return;
    const qint64 now = m_clock.elapsed();
    for (auto it = m_readers.begin(); it != m_readers.end() && int(m_readers.size()) > options.minReaders;) {
        if (it->lane->load() == 0 && now - it->lastUsedMs > options.readerIdleTimeoutMs) {
            it->lane->closeAfterQueued({});
            m_retired.push_back(std::move(it->lane));
            it = m_readers.erase(it);
        } else {
            ++it;
        }
    }
}

void Database::close(std::function<void()> done)
{
    std::vector<Lane *> lanes;
    std::vector<std::shared_ptr<StreamState>> streams;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        for (auto &w : m_streams)
            if (auto s = w.lock())
                streams.push_back(s);
        for (Reader &r : m_readers)
            lanes.push_back(r.lane.get());
        for (auto &l : m_retired)
            lanes.push_back(l.get());
        if (m_checkpointer)
            lanes.push_back(m_checkpointer.get());
    }
    // Streams first: their statements must be finalized on their own lanes
    // before the connections close.
    std::vector<std::shared_ptr<Lane>> streamLanes;
    for (auto &s : streams) {
        Task t;
        t.run = [s](Connection &) { s->finish(nullptr); };
        t.fail = [](const Error &) {};
        s->lane().post(std::move(t), false);
        if (s->ownLane)
            streamLanes.push_back(s->ownLane);
    }
    // The writer closes last (taking no new tasks from now on, as the
    // others). The last connection to close copies the WAL into the database
    // and deletes it; when two closed at once, neither was last, and the WAL
    // stayed beside the file (a copy of the file alone then missed the
    // latest commits).
    m_writer->refuseNewTasks();
    auto remaining = std::make_shared<std::atomic<int>>(int(lanes.size() + streamLanes.size()) + 1);
    auto one = [this, remaining, done] {
        if (remaining->fetch_sub(1) == 1)
            m_writer->closeAfterQueued(done);
    };
    // Every lane, also a reader the reaper is already closing: the Database
    // (and with it each lane) may be destroyed once the writer is done.
    for (Lane *l : lanes)
        l->closeAfterQueued(one);
    for (auto &l : streamLanes)
        l->closeAfterQueued([one, keep = l] { one(); });
    one();
}

TransactionState Database::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

void Database::setState(const TransactionState &s)
{
    std::lock_guard lock(m_mutex);
    m_state = s;
}

bool Database::inTransaction() const
{
    std::lock_guard lock(m_mutex);
    return m_state.active;
}

CacheStats Database::cacheStats() const
{
    std::lock_guard lock(m_mutex);
    CacheStats s = m_writer->connection()->cacheStats();
    for (const Reader &r : m_readers) {
        const CacheStats c = r.lane->connection()->cacheStats();
        s.hits += c.hits;
        s.misses += c.misses;
        s.size += c.size;
    }
    return s;
}

void Database::setOpenError(const Error &e)
{
    std::lock_guard lock(m_mutex);
    m_openError = e;
}

std::optional<Error> Database::openError() const
{
    std::lock_guard lock(m_mutex);
    return m_openError;
}

} // namespace Litehouse
