#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace Litehouse::detail {

namespace Handoff {
struct Access;
}

/// A finished operation whose future is still to be resolved.
struct Pending
{
    virtual ~Pending() = default;
    /// Resolves the future; called once, on whichever thread takes it.
    virtual void resolve() = 0;

private:
    friend struct Handoff::Access;
    // While queued, the list is threaded through the items themselves and
    // each item holds the reference that keeps it alive: offering allocates
    // nothing and takes no lock.
    Pending *m_next = nullptr;
    std::shared_ptr<void> m_keep;
    std::size_t m_asideBytes = 0;
};

/// Lets threads that wait in await() resolve finished operations' futures
/// instead of a busy writer (Lane::handsOff() decides which lanes offer).
///
/// Resolving a future (QPromise: a lock, the result store's allocations, a
/// wake-up) and freeing what the submitting thread allocated for the
/// operation (its parameters, its SQL, its promise) cost a worker several
/// microseconds per write, most of it in cache misses and in freeing memory
/// another thread allocated. A thread spinning in await() has nothing
/// better to do, and it allocated most of that memory itself. When no thread
/// is waiting, the worker resolves at once, as before.
namespace Handoff {
/// Worker side: task `body` starts; may says whether its future may be
/// handed over (see Lane::handsOff(): only a writer with more tasks queued
/// behind this one; a worker with nothing else to do resolves sooner itself).
void beginTask(const void *body, bool may);
/// Called from a running task's body: true when p (the body's own result)
/// is to be handed over once the task returns (see endTask()), false when
/// the body must resolve it now. Only the body beginTask() named may defer.
bool defer(const void *body, Pending *p);
/// At most this many finished operations are set aside at once: enough for
/// a burst of small writes submitted while the writer works through the
/// first ones, few enough that freeing them all when a queue runs empty
/// delays that lane's next task by a millisecond or two...
constexpr int kMaxSetAside = 8192;
/// ...holding at most about this many bytes (as their owners estimate them).
constexpr std::size_t kMaxSetAsideBytes = std::size_t(8) << 20;
/// Called from a running task's body that resolved p itself: true when
/// freeing it is to be left to endTask(). While the worker has more tasks
/// queued, the thread that submitted them is often still allocating the
/// next ones, and freeing its memory here would wait on its allocator's
/// lock; so the worker sets the finished operation aside, for an awaiting
/// thread or for itself once its queue is empty (releaseSetAside()). At
/// most a bounded number and size are set aside; past that the worker frees
/// at once. bytes: about how much freeing p gives back.
bool deferRelease(const void *body, Pending *p, std::size_t bytes);
/// Worker side, after the task: hands the deferred item over with the
/// worker's own reference to it, so that the awaiting thread drops the last
/// one and frees the operation, not the worker. Resolves it here instead
/// when the last awaiting thread left meanwhile. Drops keep either way.
void endTask(std::shared_ptr<void> &&keep);
/// Worker side, when its queue is empty: frees what was set aside.
void releaseSetAside();

/// Awaiting side: from enter() to leave() this thread takes queued work.
void enter();
/// Resolves everything queued so far on this thread, and frees what was
/// set aside.
void help();
/// Stops taking work; resolves whatever is left if this was the last helper.
void leave();
/// Whether anything is queued or set aside (cheap: relaxed loads).
bool hasWork();
/// How many finished operations are set aside now (for tests).
int setAside();
/// How many futures awaiting threads have resolved so far (for tests).
std::uint64_t resolvedByHelpers();
} // namespace Handoff

} // namespace Litehouse::detail
