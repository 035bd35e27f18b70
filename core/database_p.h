#pragma once

// Internal: one open database (writer lane, reader lanes, streams, state).

#include "checkpointpolicy_p.h"
#include "lane.h"
#include "manager.h"

#include <QElapsedTimer>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

namespace Litehouse {

struct StreamState;

/// Completes an operation's record: its time, rows, and outcome from the
/// error (Cancelled for an interrupt), if any.
void finishRecord(OperationRecord &op, const Error *e, qint64 ns, qint64 returned, qint64 affected);

class Database final
{
public:
    Database(Manager *manager, QString path, OpenOptions options);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    const QString path;
    const OpenOptions options;
    Manager *const manager;

    Lane &writer() { return *m_writer; }
    /// Posts a read task to the least loaded reader lane, opening one more
    /// (up to maxReaders) when all are busy.
    Outcome<Done> postRead(Task task, bool mayWait);
    /// A connection of its own for a stream; opened by its first task.
    std::shared_ptr<Lane> newStreamLane();
    void trackStream(const std::shared_ptr<StreamState> &s);
    /// Closes lanes after their queued work; calls done once all are closed.
    void close(std::function<void()> done);
    /// Closes reader lanes idle for longer than the idle timeout (above minReaders).
    void reapIdleReaders();
    bool hasReaders() const;

    /// Whether the writer's checkpoints go to a connection of their own
    /// (OpenOptions::backgroundCheckpoint, for a writable file).
    bool checkpointsInBackground() const;
    /// Whether the writer's WAL hook places the checkpoints (a writable file).
    bool checkpointsOnCommit() const;
    /// The writer's WAL hook (see CheckpointPolicy): on the writer's thread,
    /// inside the commit.
    void walCommitted(Connection &writer, int frames, int threshold);
    CheckpointStats checkpointStats() const;
    /// On the writer's thread: waits (a few seconds at most) until no
    /// background checkpoint is queued or running.
    void awaitBackgroundCheckpoint();

    TransactionState state() const;
    void setState(const TransactionState &s);
    CacheStats cacheStats() const;
    bool inTransaction() const;

    /// Set when the writer failed to open: every later task fails with it.
    void setOpenError(const Error &e);
    std::optional<Error> openError() const;

private:
    struct Reader
    {
        std::unique_ptr<Lane> lane;
        qint64 lastUsedMs = 0;
    };
    bool postCheckpoint();
    void endBackgroundCheckpoint(bool broken);
    void checkpointInBackground(Connection &c);
    /// The hard bound (CheckpointPolicy::Restart), on the writer's thread.
    void restartCheckpoint(Connection &writer, int frames, int threshold);

    std::unique_ptr<Lane> m_writer;
    std::unique_ptr<Lane> m_checkpointer; // opened by the first background checkpoint
    detail::CheckpointPolicy m_checkpoints;
    std::atomic<qint64> m_backgroundCheckpoints{0};
    std::atomic<qint64> m_writerCheckpoints{0};
    std::atomic<qint64> m_busyCheckpoints{0};
    std::atomic<qint64> m_restartCheckpoints{0};
    std::mutex m_checkpointMutex; // with m_checkpointEnded: awaitBackgroundCheckpoint()
    std::condition_variable m_checkpointEnded;
    mutable std::mutex m_mutex;
    std::vector<Reader> m_readers;
    std::vector<std::weak_ptr<StreamState>> m_streams;
    std::vector<std::unique_ptr<Lane>> m_retired; // closed readers, kept until destruction
    TransactionState m_state;
    std::optional<Error> m_openError;
    CacheStats m_closedStats;
    QElapsedTimer m_clock;
    bool m_closing = false;
};

struct StreamState
{
    /// Hands the stream's own lane over to its close: the last reference to
    /// a stream can be dropped by a task running on that very lane.
    ~StreamState();

    std::shared_ptr<Database> db;
    std::shared_ptr<Lane> ownLane; // null: runs on the writer
    sqlite3_stmt *stmt = nullptr;
    QStringList columns;
    QStringList declTypes;
    std::atomic<bool> atEnd{false};
    std::atomic<qint64> fetched{0};
    /// sqlite3_stmt_readonly() of the statement: only then may it run again
    /// (to reload rows, count them or export them).
    bool readOnly = true;
    /// Started on the writer while it held session state (TEMP objects,
    /// attached databases, PRAGMAs set by the user): a re-run belongs there too.
    bool sessionBound = false;
    /// A statement that writes ran to completion when the stream started
    /// (so that its changes commit at once, as in sqlite3); its rows wait
    /// here for the first fetch.
    std::optional<ResultSet> buffered;
    qint64 rowsAffected = 0;
    OperationRecord record;
    bool reported = false;
    qint64 busyNs = 0;

    Lane &lane() { return ownLane ? *ownLane : db->writer(); }
    /// On the lane's thread: finalizes and reports the operation once.
    void finish(const Error *error);
    /// Reports the operation (once), leaving the stream as it is.
    void report(const Error *error);
};

} // namespace Litehouse
