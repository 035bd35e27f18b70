#include "futures.h"

#include <QElapsedTimer>

namespace Litehouse::detail {

namespace {
// A turn of callbacks stops after this long; the rest run in the next turn.
constexpr qint64 kTurnNs = 8'000'000;
} // namespace

Delivery *Delivery::forCurrentThread()
{
    thread_local Delivery *d = new Delivery;
    return d;
}

void Delivery::post(std::function<void()> fn)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(fn));
        wake = !m_posted;
        m_posted = true;
    }
    // One wake-up for everything queued until run() takes the queue.
    if (wake)
        invokeQueued(this, [this] { run(); });
}

void Delivery::run()
{
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_queue);
    }
    QElapsedTimer t;
    t.start();
    size_t i = 0;
    while (i < batch.size()) {
        auto fn = std::move(batch[i++]);
        fn();
        if (t.nsecsElapsed() > kTurnNs)
            break;
    }
    std::lock_guard lock(m_mutex);
    if (i < batch.size()) {
        // Ahead of what was queued meanwhile, in order; m_posted stays set.
        m_queue.insert(m_queue.begin(), std::make_move_iterator(batch.begin() + qsizetype(i)),
                       std::make_move_iterator(batch.end()));
        invokeQueued(this, [this] { run(); });
    } else if (m_queue.empty()) {
        m_posted = false;
    } else {
        invokeQueued(this, [this] { run(); });
    }
}

} // namespace Litehouse::detail
