#pragma once

#include "../connection.h"
#include "../operation.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace Litehouse {

class Manager;

/// One entry of the slow-query log.
struct SlowQuery
{
    QDateTime timestamp;   ///< when it started (UTC)
    QString sql;
    QString statementType;
    qint64 durationNs = 0;
};

/// What the metrics know about one database.
struct DatabaseMetrics
{
    QString database;
    qint64 total = 0;        ///< operations seen
    qint64 errors = 0;       ///< operations that failed (cancelled ones not included)
    qint64 cancelled = 0;
    qint64 totalNs = 0;
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    /// Counts by statement type: SELECT, INSERT, UPDATE, DELETE, DDL, PRAGMA, OTHER.
    QMap<QString, qint64> byType;
    /// Failed operations by SQLite's extended result code.
    QMap<int, qint64> errorsByCode;
    /// Latency percentiles, from a log-linear histogram (within ~3%; max is exact).
    qint64 p50Ns = 0;
    qint64 p95Ns = 0;
    qint64 p99Ns = 0;
    qint64 maxNs = 0;
    /// The slowest recent operations over the threshold, oldest first, bounded.
    QList<SlowQuery> slowQueries;
    qint64 slowDropped = 0;  ///< slow operations pushed out of the bounded log
    /// Prepared-statement cache counters (needs the Manager).
    CacheStats statementCache;
};

/// An OperationSink that collects per-database metrics: totals, counts by
/// statement type, latency percentiles, errors by code, a bounded slow-query
/// log and the statement-cache hit rate. record() is cheap and thread-safe:
/// relaxed atomic counters and a histogram increment, a lock only for
/// errors and slow operations; snapshot() and reset() may be called from
/// any thread. Install it with Manager::addSink().
class Metrics final : public OperationSink
{
public:
    /// manager (optional) supplies the statement-cache counters in snapshots.
    explicit Metrics(const Manager *manager = nullptr);
    ~Metrics() override;
    Q_DISABLE_COPY_MOVE(Metrics)

    void record(const OperationRecord &op) override;

    /// Operations at or over this duration go to the slow-query log (default 100 ms).
    void setSlowThresholdNs(qint64 ns);
    qint64 slowThresholdNs() const;
    /// Entries kept per database in the slow-query log (default 100).
    void setSlowLogCapacity(int entries);
    int slowLogCapacity() const;

    /// Every database seen so far.
    QList<DatabaseMetrics> snapshot() const;
    /// One database (by the path the manager reports); empty metrics when unseen.
    DatabaseMetrics snapshot(const QString &database) const;
    /// Forgets everything collected so far.
    void reset();

    /// Internal: the histogram bucket of a duration, and a bucket's upper bound.
    static int bucketOf(qint64 ns);
    static qint64 bucketUpperBound(int bucket);
    static constexpr int BucketCount = 60 * 32;

private:
    struct State;
    State *stateFor(const QString &database);
    DatabaseMetrics build(State &s) const;

    const Manager *m_manager;
    const quint64 m_id;                 ///< tells instances apart in the per-thread lookup cache
    mutable std::mutex m_mutex;         ///< guards m_states (the map, not the counters)
    QHash<QString, std::shared_ptr<State>> m_states; ///< never shrinks: reset() zeroes in place
    std::atomic<qint64> m_slowNs{100'000'000};
    std::atomic<int> m_slowCapacity{100};
};

} // namespace Litehouse
