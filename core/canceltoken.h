#pragma once

#include <atomic>
#include <memory>
#include <mutex>

struct sqlite3;

namespace Litehouse {

/// Cancels one task, queued or running. Copies share one state, so the
/// caller keeps a copy and hands one to the manager. Cancelling a running
/// task interrupts SQLite on the connection that runs it; the task then
/// resolves to an Error of kind Interrupted.
class CancelToken
{
public:
    CancelToken();

    /// Requests cancellation; safe from any thread, any number of times.
    void cancel() const;
    bool isCancelled() const { return m_state->cancelled.load(std::memory_order_relaxed); }

    /// Internal: ties the token to the connection that runs its task, so
    /// cancel() can interrupt it. Returns false when already cancelled.
    bool attach(sqlite3 *db) const;
    void detach() const;
    /// Whether the task is running on a connection now (SQLite would be
    /// interrupted by cancel()); for status displays and tests.
    bool isRunning() const;
    /// Internal: the flag a progress handler polls.
    const std::atomic<bool> *flag() const { return &m_state->cancelled; }
    /// Internal: whether another copy of this token exists. When none does,
    /// nobody can cancel the task any more, and attaching can be skipped.
    bool isShared() const { return m_state.use_count() > 1; }

private:
    struct State
    {
        std::atomic<bool> cancelled{false};
        std::mutex mutex;
        sqlite3 *running = nullptr;
    };
    std::shared_ptr<State> m_state;
};

} // namespace Litehouse
