#pragma once

// An allocation hook for tests (SQLITE_CONFIG_MALLOC) that fails the Nth
// allocation SQLite makes. SQLite takes allocation methods only while it is
// not initialized: install() and uninstall() call sqlite3_shutdown() first,
// so no connection may be open then.

#include <QtGlobal>

namespace LitehouseTest {

class FaultMalloc final
{
public:
    /// Wraps SQLite's allocator. Returns false when SQLite refused (a
    /// connection is still open). Re-registers no VFS: after this call the
    /// system VFS is the default again.
    static bool install();
    /// Puts SQLite's own allocator back (same conditions as install()).
    static bool uninstall();

    /// The nth allocation (xMalloc or xRealloc, counted from this call, from
    /// 1) fails, and every later one too when persistent. Resets the counters.
    static void arm(qint64 nth, bool persistent = false);
    static void disarm();
    /// Allocations seen since arm().
    static qint64 count();
    /// Allocations failed since arm().
    static qint64 injected();
};

} // namespace LitehouseTest
