#pragma once

#include <cstddef>
#include <new>

namespace Litehouse::detail {

/// Memory for the small objects of one operation (its task, its promise, its
/// result) that one thread allocates and another frees: the caller's thread
/// allocates the task, a worker frees it; a worker allocates the result, the
/// caller frees it.
///
/// Each thread keeps the blocks it freed and hands them out again; what it
/// has too many of goes, a batch at a time, to a store shared by all threads,
/// which the threads that run short take from. So a steady stream of
/// operations costs one lock per batch instead of the system allocator's lock
/// (or its slow path) per block. Sizes are rounded up to 64, 128, 256, 512
/// or 1024 bytes; anything larger comes from operator new. The shared store
/// keeps at most 2 MiB per size and frees the rest. Under AddressSanitizer
/// every block goes straight to operator new and delete, so that use after
/// free is still caught.
void *poolAllocate(std::size_t bytes);
/// Gives back a block from poolAllocate(bytes), with the same bytes.
void poolFree(void *p, std::size_t bytes) noexcept;

/// Counts for tests: blocks taken from operator new, and blocks handed out again.
struct PoolCounts
{
    long long fromSystem = 0;
    long long reused = 0;
};
PoolCounts poolCounts() noexcept;
/// True when blocks go straight to operator new and delete (AddressSanitizer builds).
bool poolBypassed() noexcept;

/// A standard allocator over poolAllocate(), for std::allocate_shared and containers.
template<typename T>
struct PoolAllocator
{
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "the pool aligns like operator new");
    using value_type = T;
    PoolAllocator() noexcept = default;
    template<typename U>
    PoolAllocator(const PoolAllocator<U> &) noexcept {}
    T *allocate(std::size_t n) { return static_cast<T *>(poolAllocate(n * sizeof(T))); }
    void deallocate(T *p, std::size_t n) noexcept { poolFree(p, n * sizeof(T)); }
    template<typename U>
    bool operator==(const PoolAllocator<U> &) const noexcept { return true; }
};

} // namespace Litehouse::detail
