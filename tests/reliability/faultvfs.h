#pragma once

// A SQLite VFS for tests that wraps the default one and fails chosen I/O
// calls, counts them, and can drop the writes not yet synced (power loss).
// Public SQLite API only: sqlite3_vfs_register and the sqlite3_io_methods
// of the wrapped VFS.

#include <QString>

#include <array>
#include <mutex>

namespace LitehouseTest {

class FaultVfs final
{
public:
    /// The I/O calls that can be failed and are counted.
    enum class Op { Read = 0, Write, Sync, Truncate, FileSize, Lock, ShmMap, ShmLock, Open, Delete };
    static constexpr int OpCount = 10;
    /// The name the VFS is registered under (OpenOptions::vfs, `vfs=` in a URI).
    static constexpr const char *name = "litehouse-fault";

    /// The one instance, registered on first use (not as the default VFS).
    static FaultVfs &instance();
    Q_DISABLE_COPY_MOVE(FaultVfs)

    /// Makes it the default VFS, so that code that opens files with the
    /// default (the history store, backup destinations) goes through it too.
    /// Registering again after sqlite3_shutdown()/sqlite3_initialize() is needed.
    void makeDefault(bool yes);
    /// Only files whose name starts with this prefix are counted and failed
    /// (empty: every file opened through the VFS).
    void setPathPrefix(const QString &prefix);

    /// Every xSync of a counted file first sleeps this long (a slow disk).
    void setSyncDelay(int ms);

    /// Arms a fault: the nth call of op (counted from this call, from 1)
    /// returns code (SQLITE_IOERR or SQLITE_FULL), and every later one too
    /// when persistent. Resets the counters.
    void arm(Op op, qint64 nth, int code, bool persistent);
    /// No more faults (counters keep counting).
    void disarm();
    /// Zeroes the counters.
    void resetCounts();
    qint64 count(Op op) const;
    /// Faults returned since the last arm().
    qint64 injected() const;

    /// Keeps, per open file, the bytes overwritten since its last xSync, so
    /// that powerLoss() can put them back.
    void setTrackUnsynced(bool yes);
    /// Power loss: every write not followed by an xSync of its file is undone
    /// (old bytes restored, the file cut back to its synced size), then every
    /// later I/O call fails until revive(), as on a machine that lost power.
    /// Returns the number of writes undone (xWrite calls not followed by an xSync).
    qint64 powerLoss();
    /// Power loss as disks do it: the unsynced writes are undone as by
    /// powerLoss(), then a random subset of them (seeded) is put back, in
    /// order, each whole or, with tear, cut at a random 512-byte sector (a
    /// torn write). Returns the number of writes put back.
    qint64 powerLossKeepingSome(quint32 seed, bool tear);
    /// The power goes at the nth xSync from now (that sync does not
    /// happen), as powerLossKeepingSome(seed, tear) does; 0: never.
    void cutPowerAtSync(qint64 nth, quint32 seed, bool tear);
    /// Whether the power was cut (by cutPowerAtSync() or a powerLoss call).
    bool isDead() const;
    /// What the last power loss returned (writes undone, or put back).
    qint64 lastPowerLoss() const;
    void revive();

    static const char *opName(Op op);

private:
    FaultVfs();
    friend struct FaultVfsAccess;

    mutable std::mutex m_mutex;
    std::array<qint64, OpCount> m_counts{};
    bool m_armed = false;
    Op m_op = Op::Write;
    qint64 m_nth = 0;
    int m_code = 0;
    bool m_persistent = false;
    qint64 m_injected = 0;
    bool m_track = false;
    bool m_dead = false;
    qint64 m_cutAtSync = 0; // counted down by xSync
    qint64 m_lastPowerLoss = 0;
    quint32 m_cutSeed = 0;
    bool m_cutTear = false;
    qint64 powerLossLocked(const quint32 *seed, bool tear); // under m_mutex
    QByteArray m_prefix;
    int m_syncDelayMs = 0;
};

} // namespace LitehouseTest
