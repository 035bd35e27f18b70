#include "resultset.h"

#include "pool.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace Litehouse {

namespace detail {

namespace {
constexpr size_t kBig = size_t(2) << 20;
size_t roundedBig(size_t bytes) { return (bytes + kBig - 1) / kBig * kBig; }
// Sizes above half a huge page get whole huge pages: a chunk of whole rows
// is a little under 2 MiB for most column counts.
bool isBig(size_t bytes) { return bytes > kBig / 2; }
std::atomic<qint64> g_mapped{0};

#ifdef __linux__
// Freed single huge pages, kept for the next result for a while. Touching a
// freshly mapped page costs a fault and zeroing it, which on a virtual
// machine was about half of the time of reading a big result into memory;
// a query run again (or the next page of a stream) reuses these instead.
// They are given back to the kernel lazily (MADV_FREE, reclaimed only under
// memory pressure), unmapped after kDecay unused, and at most kMaxBlocks
// (the most recently freed) are kept.
class BlockCache
{
public:
    static BlockCache &instance()
    {
        static auto *cache = new BlockCache; // never destroyed: results may be freed during exit
        return *cache;
    }

    void *take()
    {
        std::lock_guard lock(m_mutex);
        dropExpired();
        if (m_blocks.empty())
            return nullptr;
        void *p = m_blocks.back().p;
        m_blocks.pop_back();
        return p;
    }

    // Never allocates: called from freeBig(), which must not throw.
    void give(void *p) noexcept
    {
        madvise(p, kBig, MADV_FREE);
        std::lock_guard lock(m_mutex);
        dropExpired();
        if (m_blocks.size() == kMaxBlocks) { // full: the oldest goes
            munmap(m_blocks.front().p, kBig);
            m_blocks.erase(m_blocks.begin());
        }
        m_blocks.push_back({p, Clock::now()}); // within the reserved capacity
    }

    void releaseAll() noexcept
    {
        std::lock_guard lock(m_mutex);
        for (const Entry &e : m_blocks)
            munmap(e.p, kBig);
        m_blocks.clear();
    }

private:
    using Clock = std::chrono::steady_clock;
    static constexpr size_t kMaxBlocks = 128; // 256 MiB
    static constexpr auto kDecay = std::chrono::seconds(10);
    struct Entry
    {
        void *p;
        Clock::time_point freedAt;
    };

    BlockCache() { m_blocks.reserve(kMaxBlocks); }

    void dropExpired() noexcept
    {
        // Oldest first: blocks are pushed in the order they were freed.
        const auto cutoff = Clock::now() - kDecay;
        size_t n = 0;
        while (n < m_blocks.size() && m_blocks[n].freedAt < cutoff)
            munmap(m_blocks[n++].p, kBig);
        m_blocks.erase(m_blocks.begin(), m_blocks.begin() + qsizetype(n));
    }

    std::mutex m_mutex;
    std::vector<Entry> m_blocks;
};
#endif
} // namespace

void *allocateBig(size_t bytes)
{
#ifdef __linux__
    if (isBig(bytes)) {
        const size_t size = roundedBig(bytes);
        if (size == kBig) {
            if (void *p = BlockCache::instance().take())
                return p;
        }
        // Map one huge page more than needed and cut the ends off, so that
        // the block starts on a 2 MiB boundary.
        g_mapped.fetch_add(1, std::memory_order_relaxed);
        void *raw = mmap(nullptr, size + kBig, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            throw std::bad_alloc();
        auto *base = static_cast<char *>(raw);
        const size_t head = (kBig - reinterpret_cast<uintptr_t>(base) % kBig) % kBig;
        if (head)
            munmap(base, head);
        if (kBig - head)
            munmap(base + head + size, kBig - head);
        madvise(base + head, size, MADV_HUGEPAGE);
        return base + head;
    }
#endif
    // A small result's cells and bytes: the worker allocates them and the
    // caller frees them (see core/pool.h).
    return poolAllocate(bytes);
}

qint64 bigBlocksMapped() noexcept
{
    return g_mapped.load(std::memory_order_relaxed);
}

void releaseCachedBlocks() noexcept
{
#ifdef __linux__
    BlockCache::instance().releaseAll();
#endif
}

void freeBig(void *p, size_t bytes) noexcept
{
    if (!p)
        return;
#ifdef __linux__
    if (isBig(bytes)) {
        const size_t size = roundedBig(bytes);
        if (size == kBig)
            BlockCache::instance().give(p);
        else
            munmap(p, size);
        return;
    }
#endif
    poolFree(p, bytes);
}

} // namespace detail

ResultSet::ResultSet(const ResultSet &o)
    : m_columns(o.m_columns), m_declTypes(o.m_declTypes), m_chunkCells(o.m_chunkCells), m_count(o.m_count),
      m_blocks(o.m_blocks)
{
    m_chunks.reserve(o.m_chunks.size());
    for (const auto &chunk : o.m_chunks) {
        auto &c = m_chunks.emplace_back();
        c.reserve(o.m_chunks.size() > 1 ? size_t(m_chunkCells) : chunk.size());
        for (const Value &v : chunk)
            c.push_back(Value::shallowCopy(v));
    }
}

ResultSet &ResultSet::operator=(const ResultSet &o)
{
    if (this != &o) {
        ResultSet copy(o);
        *this = std::move(copy);
    }
    return *this;
}

ResultSet &ResultSet::operator=(ResultSet &&o) noexcept
{
    if (this != &o) {
        m_columns = std::move(o.m_columns);
        m_declTypes = std::move(o.m_declTypes);
        m_chunkCells = std::exchange(o.m_chunkCells, chunkCellsFor(0));
        m_count = std::exchange(o.m_count, 0);
        m_chunks = std::move(o.m_chunks);
        m_blocks = std::move(o.m_blocks);
        m_free = std::exchange(o.m_free, nullptr);
        m_left = std::exchange(o.m_left, 0);
        m_nextBlock = std::exchange(o.m_nextBlock, 512);
        o.m_chunks.clear();
        o.m_blocks.clear();
    }
    return *this;
}

void ResultSet::reserveRows(qsizetype n)
{
    const qsizetype cells = qMin(n * qMax<qsizetype>(1, m_columns.size()), m_chunkCells);
    if (m_chunks.empty())
        m_chunks.emplace_back();
    if (m_chunks.size() == 1)
        m_chunks.back().reserve(size_t(cells));
}

void ResultSet::addChunk()
{
    // The first chunk grows as needed (a one-row result stays small); the
    // next ones are allocated whole.
    auto &c = m_chunks.emplace_back();
    if (m_chunks.size() > 1)
        c.reserve(size_t(m_chunkCells));
}

void ResultSet::clearRows()
{
    m_chunks.clear();
    m_count = 0;
    m_blocks.clear();
    m_free = nullptr;
    m_left = 0;
}

void ResultSet::grow(qsizetype n)
{
    // Doubling blocks up to 2 MiB; a value larger than that gets a block of its own.
    const qsizetype size = qMax(n, m_nextBlock);
    m_nextBlock = qMin<qsizetype>(m_nextBlock * 2, qsizetype(2) << 20);
    auto *block = static_cast<char *>(detail::allocateBig(size_t(size)));
    m_blocks.emplace_back(block, [size](char *p) { detail::freeBig(p, size_t(size)); }, detail::PoolAllocator<char>());
    m_free = block;
    m_left = size;
}

qint64 ScriptResult::rowsAffected() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rowsAffected;
    return n;
}

qint64 ScriptResult::rowsReturned() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rows.rowCount();
    return n;
}

} // namespace Litehouse
