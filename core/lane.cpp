#include "lane.h"

#include "async_p.h"

namespace Litehouse {

Lane::Lane(QThreadPool *pool, std::unique_ptr<Connection> connection, int maxQueued)
    : m_pool(pool), m_conn(std::move(connection)), m_maxQueued(maxQueued)
{
}

Lane::~Lane()
{
    // The owner closes lanes and waits for them before destroying them; a
    // task still queued here would never resolve, so fail it rather than drop it.
    std::deque<Task> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_queue);
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
    m_queue.push_back(std::move(task));
    m_load.fetch_add(1, std::memory_order_relaxed);
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

bool Lane::takeNext(Task *out)
{
    // While an exclusive session owns the lane (a Batch), only its tasks
    // run; the others wait in order behind it.
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (m_owner == 0 || it->session == m_owner) {
            *out = std::move(*it);
            m_queue.erase(it);
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
        if (!have) {
            std::lock_guard lock(m_mutex);
            if (!takeNext(&task)) {
                if (!m_closing || (!m_queue.empty() && m_owner != 0)) {
                    m_running = false;
                    return;
                }
                // Closing: m_running stays set, so no other drain starts meanwhile.
                break;
            }
        }
        task.invoke(*m_conn);
        task = Task(); // the captures go before the next task runs
        m_load.fetch_sub(1, std::memory_order_relaxed);
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
}

} // namespace Litehouse
