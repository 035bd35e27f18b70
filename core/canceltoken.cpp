#include "canceltoken.h"

#include <sqlite3.h>

namespace Litehouse {

CancelToken::CancelToken() : m_state(std::make_shared<State>()) {}

void CancelToken::cancel() const
{
    m_state->cancelled.store(true, std::memory_order_relaxed);
    // Under the mutex, so the connection cannot be detached (and later
    // closed or reused by another task) between the check and the call.
    std::lock_guard lock(m_state->mutex);
    if (m_state->running)
        sqlite3_interrupt(m_state->running);
}

bool CancelToken::attach(sqlite3 *db) const
{
    std::lock_guard lock(m_state->mutex);
    m_state->running = db;
    return !m_state->cancelled.load(std::memory_order_relaxed);
}

bool CancelToken::isRunning() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->running != nullptr;
}

void CancelToken::detach() const
{
    std::lock_guard lock(m_state->mutex);
    m_state->running = nullptr;
}

} // namespace Litehouse
