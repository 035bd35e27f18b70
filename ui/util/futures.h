#pragma once

#include <core/async_p.h>

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Litehouse {

namespace detail {

/// Runs callbacks that other threads queue for one thread's event loop,
/// every callback queued meanwhile in the same turn: results that finish
/// together reach the UI with one wake-up, not one each. A turn runs
/// callbacks for a few milliseconds at most and leaves the rest to the
/// next one, so that painting and input go on during a flood of results.
class Delivery final : public QObject
{
public:
    /// The delivery of the calling thread (made on first use, never destroyed:
    /// workers may still post to it while the program exits).
    static Delivery *forCurrentThread();
    /// Queues fn to run on this object's thread; any thread.
    void post(std::function<void()> fn);

private:
    Delivery() = default;
    void run();

    std::mutex m_mutex;
    std::vector<std::function<void()>> m_queue;
    bool m_posted = false;
};

} // namespace detail

/// Runs f(result) on the receiver's thread once the future finishes. The UI
/// never waits on a future, and does not use QFuture::then (see DESIGN.md:
/// it was seen to misfire under stress). Nothing runs if the receiver is
/// destroyed first. For the core's futures, the thread that fulfils the
/// promise queues f on the receiver thread's Delivery; any other future
/// goes through a QFutureWatcher.
template<typename T, typename F>
void whenDone(QObject *receiver, QFuture<T> future, F &&f)
{
    auto call = std::make_shared<std::decay_t<F>>(std::forward<F>(f));
    if (QThread::currentThread() == receiver->thread()) {
        QPointer<QObject> guard(receiver);
        detail::Delivery *delivery = detail::Delivery::forCurrentThread();
        auto deliver = [delivery, guard, future, call] {
            delivery->post([guard, future, call] {
                if (guard)
                    (*call)(finishedResult(future));
            });
        };
        switch (detail::watchFinish(future, deliver)) {
        case detail::WatchResult::Registered:
            return;
        case detail::WatchResult::Finished:
            deliver();
            return;
        case detail::WatchResult::Foreign:
            break;
        }
    }
    auto *w = new QFutureWatcher<T>(receiver);
    QObject::connect(w, &QFutureWatcher<T>::finished, receiver, [w, call] {
        w->deleteLater();
        (*call)(finishedResult(w->future()));
    });
    w->setFuture(std::move(future));
}

} // namespace Litehouse
