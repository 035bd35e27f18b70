#pragma once

#include <QString>

#include <optional>

namespace Litehouse {

/// Retry of SQLITE_BUSY and SQLITE_LOCKED only (never constraint or syntax
/// errors), with exponential backoff and jitter, bounded by attempts and time.
struct RetryPolicy
{
    int maxAttempts = 12;     ///< total tries, including the first
    int baseDelayMs = 5;      ///< first backoff; doubles each time
    int maxDelayMs = 500;     ///< cap on one backoff
    int budgetMs = 10000;     ///< give up once this much time has passed
};

enum class JournalMode { Delete, Truncate, Persist, Memory, Wal, Off };
enum class Synchronous { Off, Normal, Full, Extra };
enum class TempStore { Default, File, Memory };

/// How a database is opened. Unset optionals keep SQLite's (or the file's) own setting.
struct OpenOptions
{
    bool readOnly = false;
    /// Create the file when it does not exist. A file Litehouse creates starts in WAL mode.
    bool create = true;
    /// Journal mode to set. An existing file keeps its own mode unless this is
    /// set, because the change is permanent.
    std::optional<JournalMode> journalMode;
    std::optional<Synchronous> synchronous;
    int busyTimeoutMs = 100;             ///< SQLite's own wait before SQLITE_BUSY; retries follow
    std::optional<int> cacheSizeKiB;     ///< PRAGMA cache_size = -N
    std::optional<qint64> mmapSizeBytes; ///< PRAGMA mmap_size
    TempStore tempStore = TempStore::Default;
    bool foreignKeys = true;
    int minReaders = 0;
    int maxReaders = 4;
    int readerIdleTimeoutMs = 60000;     ///< idle readers above minReaders close after this
    int statementCacheSize = 64;         ///< prepared statements kept per connection
    int maxQueuedTasks = 1 << 20;        ///< past this a submit waits (worker threads) or fails (the manager's thread)
    RetryPolicy retry;
    /// Run WAL checkpoints on a connection of their own, so that the commit
    /// that crosses wal_autocheckpoint does not copy and sync the WAL before
    /// it returns (the writer only finishes the last few frames). Off: the
    /// writer checkpoints inside that commit, as SQLite does by default.
    /// Either way, past four times wal_autocheckpoint the writer runs a
    /// RESTART checkpoint, so that readers that never pause cannot make the
    /// WAL grow without bound.
    bool backgroundCheckpoint = true;
    /// Name of a registered SQLite VFS to open the file with (empty: the
    /// default one). Tests use it for fault injection.
    QString vfs;

    /// Many readers, a large cache and memory map: browsing and reporting.
    static OpenOptions readHeavy();
    /// WAL, synchronous=NORMAL, a larger cache: imports and bulk writes.
    static OpenOptions writeHeavy();
};

QString journalModeName(JournalMode m);
QString synchronousName(Synchronous s);
std::optional<JournalMode> parseJournalMode(const QString &s);
std::optional<Synchronous> parseSynchronous(const QString &s);

} // namespace Litehouse
