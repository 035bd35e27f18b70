#pragma once

#include "task.h"

#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <vector>
#include <functional>
#include <memory>
#include <mutex>

namespace Litehouse {

/// A strand: one connection and a FIFO of tasks that run one at a time on
/// the manager's thread pool, whichever pool thread picks them up. Nothing
/// else touches the connection, so it needs no locks of its own.
///
/// Between back-to-back tasks the draining thread spins for a few
/// microseconds before it gives the thread back: parking and waking a
/// thread costs 10-55 us on the machines we measured, several times a point
/// query's own cost.
class Lane final
{
public:
    Lane(QThreadPool *pool, std::unique_ptr<Connection> connection, int spinMicros, int maxQueued);
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
    /// A FIFO in one ring buffer that only grows (and is given back when it
    /// empties after growing large). A std::deque allocated a block every few
    /// tasks on the submitting thread and freed it on the lane's thread,
    /// which then waited on the submitting thread's allocator lock during a
    /// burst of submissions.
    class Queue
    {
    public:
        bool empty() const { return m_size == 0; }
        size_t size() const { return m_size; }
        // The size is a power of two.
        Task &at(size_t i) { return m_buf[(m_head + i) & (m_buf.size() - 1)]; }
        void push(Task &&t);
        /// Removes and returns the i-th task (0 is the oldest).
        Task take(size_t i);
        std::vector<Task> takeAll();

    private:
        std::vector<Task> m_buf;
        size_t m_head = 0;
        size_t m_size = 0;
    };

    void drain();
    bool takeNext(Task *out); // under m_mutex
    void runTask(Task &task);
    bool handsOff() const;

    QThreadPool *m_pool;
    std::unique_ptr<Connection> m_conn;
    const int m_spinMicros;
    const int m_maxQueued;
    qint64 m_spinNs; // the current spin, adapted by drain() (only one thread drains at a time)
    mutable std::mutex m_mutex;
    std::condition_variable m_room;
    Queue m_queue;
    bool m_running = false;
    bool m_closing = false;
    bool m_refusing = false; // refuseNewTasks()
    bool m_closed = false;
    quint64 m_owner = 0;
    std::vector<std::function<void()>> m_onClosed;
    std::atomic<int> m_load{0};
    std::atomic<int> m_queued{0};
};

} // namespace Litehouse
