#pragma once

#include <cstdint>
#include <memory>

namespace Litehouse::detail {

/// A finished operation whose future is still to be resolved.
struct Pending
{
    virtual ~Pending() = default;
    /// Resolves the future; called once, on whichever thread takes it.
    virtual void resolve() = 0;
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
/// Worker side, before each task: whether its future may be handed over
/// (see Lane::handsOff(): only a writer with more tasks queued behind this
/// one; a worker with nothing else to do resolves sooner itself).
void setMayHandOff(bool may);
/// Worker side: queues p for an awaiting thread and returns true, or returns
/// false (the caller resolves p itself) when no thread is awaiting or this
/// task's future may not be handed over.
bool offer(std::shared_ptr<Pending> &&p);
/// Awaiting side: from enter() to leave() this thread takes queued work.
void enter();
/// Resolves everything queued so far on this thread.
void help();
/// Stops taking work; resolves whatever is left if this was the last helper.
void leave();
/// Whether anything is queued (cheap: one relaxed load).
bool hasWork();
/// How many futures awaiting threads have resolved so far (for tests).
std::uint64_t resolvedByHelpers();
} // namespace Handoff

} // namespace Litehouse::detail
