#include "handoff_p.h"

#include <atomic>

namespace Litehouse::detail::Handoff {

struct Access
{
    static Pending *&next(Pending *p) { return p->m_next; }
    static std::shared_ptr<void> &keep(Pending *p) { return p->m_keep; }
    static std::size_t &asideBytes(Pending *p) { return p->m_asideBytes; }
};

namespace {
// A lock-free stack of finished items, taken whole by a helper. A mutex here
// made the writer wait for the helper (and wake it) whenever both touched
// the list at once, a futex round trip of several microseconds.
struct State
{
    std::atomic<int> helpers{0};
    std::atomic<Pending *> head{nullptr};
    // Resolved already; only to be freed (deferRelease()).
    std::atomic<Pending *> aside{nullptr};
    std::atomic<int> asideCount{0};
    std::atomic<std::size_t> asideBytes{0};
    std::atomic<std::uint64_t> byHelpers{0};
};

State &state()
{
    static auto *s = new State; // never destroyed: a pool thread may hand over during exit
    return *s;
}

void push(std::atomic<Pending *> &head, Pending *p)
{
    Pending *old = head.load(std::memory_order_relaxed);
    do {
        Access::next(p) = old;
    } while (!head.compare_exchange_weak(old, p, std::memory_order_seq_cst, std::memory_order_relaxed));
}

// Returns how many it resolved.
std::uint64_t resolveAll()
{
    State &s = state();
    // Sequentially consistent, as the exchange: leave() relies on it.
    if (s.head.load(std::memory_order_seq_cst) == nullptr)
        return 0;
    Pending *list = s.head.exchange(nullptr, std::memory_order_seq_cst);
    // The stack holds the newest first; resolve in the order they finished.
    Pending *fifo = nullptr;
    while (list) {
        Pending *next = Access::next(list);
        Access::next(list) = fifo;
        fifo = list;
        list = next;
    }
    std::uint64_t n = 0;
    while (fifo) {
        Pending *p = fifo;
        fifo = Access::next(p);
        p->resolve();
        // The last reference, most often: the operation is freed here.
        std::shared_ptr<void> keep = std::move(Access::keep(p));
        keep.reset();
        ++n;
    }
    return n;
}

thread_local bool t_mayHandOff = false;
thread_local const void *t_body = nullptr;
thread_local Pending *t_deferred = nullptr;
thread_local bool t_releaseOnly = false;

// After queueing: the last helper may have left after the caller checked the
// count, and then nobody would take the item. leave() lowers the count before
// it empties the stack (both sequentially consistent), so either it sees the
// item or this sees the count at zero.
void resolveIfAbandoned()
{
    if (state().helpers.load(std::memory_order_seq_cst) == 0)
        resolveAll();
}
} // namespace

void beginTask(const void *body, bool may)
{
    t_body = body;
    t_mayHandOff = may;
    t_deferred = nullptr;
}

bool defer(const void *body, Pending *p)
{
    if (!t_mayHandOff || body != t_body || t_deferred || state().helpers.load(std::memory_order_acquire) == 0)
        return false;
    t_deferred = p;
    t_releaseOnly = false;
    return true;
}

bool deferRelease(const void *body, Pending *p, std::size_t bytes)
{
    const State &s = state();
    if (!t_mayHandOff || body != t_body || t_deferred
        || s.asideCount.load(std::memory_order_relaxed) >= kMaxSetAside
        || s.asideBytes.load(std::memory_order_relaxed) + bytes > kMaxSetAsideBytes)
        return false;
    Access::asideBytes(p) = bytes;
    t_deferred = p;
    t_releaseOnly = true;
    return true;
}

void endTask(std::shared_ptr<void> &&keep)
{
    Pending *p = t_deferred;
    const bool releaseOnly = t_releaseOnly;
    t_body = nullptr;
    t_mayHandOff = false;
    t_deferred = nullptr;
    t_releaseOnly = false;
    if (!p) {
        keep.reset();
        return;
    }
    State &s = state();
    Access::keep(p) = std::move(keep);
    if (releaseOnly) {
        s.asideCount.fetch_add(1, std::memory_order_relaxed);
        s.asideBytes.fetch_add(Access::asideBytes(p), std::memory_order_relaxed);
        push(s.aside, p);
        return;
    }
    push(s.head, p);
    resolveIfAbandoned();
}

void releaseSetAside()
{
    State &s = state();
    if (s.aside.load(std::memory_order_relaxed) == nullptr)
        return;
    Pending *p = s.aside.exchange(nullptr, std::memory_order_acquire);
    int n = 0;
    std::size_t bytes = 0;
    while (p) {
        Pending *next = Access::next(p);
        bytes += Access::asideBytes(p);
        std::shared_ptr<void> keep = std::move(Access::keep(p));
        keep.reset();
        p = next;
        ++n;
    }
    s.asideCount.fetch_sub(n, std::memory_order_relaxed);
    s.asideBytes.fetch_sub(bytes, std::memory_order_relaxed);
}

void enter()
{
    state().helpers.fetch_add(1, std::memory_order_seq_cst);
}

void help()
{
    state().byHelpers.fetch_add(resolveAll(), std::memory_order_relaxed);
    releaseSetAside();
}

void leave()
{
    State &s = state();
    s.helpers.fetch_sub(1, std::memory_order_seq_cst);
    s.byHelpers.fetch_add(resolveAll(), std::memory_order_relaxed);
}

bool hasWork()
{
    const State &s = state();
    return s.head.load(std::memory_order_relaxed) != nullptr || s.aside.load(std::memory_order_relaxed) != nullptr;
}

int setAside()
{
    return state().asideCount.load(std::memory_order_relaxed);
}

std::uint64_t resolvedByHelpers()
{
    return state().byHelpers.load(std::memory_order_relaxed);
}

} // namespace Litehouse::detail::Handoff
