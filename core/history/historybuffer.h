#pragma once

#include "historyitem.h"

#include <QList>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace Litehouse {

/// The bounded in-memory buffer between recording threads and the flush.
///
/// push() appends under a mutex and never does I/O. When the pending items
/// reach capacity() it calls the wake callback (the store schedules a flush).
/// Beyond capacity() + tolerance(), a push from any thread but the owner
/// (the thread that created the buffer, the UI thread) waits until a flush
/// has made room: back-pressure, never dropping. The owner never waits.
///
/// The flush takes the pending items with takeForFlush() (an O(1) swap) and
/// calls flushSucceeded() once they are written; until then they stay in
/// memory and count against the bound, and a failed flush retries them.
class HistoryBuffer final
{
public:
    HistoryBuffer(qsizetype capacity, qsizetype tolerance);
    Q_DISABLE_COPY_MOVE(HistoryBuffer)

    qsizetype capacity() const { return m_capacity; }
    qsizetype tolerance() const { return m_tolerance; }
    /// Called (outside the lock) when the pending items reach capacity.
    void setWakeCallback(std::function<void()> wake) { m_wake = std::move(wake); }

    /// Adds an item. Thread-safe; may wait (never on the owner thread).
    void push(HistoryItem item);
    /// Items pending or being flushed.
    qsizetype size() const;
    /// How many pushes had to wait for a flush (back-pressure engaged).
    qint64 waits() const;

    /// The flush side: the items to write (those left by a failed flush, or
    /// else everything pending). Only one flusher at a time.
    const QList<HistoryItem> &takeForFlush();
    /// The items returned by takeForFlush() were written: drop them, wake waiters.
    void flushSucceeded();
    /// Stops back-pressure for good (shutdown): waiting pushes return.
    void release();

private:
    const qsizetype m_capacity;
    const qsizetype m_tolerance;
    const std::thread::id m_owner;
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_room;
    QList<HistoryItem> m_pending;
    QList<HistoryItem> m_inFlight;
    qint64 m_waits = 0;
    bool m_released = false;
};

} // namespace Litehouse
