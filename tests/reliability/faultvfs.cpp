#include "faultvfs.h"

#include <QRandomGenerator>

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <new>
#include <set>
#include <thread>
#include <vector>

namespace LitehouseTest {

namespace {

struct Undo
{
    sqlite3_int64 offset;
    QByteArray bytes;
};

// An unsynced write, to be put back (or not) by a power loss that keeps some.
struct Redo
{
    sqlite3_int64 offset;
    QByteArray bytes;   // empty with truncate
    bool truncate = false;
};

struct FaultFile
{
    sqlite3_file base;       // pMethods: the wrapper's methods
    sqlite3_file *real;      // the wrapped VFS's file, just after this struct
    bool matched = false;    // counted and failed (path prefix)
    bool dirty = false;      // written since the last xSync
    sqlite3_int64 syncedSize = 0;
    qint64 unsyncedWrites = 0; // xWrite calls since the last xSync
    std::vector<Undo> undo;
    std::vector<Redo> redo;
};

constexpr size_t realOffset()
{
    return (sizeof(FaultFile) + 15) & ~size_t(15);
}

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;
std::set<FaultFile *> *g_files = nullptr; // open files, under the instance's mutex

FaultFile *ff(sqlite3_file *f) { return reinterpret_cast<FaultFile *>(f); }

int extendedFor(FaultVfs::Op op, int code)
{
    if (code != SQLITE_IOERR)
        return code;
    switch (op) {
    case FaultVfs::Op::Read: return SQLITE_IOERR_READ;
    case FaultVfs::Op::Write: return SQLITE_IOERR_WRITE;
    case FaultVfs::Op::Sync: return SQLITE_IOERR_FSYNC;
    case FaultVfs::Op::Truncate: return SQLITE_IOERR_TRUNCATE;
    case FaultVfs::Op::FileSize: return SQLITE_IOERR_FSTAT;
    case FaultVfs::Op::Lock: return SQLITE_IOERR_LOCK;
    case FaultVfs::Op::ShmMap: return SQLITE_IOERR_SHMMAP;
    case FaultVfs::Op::ShmLock: return SQLITE_IOERR_SHMLOCK;
    case FaultVfs::Op::Open: return SQLITE_CANTOPEN;
    case FaultVfs::Op::Delete: return SQLITE_IOERR_DELETE;
    }
    return code;
}

} // namespace

// Reaches FaultVfs's private state from the C callbacks.
struct FaultVfsAccess
{
    static FaultVfs &v() { return FaultVfs::instance(); }

    /// The error to return for this call of op on f, or SQLITE_OK.
    static int check(FaultFile *f, FaultVfs::Op op)
    {
        if (!f->matched)
            return SQLITE_OK;
        FaultVfs &s = v();
        std::lock_guard lock(s.m_mutex);
        if (s.m_dead)
            return extendedFor(op, SQLITE_IOERR);
        const qint64 c = ++s.m_counts[size_t(op)];
        if (s.m_armed && op == s.m_op && (c == s.m_nth || (s.m_persistent && c > s.m_nth))) {
            ++s.m_injected;
            return extendedFor(op, s.m_code);
        }
        return SQLITE_OK;
    }

    static void remember(FaultFile *f, sqlite3_int64 offset, sqlite3_int64 end, const void *data = nullptr)
    {
        FaultVfs &s = v();
        std::lock_guard lock(s.m_mutex);
        if (!s.m_track || !f->matched)
            return;
        if (data)
            f->redo.push_back({offset, QByteArray(static_cast<const char *>(data), int(end - offset)), false});
        else
            f->redo.push_back({offset, {}, true});
        if (!f->dirty) {
            sqlite3_int64 size = 0;
            f->real->pMethods->xFileSize(f->real, &size);
            f->syncedSize = size;
            f->dirty = true;
        }
        ++f->unsyncedWrites;
        end = std::min(end, f->syncedSize);
        if (offset >= end)
            return; // beyond the synced size: cut off by powerLoss()
        QByteArray old(int(end - offset), '\0');
        f->real->pMethods->xRead(f->real, old.data(), int(old.size()), offset); // a short read leaves zeros
        f->undo.push_back({offset, std::move(old)});
    }

    static int syncDelayMs(const FaultFile *f)
    {
        std::lock_guard lock(v().m_mutex);
        return f->matched ? v().m_syncDelayMs : 0;
    }

