#pragma once

// Internal: the points where the core hands work to a QThreadPool, posts a
// queued call, or gets a result back through QPromise/QFuture, made visible
// to ThreadSanitizer.
//
// Debian's Qt is not built with -fsanitize=thread. QThreadPool's queue, the
// event queue and QFutureInterface's mutex and wait condition synchronize
// inside libQt6Core, so TSan does not see that a pool task starts after the
// code that queued it, nor that a waiter's code after waitForFinished() runs
// after the worker's code before finish(). It then reports every such
// hand-off as a race. __tsan_release()/__tsan_acquire() state exactly those
// edges, each on an address private to one hand-off (the job, the queued
// functor, the future's shared state), and nothing more: a race that does not
// pass through one of these points is still reported. The one place where
// accesses are not checked at all is the destruction of a finished promise
// (see makePromise() in async_p.h). Without TSan all of it compiles to
// nothing. The helpers built on these points are in async_p.h.

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define LITEHOUSE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LITEHOUSE_TSAN 1
#endif
#endif

#ifdef LITEHOUSE_TSAN
#include <sanitizer/tsan_interface.h>
// The dynamic-annotation API, exported by the TSan runtime (GCC and clang).
extern "C" {
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
}
#endif

namespace Litehouse {

namespace Tsan {

/// Everything this thread did so far happens before an acquire() of addr.
inline void release([[maybe_unused]] const void *addr)
{
#ifdef LITEHOUSE_TSAN
    __tsan_release(const_cast<void *>(addr));
#endif
}

/// This thread now sees everything done before a release() of addr.
inline void acquire([[maybe_unused]] const void *addr)
{
#ifdef LITEHOUSE_TSAN
    __tsan_acquire(const_cast<void *>(addr));
#endif
}

// One future's shared state, as an address: the mutex under which Qt stores
// the result and the finished flag. Promise and futures all reach the same one.
template<typename T>
const void *futureKey(const QFuture<T> &future)
{
    return &QFutureInterfaceBase::get(future).mutex();
}

/// Before QPromise::finish(): what the worker did (the result included)
/// happens before whoever sees the future finished and calls acquireFuture().
template<typename T>
void releaseFuture([[maybe_unused]] const QPromise<T> &promise)
{
#ifdef LITEHOUSE_TSAN
    release(futureKey(promise.future()));
#endif
}

/// After waitForFinished(), isFinished() == true or QFutureWatcher::finished:
/// this thread sees what the worker did before releaseFuture(promise).
template<typename T>
void acquireFuture([[maybe_unused]] const QFuture<T> &future)
{
#ifdef LITEHOUSE_TSAN
    acquire(futureKey(future));
#endif
}

// Reads and writes of this thread go unchecked until the matching end.
inline void ignoreAccessesBegin()
{
#ifdef LITEHOUSE_TSAN
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
#endif
}

inline void ignoreAccessesEnd()
{
#ifdef LITEHOUSE_TSAN
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
#endif
}

template<typename F>
class PoolJob final : public QRunnable
{
public:
    explicit PoolJob(F &&fn) : m_fn(std::move(fn)) {}
    void run() override
    {
        acquire(this); // pairs with the release in startOnPool()
        m_fn();
    }

private:
    F m_fn;
};

// A functor for a queued call. Qt moves it into the slot object of the
// posted event on the posting thread; that copy is the one the receiver's
// thread calls, after a hand-off through Qt's event queue. The slot object
// is reference-counted inside libQt6Core (the posting call holds a reference
// until it returns, the event another), so it is destroyed by whichever
// drops the last one: the receiver after the call, the poster after an early
// delivery, or the receiver's thread when the event is dropped undelivered.
template<typename F>
class QueuedCall
{
public:
    explicit QueuedCall(F &&fn) : m_fn(std::move(fn)) {}
    QueuedCall(QueuedCall &&other) noexcept(std::is_nothrow_move_constructible_v<F>) : m_fn(std::move(other.m_fn))
    {
        release(this);
    }
    QueuedCall(const QueuedCall &) = delete;
    QueuedCall &operator=(const QueuedCall &) = delete;
    QueuedCall &operator=(QueuedCall &&) = delete;
    ~QueuedCall() { acquire(this); } // runs before m_fn's captures are destroyed
    void operator()()
    {
        acquire(this);
        m_fn();
        release(this); // the call happens before the destruction, on any thread
    }

private:
    F m_fn;
};

} // namespace Tsan

} // namespace Litehouse
