#include "async_p.h"

#include <array>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace Litehouse::detail {

namespace {

// Sharded by key, so that the worker threads fulfilling promises and the
// threads making them rarely meet on one lock.
struct Shard
{
    std::mutex mutex;
    std::unordered_map<const void *, std::vector<std::function<void()>>> hooks;
};

constexpr std::size_t kShards = 16;

Shard &shardOf(const void *key)
{
    // Never destroyed: promises may be dropped while the program exits.
    static auto *shards = new std::array<Shard, kShards>;
    return (*shards)[(reinterpret_cast<std::uintptr_t>(key) >> 6) % kShards];
}

} // namespace

void promiseFinished(const void *key)
{
    std::vector<std::function<void()>> run;
    {
        Shard &s = shardOf(key);
        std::lock_guard lock(s.mutex);
        auto it = s.hooks.find(key);
        if (it == s.hooks.end())
            return;
        run.swap(it->second);
        s.hooks.erase(it);
    }
    for (auto &h : run)
        h();
}

void promiseDropped(const void *key) noexcept
{
    std::vector<std::function<void()>> drop;
    {
        Shard &s = shardOf(key);
        std::lock_guard lock(s.mutex);
        auto it = s.hooks.find(key);
        if (it == s.hooks.end())
            return;
        drop.swap(it->second);
        s.hooks.erase(it);
    }
    // Destroyed outside the lock: a hook's captures may hold other promises.
}

WatchResult watchFinishImpl(const void *key, bool core, const std::function<bool()> &finished,
                            std::function<void()> hook)
{
    Shard &s = shardOf(key);
    std::lock_guard lock(s.mutex);
    // fulfil() finishes the future before it takes the hooks: a hook added
    // while the future is not finished yet still runs.
    if (finished())
        return WatchResult::Finished;
    if (!core)
        return WatchResult::Foreign;
    s.hooks[key].push_back(std::move(hook));
    return WatchResult::Registered;
}

} // namespace Litehouse::detail