    static void synced(FaultFile *f)
    {
        FaultVfs &s = v();
        std::lock_guard lock(s.m_mutex);
        f->dirty = false;
        f->unsyncedWrites = 0;
        f->undo.clear();
        f->redo.clear();
    }

    /// True when this xSync is where the power goes (cutPowerAtSync()).
    static bool cutHere(FaultFile *f)
    {
        FaultVfs &s = v();
        std::lock_guard lock(s.m_mutex);
        if (!f->matched || s.m_cutAtSync <= 0 || --s.m_cutAtSync > 0)
            return false;
        s.powerLossLocked(&s.m_cutSeed, s.m_cutTear);
        return true;
    }

    static void opened(FaultFile *f)
    {
        std::lock_guard lock(v().m_mutex);
        g_files->insert(f);
    }
    static void closed(FaultFile *f)
    {
        std::lock_guard lock(v().m_mutex);
        g_files->erase(f);
    }
    static bool matches(const char *name)
    {
        FaultVfs &s = v();
        std::lock_guard lock(s.m_mutex);
        return name && (s.m_prefix.isEmpty() || qstrncmp(name, s.m_prefix.constData(), size_t(s.m_prefix.size())) == 0);
    }
    static bool dead()
    {
        std::lock_guard lock(v().m_mutex);
        return v().m_dead;
    }
};

namespace {

using A = FaultVfsAccess;

int xClose(sqlite3_file *f)
{
    FaultFile *p = ff(f);
    A::closed(p);
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
    p->~FaultFile();
    return rc;
}
int xRead(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::Read))
        return rc;
    return ff(f)->real->pMethods->xRead(ff(f)->real, buf, amt, off);
}
int xWrite(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::Write))
        return rc;
    A::remember(ff(f), off, off + amt, buf);
    return ff(f)->real->pMethods->xWrite(ff(f)->real, buf, amt, off);
}
int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::Truncate))
        return rc;
    sqlite3_int64 cur = 0;
    ff(f)->real->pMethods->xFileSize(ff(f)->real, &cur);
    if (size < cur)
        A::remember(ff(f), size, cur);
    return ff(f)->real->pMethods->xTruncate(ff(f)->real, size);
}
int xSync(sqlite3_file *f, int flags)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::Sync))
        return rc;
    if (const int ms = A::syncDelayMs(ff(f)); ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    if (A::cutHere(ff(f)))
        return SQLITE_IOERR_FSYNC;
    int rc = ff(f)->real->pMethods->xSync(ff(f)->real, flags);
    if (rc == SQLITE_OK)
        A::synced(ff(f));
    return rc;
}
int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::FileSize))
        return rc;
    return ff(f)->real->pMethods->xFileSize(ff(f)->real, size);
}
int xLock(sqlite3_file *f, int l)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::Lock))
        return rc;
    return ff(f)->real->pMethods->xLock(ff(f)->real, l);
}
int xUnlock(sqlite3_file *f, int l) { return ff(f)->real->pMethods->xUnlock(ff(f)->real, l); }
int xCheckReservedLock(sqlite3_file *f, int *out) { return ff(f)->real->pMethods->xCheckReservedLock(ff(f)->real, out); }
int xFileControl(sqlite3_file *f, int op, void *arg) { return ff(f)->real->pMethods->xFileControl(ff(f)->real, op, arg); }
int xSectorSize(sqlite3_file *f) { return ff(f)->real->pMethods->xSectorSize(ff(f)->real); }
int xDeviceCharacteristics(sqlite3_file *f) { return ff(f)->real->pMethods->xDeviceCharacteristics(ff(f)->real); }
int xShmMap(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    if (int rc = A::check(ff(f), FaultVfs::Op::ShmMap))
        return rc;
    if (ff(f)->real->pMethods->iVersion < 2)
        return SQLITE_IOERR_SHMMAP;
    return ff(f)->real->pMethods->xShmMap(ff(f)->real, pg, sz, extend, pp);
}
int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    // Only taking a lock fails: an unlock that fails would leave SQLite
    // believing it holds nothing while the lock stays.
    if (!(flags & SQLITE_SHM_UNLOCK))
        if (int rc = A::check(ff(f), FaultVfs::Op::ShmLock))
            return rc;
    return ff(f)->real->pMethods->iVersion < 2 ? SQLITE_IOERR_SHMLOCK
                                               : ff(f)->real->pMethods->xShmLock(ff(f)->real, offset, n, flags);
}
void xShmBarrier(sqlite3_file *f)
{
    if (ff(f)->real->pMethods->iVersion >= 2)
        ff(f)->real->pMethods->xShmBarrier(ff(f)->real);
}
int xShmUnmap(sqlite3_file *f, int del)
{
    return ff(f)->real->pMethods->iVersion < 2 ? SQLITE_OK : ff(f)->real->pMethods->xShmUnmap(ff(f)->real, del);
}
int xFetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
    // Memory-mapped reads would bypass xRead and its faults: never map.
    Q_UNUSED(f) Q_UNUSED(off) Q_UNUSED(amt)
    *pp = nullptr;
    return SQLITE_OK;
}
int xUnfetch(sqlite3_file *, sqlite3_int64, void *) { return SQLITE_OK; }

