#include "handoff_p.h"

#include <atomic>
#include <mutex>
#include <vector>

namespace Litehouse::detail::Handoff {

namespace {
constexpr size_t kMaxSpare = 4096; // entries kept allocated between bursts (64 KiB)

struct State
{
    std::atomic<int> helpers{0};
    std::atomic<bool> queued{false};
    std::atomic<std::uint64_t> byHelpers{0};
    std::mutex mutex;
    std::vector<std::shared_ptr<Pending>> items;
    // The emptied list of the last resolveAll(), given back so that the
    // worker's next offers reuse its capacity instead of allocating.
    std::vector<std::shared_ptr<Pending>> spare;
};

State &state()
{
    static auto *s = new State; // never destroyed: a pool thread may offer during exit
    return *s;
}

// Returns how many it resolved.
std::uint64_t resolveAll()
{
    State &s = state();
    std::vector<std::shared_ptr<Pending>> items;
    {
        std::lock_guard lock(s.mutex);
        if (s.items.empty())
            return 0;
        items.swap(s.spare);
        items.swap(s.items); // s.items now holds the spare's capacity
        s.queued.store(false, std::memory_order_relaxed);
    }
    for (auto &p : items) {
        p->resolve();
        p.reset(); // the last reference frees the operation here, on this thread
    }
    const std::uint64_t n = items.size();
    items.clear();
    std::lock_guard lock(s.mutex);
    if (s.spare.capacity() < items.capacity() && items.capacity() <= kMaxSpare)
        s.spare.swap(items);
    return n;
}

thread_local bool t_mayHandOff = false;
} // namespace

void setMayHandOff(bool may)
{
    t_mayHandOff = may;
}

bool offer(std::shared_ptr<Pending> &&p)
{
    State &s = state();
    if (!t_mayHandOff || s.helpers.load(std::memory_order_acquire) == 0)
        return false;
    {
        std::lock_guard lock(s.mutex);
        s.items.push_back(std::move(p));
        s.queued.store(true, std::memory_order_relaxed);
    }
    // The last helper may have left after the check above; then nobody would
    // take the item. leave() lowers the count before it takes the lock, so
    // either it sees the item or this sees the count at zero.
    if (s.helpers.load(std::memory_order_seq_cst) == 0)
        resolveAll();
    return true;
}

void enter()
{
    state().helpers.fetch_add(1, std::memory_order_seq_cst);
}

void help()
{
    state().byHelpers.fetch_add(resolveAll(), std::memory_order_relaxed);
}

void leave()
{
    State &s = state();
    s.helpers.fetch_sub(1, std::memory_order_seq_cst);
    s.byHelpers.fetch_add(resolveAll(), std::memory_order_relaxed);
}

bool hasWork()
{
    return state().queued.load(std::memory_order_relaxed);
}

std::uint64_t resolvedByHelpers()
{
    return state().byHelpers.load(std::memory_order_relaxed);
}

} // namespace Litehouse::detail::Handoff
