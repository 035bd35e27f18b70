#include "lane.h"

#include "handoff_p.h"
#include "tsan_p.h"

#include <QElapsedTimer>
#include <QThread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define LH_PAUSE() _mm_pause()
#else
#define LH_PAUSE() std::atomic_signal_fence(std::memory_order_seq_cst)
#endif

namespace Litehouse {

void Lane::Queue::push(Task &&t)
{
    if (m_size == m_buf.size()) {
        std::vector<Task> grown(qMax<size_t>(16, m_buf.size() * 2));
        for (size_t i = 0; i < m_size; ++i)
            grown[i] = std::move(at(i));
        m_buf.swap(grown);
        m_head = 0;
    }
    m_buf[(m_head + m_size) & (m_buf.size() - 1)] = std::move(t);
    ++m_size;
}

Task Lane::Queue::take(size_t i)
{
    Task t = std::move(at(i));
    if (i == 0) {
        at(0) = Task();
        m_head = (m_head + 1) & (m_buf.size() - 1);
    } else {
        // Only an exclusive session takes from the middle; close the gap.
        for (size_t j = i; j + 1 < m_size; ++j)
            at(j) = std::move(at(j + 1));
        at(m_size - 1) = Task();
    }
    --m_size;
    if (m_size == 0) {
        m_head = 0;
        if (m_buf.size() > 4096)
            std::vector<Task>().swap(m_buf);
    }
    return t;
}

std::vector<Task> Lane::Queue::takeAll()
{
    std::vector<Task> all;
    all.reserve(m_size);
    for (size_t i = 0; i < m_size; ++i)
        all.push_back(std::move(at(i)));
    std::vector<Task>().swap(m_buf);
    m_head = 0;
    m_size = 0;
    return all;
}

Lane::Lane(QThreadPool *pool, std::unique_ptr<Connection> connection, int spinMicros, int maxQueued)
    : m_pool(pool), m_conn(std::move(connection)), m_spinMicros(spinMicros), m_maxQueued(maxQueued),
      m_spinNs(qint64(spinMicros) * 1000)
{
}

Lane::~Lane()
{
    // The owner closes lanes and waits for them before destroying them; a
    // task still queued here would never resolve, so fail it rather than drop it.
    std::vector<Task> left;
    {
        std::lock_guard lock(m_mutex);
        left = m_queue.takeAll();
    }
    for (Task &t : left)
        t.reject(Error(Error::Kind::Closed, QStringLiteral("database closed")));
}

Outcome<Done> Lane::post(Task &&task, bool mayWait)
{
    std::unique_lock lock(m_mutex);
    if (m_closing || m_closed || m_refusing)
        return Error(Error::Kind::Closed, QStringLiteral("database is closing"));
    if (int(m_queue.size()) >= m_maxQueued) {
        if (!mayWait)
            return Error(Error::Kind::QueueFull,
                         QStringLiteral("too many queued operations (limit %1); try again later").arg(m_maxQueued));
        m_room.wait(lock, [&] { return int(m_queue.size()) < m_maxQueued || m_closing || m_closed || m_refusing; });
        if (m_closing || m_closed || m_refusing)
            return Error(Error::Kind::Closed, QStringLiteral("database is closing"));
    }
    m_queue.push(std::move(task));
    m_load.fetch_add(1, std::memory_order_relaxed);
    m_queued.fetch_add(1, std::memory_order_release);
    if (!m_running) {
        m_running = true;
        lock.unlock();
        startOnPool(m_pool, [this] { drain(); });
    }
    return Done{};
}

void Lane::refuseNewTasks()
{
    std::lock_guard lock(m_mutex);
    m_refusing = true;
    m_room.notify_all();
}

void Lane::setOwner(quint64 session)
{
    std::lock_guard lock(m_mutex);
    m_owner = session;
}

void Lane::closeAfterQueued(std::function<void()> onClosed)
{
    std::unique_lock lock(m_mutex);
    if (m_closed) {
        // The connection is closed and drain() is done with this lane.
        lock.unlock();
        if (onClosed)
            onClosed();
        return;
    }
    if (onClosed)
        m_onClosed.push_back(std::move(onClosed));
    if (m_closing)
        return;
    m_closing = true;
    m_owner = 0; // a session left open must not hold back the close
    m_room.notify_all();
    if (!m_running) {
        m_running = true;
        lock.unlock();
        startOnPool(m_pool, [this] { drain(); });
    }
}

bool Lane::handsOff() const
{
    // Only a writer with more work queued hands its futures to awaiting
    // threads (core/handoff_p.h): it is the one connection of its database
    // that writes, so every microsecond it saves is one more write per
    // second. Readers are several; one awaiting thread resolving for all of
    // them became their bottleneck (W2p fell by a fifth).
    return m_conn->role() == Connection::Role::Writer && m_queued.load(std::memory_order_relaxed) > 0;
}

void Lane::runTask(Task &task)
{
    detail::Handoff::beginTask(task.body.get(), handsOff());
    task.invoke(*m_conn);
    // Releases the captures before the next task; a body that deferred its
    // future hands this reference over with it.
    task.run = nullptr;
    task.fail = nullptr;
    detail::Handoff::endTask(std::move(task.body));
}

bool Lane::takeNext(Task *out)
{
    for (size_t i = 0; i < m_queue.size(); ++i) {
        if (m_owner == 0 || m_queue.at(i).session == m_owner) {
            *out = m_queue.take(i);
            m_queued.fetch_sub(1, std::memory_order_relaxed);
            m_room.notify_one();
            return true;
        }
    }
    return false;
}

void Lane::drain()
{
    for (;;) {
        Task task;
        bool have = false;
        {
            std::lock_guard lock(m_mutex);
            have = takeNext(&task);
        }
        if (have) {
            runTask(task);
            m_load.fetch_sub(1, std::memory_order_relaxed);
            continue;
        }
        detail::Handoff::releaseSetAside();
        // Stay awake briefly: the next task of an awaiting caller usually
        // arrives within microseconds. The spin adapts like await()'s: it
        // halves (down to an eighth) after a spin in which nothing came, and
        // doubles (up to spinMicros) after one in which a task did, so that
        // a lane whose caller cannot get a core meanwhile stops taking one.
        if (m_spinMicros > 0) {
            QElapsedTimer t;
            t.start();
            const qint64 maxNs = qint64(m_spinMicros) * 1000;
            const int seen = m_queued.load(std::memory_order_acquire);
            bool arrived = false;
            while (t.nsecsElapsed() < m_spinNs) {
                if (m_queued.load(std::memory_order_acquire) != seen) {
                    arrived = true;
                    break;
                }
                for (int i = 0; i < 16; ++i)
                    LH_PAUSE();
            }
            m_spinNs = arrived ? qMin(maxNs, m_spinNs * 2) : qMax(maxNs / 8, m_spinNs / 2);
            if (arrived)
                continue;
        }
        {
            std::lock_guard lock(m_mutex);
            if (takeNext(&task)) {
                have = true;
            } else if (!m_closing || (!m_queue.empty() && m_owner != 0)) {
                m_running = false;
                return;
            }
            // Closing: m_running stays set, so no other drain starts meanwhile.
        }
        if (have) {
            runTask(task);
            m_load.fetch_sub(1, std::memory_order_relaxed);
            continue;
        }
        // Closed only once the connection is: a closeAfterQueued() that sees
        // m_closed runs its callback at once, and that may destroy the lane.
        m_conn->close();
        std::vector<std::function<void()>> onClosed;
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
            m_running = false;
            onClosed.swap(m_onClosed);
        }
        // Nothing touches this lane's members from here: a callback may destroy it.
        for (auto &f : onClosed)
            f();
        return;
    }
}

} // namespace Litehouse
