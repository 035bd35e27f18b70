#include "faultmalloc.h"

#include <sqlite3.h>

#include <atomic>

namespace LitehouseTest {

namespace {

sqlite3_mem_methods g_orig{};
bool g_installed = false;
std::atomic<bool> g_armed{false};
std::atomic<bool> g_persistent{false};
std::atomic<qint64> g_nth{0};
std::atomic<qint64> g_count{0};
std::atomic<qint64> g_injected{0};

bool fail()
{
    if (!g_armed.load(std::memory_order_relaxed))
        return false;
    const qint64 c = g_count.fetch_add(1) + 1;
    const qint64 n = g_nth.load();
    if (c == n || (g_persistent.load() && c > n)) {
        g_injected.fetch_add(1);
        return true;
    }
    return false;
}

void *fMalloc(int n) { return fail() ? nullptr : g_orig.xMalloc(n); }
void fFree(void *p) { g_orig.xFree(p); }
void *fRealloc(void *p, int n) { return fail() ? nullptr : g_orig.xRealloc(p, n); }
int fSize(void *p) { return g_orig.xSize(p); }
int fRoundup(int n) { return g_orig.xRoundup(n); }
int fInit(void *a) { return g_orig.xInit(a); }
void fShutdown(void *a) { g_orig.xShutdown(a); }

} // namespace

bool FaultMalloc::install()
{
    if (g_installed)
        return true;
    if (sqlite3_shutdown() != SQLITE_OK)
        return false;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig) != SQLITE_OK)
        return false;
    sqlite3_mem_methods m = g_orig;
    m.xMalloc = fMalloc;
    m.xFree = fFree;
    m.xRealloc = fRealloc;
    m.xSize = fSize;
    m.xRoundup = fRoundup;
    m.xInit = fInit;
    m.xShutdown = fShutdown;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK)
        return false;
    g_installed = true;
    return sqlite3_initialize() == SQLITE_OK;
}

bool FaultMalloc::uninstall()
{
    if (!g_installed)
        return true;
    disarm();
    if (sqlite3_shutdown() != SQLITE_OK)
        return false;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &g_orig) != SQLITE_OK)
        return false;
    g_installed = false;
    return sqlite3_initialize() == SQLITE_OK;
}

void FaultMalloc::arm(qint64 nth, bool persistent)
{
    g_count.store(0);
    g_injected.store(0);
    g_nth.store(nth);
    g_persistent.store(persistent);
    g_armed.store(true);
}

void FaultMalloc::disarm() { g_armed.store(false); }
qint64 FaultMalloc::count() { return g_count.load(); }
qint64 FaultMalloc::injected() { return g_injected.load(); }

} // namespace LitehouseTest