const sqlite3_io_methods g_methods = {
    3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
    xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch,
};

int vOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *p = new (file) FaultFile;
    p->base.pMethods = nullptr;
    p->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + realOffset());
    std::memset(p->real, 0, size_t(g_real->szOsFile));
    p->matched = A::matches(name);
    if (int rc = A::check(p, FaultVfs::Op::Open)) {
        p->~FaultFile();
        return rc;
    }
    int rc = g_real->xOpen(g_real, name, p->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (p->real->pMethods)
            p->real->pMethods->xClose(p->real);
        p->~FaultFile();
        return rc;
    }
    p->base.pMethods = &g_methods;
    A::opened(p);
    return SQLITE_OK;
}
int vDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    if (A::matches(name)) {
        FaultFile probe;
        probe.matched = true;
        if (int rc = A::check(&probe, FaultVfs::Op::Delete))
            return rc;
    }
    return g_real->xDelete(g_real, name, syncDir);
}
int vAccess(sqlite3_vfs *, const char *name, int flags, int *out) { return g_real->xAccess(g_real, name, flags, out); }
int vFullPathname(sqlite3_vfs *, const char *name, int n, char *out) { return g_real->xFullPathname(g_real, name, n, out); }
void *vDlOpen(sqlite3_vfs *, const char *name) { return g_real->xDlOpen(g_real, name); }
void vDlError(sqlite3_vfs *, int n, char *msg) { g_real->xDlError(g_real, n, msg); }
void (*vDlSym(sqlite3_vfs *, void *h, const char *sym))(void) { return g_real->xDlSym(g_real, h, sym); }
void vDlClose(sqlite3_vfs *, void *h) { g_real->xDlClose(g_real, h); }
int vRandomness(sqlite3_vfs *, int n, char *out) { return g_real->xRandomness(g_real, n, out); }
int vSleep(sqlite3_vfs *, int us) { return g_real->xSleep(g_real, us); }
int vCurrentTime(sqlite3_vfs *, double *t) { return g_real->xCurrentTime(g_real, t); }
int vGetLastError(sqlite3_vfs *, int n, char *out) { return g_real->xGetLastError(g_real, n, out); }
int vCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *t) { return g_real->xCurrentTimeInt64(g_real, t); }

} // namespace

FaultVfs::FaultVfs()
{
    sqlite3_initialize();
    g_files = new std::set<FaultFile *>;
    g_real = sqlite3_vfs_find(nullptr);
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = int(realOffset()) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = name;
    g_vfs.xOpen = vOpen;
    g_vfs.xDelete = vDelete;
    g_vfs.xAccess = vAccess;
    g_vfs.xFullPathname = vFullPathname;
    g_vfs.xDlOpen = vDlOpen;
    g_vfs.xDlError = vDlError;
    g_vfs.xDlSym = vDlSym;
    g_vfs.xDlClose = vDlClose;
    g_vfs.xRandomness = vRandomness;
    g_vfs.xSleep = vSleep;
    g_vfs.xCurrentTime = vCurrentTime;
    g_vfs.xGetLastError = vGetLastError;
    g_vfs.xCurrentTimeInt64 = vCurrentTimeInt64;
    sqlite3_vfs_register(&g_vfs, 0);
}

FaultVfs &FaultVfs::instance()
{
    static FaultVfs *v = new FaultVfs; // never destroyed: SQLite may hold files until exit
    return *v;
}

void FaultVfs::makeDefault(bool yes)
{
    sqlite3_vfs_register(yes ? &g_vfs : g_real, 1);
}

void FaultVfs::setSyncDelay(int ms)
{
    std::lock_guard lock(m_mutex);
    m_syncDelayMs = ms;
}

