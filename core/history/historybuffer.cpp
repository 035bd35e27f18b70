#include "historybuffer.h"

namespace Litehouse {

HistoryBuffer::HistoryBuffer(qsizetype capacity, qsizetype tolerance)
    : m_capacity(qMax<qsizetype>(1, capacity)), m_tolerance(qMax<qsizetype>(0, tolerance)),
      m_owner(std::this_thread::get_id())
{
}

void HistoryBuffer::push(HistoryItem item)
{
    bool wake = false;
    {
        std::unique_lock lock(m_mutex);
        const qsizetype bound = m_capacity + m_tolerance;
        if (!m_released && m_pending.size() + m_inFlight.size() >= bound
            && std::this_thread::get_id() != m_owner) {
            ++m_waits;
            if (m_wake) {
                lock.unlock();
                m_wake();
                lock.lock();
            }
            m_room.wait(lock, [&] { return m_released || m_pending.size() + m_inFlight.size() < bound; });
        }
        m_pending.append(std::move(item));
        wake = m_pending.size() == m_capacity;
    }
    if (wake && m_wake)
        m_wake();
}

qsizetype HistoryBuffer::size() const
{
    std::lock_guard lock(m_mutex);
    return m_pending.size() + m_inFlight.size();
}

qint64 HistoryBuffer::waits() const
{
    std::lock_guard lock(m_mutex);
    return m_waits;
}

const QList<HistoryItem> &HistoryBuffer::takeForFlush()
{
    std::lock_guard lock(m_mutex);
    // m_inFlight is only touched by the single flusher outside the lock;
    // pushes only ever touch m_pending.
    if (m_inFlight.isEmpty())
        m_inFlight.swap(m_pending);
    return m_inFlight;
}

void HistoryBuffer::flushSucceeded()
{
    QList<HistoryItem> done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_inFlight);
    }
    m_room.notify_all();
    // Destroy the items outside the lock but keep the allocation: the next
    // takeForFlush() hands it to the recording side, whose appends then land
    // in memory already touched instead of page-faulting on fresh pages.
    done.resize(0);
    std::lock_guard lock(m_mutex);
    if (m_inFlight.isEmpty() && done.capacity() > m_inFlight.capacity())
        m_inFlight.swap(done);
}

void HistoryBuffer::release()
{
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
    }
    m_room.notify_all();
}

} // namespace Litehouse
