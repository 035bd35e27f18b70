#pragma once

#include "../outcome.h"
#include "historybuffer.h"
#include "historyquery.h"

#include <QFuture>
#include <QObject>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

namespace Litehouse {

/// Tuning for a HistoryStore.
struct HistoryStoreOptions
{
    qsizetype capacity = 1000;    ///< pending items that trigger a flush
    qsizetype tolerance = 4000;   ///< items beyond capacity before recording threads wait
    int flushIntervalMs = 1000;   ///< a flush at least this often while items are pending
};

/// The history database: a SQLite file in WAL mode, written by one private
/// worker thread that owns its own connection.
///
/// The history is deliberately not opened through the Manager: its reads and
/// writes must not be recorded as operations (they would record themselves),
/// and flush I/O must not queue behind user queries on a database lane. So
/// the worker uses the sqlite3 C API directly.
///
/// record() only appends to the HistoryBuffer. The worker flushes on size
/// (capacity reached) or on the interval, one flush at a time, in recording
/// order, each in one transaction. A failed flush emits flushFailed() and is
/// retried; its items stay in memory until written. Queries run on the same
/// worker, after a flush, so they see everything recorded before them.
/// shutdown() (and the destructor) waits for the last flush.
class HistoryStore final : public QObject
{
    Q_OBJECT
public:
    /// Starts the worker; the file is opened (and created) on it, not here.
    explicit HistoryStore(const QString &path, const HistoryStoreOptions &options = {}, QObject *parent = nullptr);
    ~HistoryStore() override;
    Q_DISABLE_COPY_MOVE(HistoryStore)

    /// QStandardPaths::AppDataLocation/history.db.
    static QString defaultPath();
    QString path() const { return m_path; }

    /// Records an item. Thread-safe, no I/O; waits only under back-pressure,
    /// and never on the thread that created the store.
    void record(HistoryItem item) { m_buffer.push(std::move(item)); }
    HistoryBuffer &buffer() { return m_buffer; }

    /// Flushes now; resolves to the number of items written by this flush.
    QFuture<Outcome<qint64>> flush();
    /// Runs a query on the worker (after flushing what is pending).
    QFuture<Outcome<HistoryPage>> query(const HistoryQuery &query);
    /// Flushes what is pending and stops the worker (retrying a failing
    /// flush a few times first). Idempotent; the destructor calls it.
    /// Returns false when items could not be written.
    bool shutdown();

    /// The message of the last failed flush; empty once a flush succeeds.
    QString lastFlushError() const;
    /// Successful flushes so far.
    qint64 flushCount() const { return m_flushes.load(); }
    /// Test hooks: every flush sleeps this long first; the next n flushes fail.
    void setFlushDelayForTesting(int ms) { m_testDelayMs.store(ms); }
    void failFlushesForTesting(int n) { m_testFailures.store(n); }

Q_SIGNALS:
    /// A flush wrote count items (emitted from the worker thread).
    void flushed(qint64 count);
    /// A flush failed; its items stay in memory and the flush is retried.
    void flushFailed(const QString &message);

private:
    using Job = std::function<void(sqlite3 *db, const Error &flushError, qint64 written)>;
    void run();
    Outcome<qint64> flushOnce(sqlite3 *&db);
    Outcome<Done> ensureOpen(sqlite3 *&db);
    void post(Job job);
    void wake();

    const QString m_path;
    const HistoryStoreOptions m_options;
    HistoryBuffer m_buffer;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<Job> m_jobs;
    bool m_wanted = false;
    bool m_stop = false;
    bool m_lost = false;
    bool m_failing = false;
    QString m_lastError;
    std::thread m_thread;
    std::atomic<qint64> m_flushes{0};
    std::atomic<int> m_testDelayMs{0};
    std::atomic<int> m_testFailures{0};
};

} // namespace Litehouse
