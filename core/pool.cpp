#include "pool.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define LH_POOL_BYPASS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LH_POOL_BYPASS 1
#endif
#endif

namespace Litehouse::detail {

namespace {

#ifdef LH_POOL_BYPASS
constexpr bool kBypass = true;
#else
constexpr bool kBypass = false;
#endif

constexpr std::size_t kClassBytes[] = {64, 128, 256, 512, 1024};
constexpr int kClasses = int(std::size(kClassBytes));
constexpr int kBatch = 32;              // blocks moved between a thread and the store at once
constexpr int kLocalMax = 2 * kBatch;   // blocks a thread keeps per size
constexpr std::size_t kStoreBytes = std::size_t(2) << 20; // per size

std::atomic<long long> g_fromSystem{0};
std::atomic<long long> g_reused{0};

int classOf(std::size_t bytes)
{
    for (int c = 0; c < kClasses; ++c)
        if (bytes <= kClassBytes[c])
            return c;
    return -1;
}

void *fromSystem(int c)
{
    g_fromSystem.fetch_add(1, std::memory_order_relaxed);
    return ::operator new(kClassBytes[c]);
}

struct Store
{
    std::mutex mutex;
    std::vector<void *> blocks[kClasses];
};

Store &store()
{
    // Never destroyed: threads still free into it while the process exits.
    static Store *s = new Store;
    return *s;
}

/// Moves up to n blocks into the shared store; frees what does not fit.
void giveToStore(int c, void **blocks, int n)
{
    Store &s = store();
    int kept = 0;
    {
        std::lock_guard lock(s.mutex);
        auto &v = s.blocks[c];
        const std::size_t cap = kStoreBytes / kClassBytes[c];
        if (v.capacity() < cap)
            v.reserve(cap);
        kept = int(std::min<std::size_t>(std::size_t(n), cap - v.size()));
        v.insert(v.end(), blocks, blocks + kept);
    }
    for (int i = kept; i < n; ++i)
        ::operator delete(blocks[i]);
}

thread_local bool t_gone = false; // trivially destructible: readable after ~Local

struct Local
{
    void *blocks[kClasses][kLocalMax];
    int count[kClasses] = {};

    ~Local()
    {
        t_gone = true;
        for (int c = 0; c < kClasses; ++c)
            if (count[c] > 0)
                giveToStore(c, blocks[c], count[c]);
    }
};

thread_local Local t_local;

} // namespace

void *poolAllocate(std::size_t bytes)
{
    const int c = classOf(bytes);
    if (c < 0)
        return ::operator new(bytes);
    if (kBypass || t_gone)
        return fromSystem(c);
    Local &l = t_local;
    if (l.count[c] == 0) {
        Store &s = store();
        std::lock_guard lock(s.mutex);
        auto &v = s.blocks[c];
        const int n = int(std::min<std::size_t>(kBatch, v.size()));
        std::copy(v.end() - n, v.end(), l.blocks[c]);
        v.resize(v.size() - std::size_t(n));
        l.count[c] = n;
    }
    if (l.count[c] == 0)
        return fromSystem(c);
    g_reused.fetch_add(1, std::memory_order_relaxed);
    return l.blocks[c][--l.count[c]];
}

void poolFree(void *p, std::size_t bytes) noexcept
{
    if (!p)
        return;
    const int c = classOf(bytes);
    if (kBypass || c < 0) {
        ::operator delete(p);
        return;
    }
    if (t_gone) {
        giveToStore(c, &p, 1);
        return;
    }
    Local &l = t_local;
    if (l.count[c] == kLocalMax) {
        // Keep the older half here and give the store the newer: both halves
        // are as good, and this keeps the copy to one contiguous range.
        giveToStore(c, l.blocks[c] + kLocalMax - kBatch, kBatch);
        l.count[c] -= kBatch;
    }
    l.blocks[c][l.count[c]++] = p;
}

bool poolBypassed() noexcept
{
    return kBypass;
}

PoolCounts poolCounts() noexcept
{
    return {g_fromSystem.load(std::memory_order_relaxed), g_reused.load(std::memory_order_relaxed)};
}

} // namespace Litehouse::detail
