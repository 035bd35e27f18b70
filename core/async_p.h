#pragma once

// Internal: how the core hands work to a thread pool, posts a queued call,
// and makes and fulfils the promises behind every QFuture it returns. Each
// hand-off goes through the points in tsan_p.h, so ThreadSanitizer sees it.
//
// Every promise the core makes comes from makePromise() and is fulfilled
// with fulfil(). A caller can ask to be told, on the thread that fulfils,
// when such a future finishes (detail::watchFinish(); ui/util/futures.h
// delivers results to the UI thread with it) without a QFutureWatcher or
// QFuture::then. Only the futures someone watches are in a registry.

#include "tsan_p.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace Litehouse {

namespace detail {

/// makePromise() marks its futures with this progress maximum, so that
/// watchFinish() can tell them from others.
constexpr int kCorePromise = 0x4c48; // "LH"
/// After the future finished: runs the hooks watchFinish() registered, on
/// this thread, and forgets them. Keys are Tsan::futureKey() of the future.
void promiseFinished(const void *key);
/// The promise is destroyed unfinished: its hooks are dropped.
void promiseDropped(const void *key) noexcept;

enum class WatchResult {
    Registered, ///< hook runs on the fulfilling thread once the future finishes
    Finished,   ///< the future has finished already; hook was not kept
    Foreign,    ///< not a future of makePromise(), and not finished: hook was not kept
};
/// Registers hook for a future. Its isFinished() is asked under the
/// registry's lock, so that a fulfil() either sees the hook or finished
/// first.
template<typename T>
WatchResult watchFinish(const QFuture<T> &future, std::function<void()> hook);
WatchResult watchFinishImpl(const void *key, bool core, const std::function<bool()> &finished,
                            std::function<void()> hook);

} // namespace detail

/// QThreadPool::start(fn), with the hand-off to the pool thread visible to
/// TSan: what the caller did before happens before fn runs.
template<typename F>
void startOnPool(QThreadPool *pool, F fn)
{
    auto *job = new Tsan::PoolJob<F>(std::move(fn)); // deleted by the pool after run()
    Tsan::release(job);
    pool->start(job);
}

/// QMetaObject::invokeMethod(receiver, fn, Qt::QueuedConnection), with the
/// hand-off through the receiver's event queue visible to TSan.
template<typename F>
void invokeQueued(QObject *receiver, F fn)
{
    QMetaObject::invokeMethod(receiver, Tsan::QueuedCall<F>(std::move(fn)), Qt::QueuedConnection);
}

/// The result of a finished future, in a QFutureWatcher's finished slot or
/// a hook of detail::watchFinish().
template<typename T>
T finishedResult(const QFuture<T> &future)
{
    Tsan::acquireFuture(future);
    return future.result();
}

/// A started promise, shared by the callbacks of one task.
template<typename T>
std::shared_ptr<QPromise<T>> makePromise()
{
    auto *raw = new QPromise<T>;
    raw->setProgressRange(0, detail::kCorePromise);
    raw->start();
    return std::shared_ptr<QPromise<T>>(raw, [](QPromise<T> *p) {
        if (!p->future().isFinished())
            detail::promiseDropped(Tsan::futureKey(p->future()));
        // When the promise holds the last reference to the future's shared
        // state, ~QPromise destroys the result store the consumer read (or
        // emptied with takeResult()). What orders the two is Qt's reference
        // count, decremented inside libQt6Core, and there is no point between
        // that decrement and the destruction to annotate. So the destruction
        // of a finished promise is not checked by ThreadSanitizer, and
        // nothing else is.
        Tsan::ignoreAccessesBegin();
        delete p;
        Tsan::ignoreAccessesEnd();
    });
}

/// Adds the one result and finishes the promise (see Tsan::releaseFuture),
/// then runs what watches the future (detail::watchFinish()).
template<typename T, typename V>
void fulfil(QPromise<T> &promise, V &&value)
{
    promise.addResult(std::forward<V>(value));
    Tsan::releaseFuture(promise);
    const void *key = Tsan::futureKey(promise.future());
    promise.finish();
    detail::promiseFinished(key);
}

/// QtConcurrent::run(pool, fn) for a fn that returns a value, through
/// startOnPool() and fulfil().
template<typename F>
QFuture<std::invoke_result_t<F &>> runOnPool(QThreadPool *pool, F fn)
{
    using R = std::invoke_result_t<F &>;
    auto promise = makePromise<R>();
    QFuture<R> future = promise->future();
    startOnPool(pool, [promise, fn = std::move(fn)]() mutable { fulfil(*promise, fn()); });
    return future;
}

namespace detail {
template<typename T>
WatchResult watchFinish(const QFuture<T> &future, std::function<void()> hook)
{
    return watchFinishImpl(Tsan::futureKey(future), future.progressMaximum() == kCorePromise,
                           [&future] { return future.isFinished(); }, std::move(hook));
}
} // namespace detail

} // namespace Litehouse