void FaultVfs::setPathPrefix(const QString &prefix)
{
    std::lock_guard lock(m_mutex);
    m_prefix = prefix.toUtf8();
}

void FaultVfs::arm(Op op, qint64 nth, int code, bool persistent)
{
    std::lock_guard lock(m_mutex);
    m_counts.fill(0);
    m_injected = 0;
    m_armed = true;
    m_op = op;
    m_nth = nth;
    m_code = code;
    m_persistent = persistent;
}

void FaultVfs::disarm()
{
    std::lock_guard lock(m_mutex);
    m_armed = false;
}

void FaultVfs::resetCounts()
{
    std::lock_guard lock(m_mutex);
    m_counts.fill(0);
    m_injected = 0;
}

qint64 FaultVfs::count(Op op) const
{
    std::lock_guard lock(m_mutex);
    return m_counts[size_t(op)];
}

qint64 FaultVfs::injected() const
{
    std::lock_guard lock(m_mutex);
    return m_injected;
}

void FaultVfs::setTrackUnsynced(bool yes)
{
    std::lock_guard lock(m_mutex);
    m_track = yes;
    for (FaultFile *f : *g_files) {
        f->dirty = false;
        f->unsyncedWrites = 0;
        f->undo.clear();
        f->redo.clear();
    }
}

qint64 FaultVfs::powerLoss()
{
    std::lock_guard lock(m_mutex);
    return powerLossLocked(nullptr, false);
}

qint64 FaultVfs::powerLossKeepingSome(quint32 seed, bool tear)
{
    std::lock_guard lock(m_mutex);
    return powerLossLocked(&seed, tear);
}

void FaultVfs::cutPowerAtSync(qint64 nth, quint32 seed, bool tear)
{
    std::lock_guard lock(m_mutex);
    m_cutAtSync = nth;
    m_cutSeed = seed;
    m_cutTear = tear;
}

qint64 FaultVfs::lastPowerLoss() const
{
    std::lock_guard lock(m_mutex);
    return m_lastPowerLoss;
}

bool FaultVfs::isDead() const
{
    std::lock_guard lock(m_mutex);
    return m_dead;
}

qint64 FaultVfs::powerLossLocked(const quint32 *seed, bool tear)
{
    if (m_dead)
        return 0;
    QRandomGenerator rng(seed ? *seed : 0);
    qint64 result = 0;
    for (FaultFile *f : *g_files) {
        if (!f->matched || !f->dirty)
            continue;
        for (auto it = f->undo.rbegin(); it != f->undo.rend(); ++it)
            f->real->pMethods->xWrite(f->real, it->bytes.constData(), int(it->bytes.size()), it->offset);
        const qint64 unsynced = f->unsyncedWrites;
        f->real->pMethods->xTruncate(f->real, f->syncedSize);
        if (seed) {
            // What the disk had written of them when the power went.
            for (const Redo &r : f->redo) {
                if (rng.bounded(2) == 0)
                    continue;
                if (r.truncate) {
                    f->real->pMethods->xTruncate(f->real, r.offset);
                } else {
                    int n = int(r.bytes.size());
                    if (tear && n > 512 && rng.bounded(2) == 0)
                        n = 512 * int(rng.bounded(quint32((n + 511) / 512)));
                    if (n > 0)
                        f->real->pMethods->xWrite(f->real, r.bytes.constData(), n, r.offset);
                }
                ++result;
            }
        } else {
            result += unsynced;
        }
        f->unsyncedWrites = 0;
        f->undo.clear();
        f->redo.clear();
        f->dirty = false;
    }
    m_dead = true;
    m_cutAtSync = 0;
    m_lastPowerLoss = result;
    return result;
}

void FaultVfs::revive()
{
    std::lock_guard lock(m_mutex);
    m_dead = false;
}

const char *FaultVfs::opName(Op op)
{
    switch (op) {
    case Op::Read: return "xRead";
    case Op::Write: return "xWrite";
    case Op::Sync: return "xSync";
    case Op::Truncate: return "xTruncate";
    case Op::FileSize: return "xFileSize";
    case Op::Lock: return "xLock";
    case Op::ShmMap: return "xShmMap";
    case Op::ShmLock: return "xShmLock";
    case Op::Open: return "xOpen";
    case Op::Delete: return "xDelete";
    }
    return "?";
}

} // namespace LitehouseTest
