#pragma once

#include "task.h"

#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <vector>
#include <functional>
#include <memory>
#include <mutex>

namespace Litehouse {

/// A strand: one connection and a FIFO of tasks that run one at a time on
/// the manager's thread pool, whichever pool thread picks them up. Nothing
/// else touches the connection, so it needs no locks of its own. A lane
/// holds a pool thread only while it has tasks: when its queue runs empty
/// the thread goes back to the pool, and the next post() starts it again.
/// (A lane that spun for the next task before giving its thread back made
/// reads from the UI slower on a busy 2-core machine: docs/benchmarks.md.)
class Lane final
{
public:
    Lane(QThreadPool *pool, std::unique_ptr<Connection> connection, int maxQueued);
    ~Lane();
    Q_DISABLE_COPY_MOVE(Lane)

    /// Queues a task. Fails (calling nothing, and leaving task as it was) when
    /// the lane is closed, or when the queue is full and waiting is not
    /// allowed; waits for room otherwise.
    Outcome<Done> post(Task &&task, bool mayWait);
    /// From now on post() fails as on a closing lane; the queued tasks run as
    /// before, and the connection stays open until closeAfterQueued().
    void refuseNewTasks();
    /// Only tasks of this session run until it is set back to 0. Called from a
    /// task running on this lane.
    void setOwner(quint64 session);
    /// Stops accepting tasks; the tasks already queued still run. After the
    /// last one the connection closes and onClosed runs on the lane's thread.
    /// A lane already closing runs every onClosed given to it when that close
    /// is done; one already closed runs it at once on the calling thread.
    /// onClosed may hold the last reference to the lane: nothing touches the
    /// lane after it.
    void closeAfterQueued(std::function<void()> onClosed);
    /// Tasks queued or running.
    int load() const { return m_load.load(std::memory_order_relaxed); }
    Connection *connection() const { return m_conn.get(); }

private:
    void drain();
    bool takeNext(Task *out); // under m_mutex

    QThreadPool *m_pool;
    std::unique_ptr<Connection> m_conn;
    const int m_maxQueued;
    mutable std::mutex m_mutex;
    std::condition_variable m_room;
    std::deque<Task> m_queue;
    bool m_running = false;
    bool m_closing = false;
    bool m_refusing = false; // refuseNewTasks()
    bool m_closed = false;
    quint64 m_owner = 0;
    std::vector<std::function<void()>> m_onClosed;
    std::atomic<int> m_load{0};
};

} // namespace Litehouse
