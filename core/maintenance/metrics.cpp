#include "metrics.h"

#include "../manager.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <deque>

namespace Litehouse {

namespace {

const QString kTypes[] = {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                          QStringLiteral("DELETE"), QStringLiteral("DDL"), QStringLiteral("PRAGMA"),
                          QStringLiteral("OTHER")};
constexpr int kTypeCount = 7;

int typeIndex(const QString &t)
{
    for (int i = 0; i < kTypeCount - 1; ++i)
        if (t == kTypes[i])
            return i;
    return kTypeCount - 1;
}

std::atomic<quint64> g_nextId{1};

constexpr auto relaxed = std::memory_order_relaxed;

} // namespace

struct Metrics::State
{
    explicit State(const QString &db) : database(db) {}
    const QString database;
    std::atomic<qint64> total{0};
    std::atomic<qint64> errors{0};
    std::atomic<qint64> cancelled{0};
    std::atomic<qint64> totalNs{0};
    std::atomic<qint64> rowsReturned{0};
    std::atomic<qint64> rowsAffected{0};
    std::atomic<qint64> maxNs{0};
    std::array<std::atomic<qint64>, kTypeCount> byType{};
    std::array<std::atomic<qint64>, BucketCount> histogram{};
    // Rare paths (errors, slow operations) take the lock.
    std::mutex mutex;
    QMap<int, qint64> errorsByCode;
    std::deque<SlowQuery> slow;
    qint64 slowDropped = 0;

    void clear()
    {
        for (auto *a : {&total, &errors, &cancelled, &totalNs, &rowsReturned, &rowsAffected, &maxNs})
            a->store(0, relaxed);
        for (auto &a : byType)
            a.store(0, relaxed);
        for (auto &a : histogram)
            a.store(0, relaxed);
        std::lock_guard lock(mutex);
        errorsByCode.clear();
        slow.clear();
        slowDropped = 0;
    }
};

// Log-linear buckets: exact below 32 ns, then 32 buckets per power of two
// (a relative error under 1/32).
int Metrics::bucketOf(qint64 ns)
{
    if (ns < 32)
        return ns < 0 ? 0 : int(ns);
    const int e = 63 - std::countl_zero(quint64(ns));
    const int sub = int((quint64(ns) >> (e - 5)) & 31);
    return (e - 4) * 32 + sub;
}

qint64 Metrics::bucketUpperBound(int bucket)
{
    if (bucket < 32)
        return bucket;
    const int e = bucket / 32 + 4;
    const qint64 sub = bucket % 32;
    const qint64 lower = (32 + sub) << (e - 5);
    return lower + (qint64(1) << (e - 5)) - 1;
}

Metrics::Metrics(const Manager *manager) : m_manager(manager), m_id(g_nextId.fetch_add(1)) {}

Metrics::~Metrics() = default;

Metrics::State *Metrics::stateFor(const QString &database)
{
    // Most threads record for one database in a row: remember the last one
    // per thread and skip the map (and its lock) while it matches.
    thread_local quint64 cachedOwner = 0;
    thread_local State *cachedState = nullptr;
    if (cachedOwner == m_id && cachedState && cachedState->database == database)
        return cachedState;
    std::lock_guard lock(m_mutex);
    std::shared_ptr<State> &slot = m_states[database];
    if (!slot)
        slot = std::make_shared<State>(database);
    cachedOwner = m_id;
    cachedState = slot.get();
    return cachedState;
}

void Metrics::record(const OperationRecord &op)
{
    State &s = *stateFor(op.database);
    s.total.fetch_add(1, relaxed);
    s.totalNs.fetch_add(op.durationNs, relaxed);
    if (op.rowsReturned)
        s.rowsReturned.fetch_add(op.rowsReturned, relaxed);
    if (op.rowsAffected)
        s.rowsAffected.fetch_add(op.rowsAffected, relaxed);
    for (qint64 cur = s.maxNs.load(relaxed); op.durationNs > cur && !s.maxNs.compare_exchange_weak(cur, op.durationNs, relaxed);) {
    }
    s.byType[size_t(typeIndex(op.statementType))].fetch_add(1, relaxed);
    s.histogram[size_t(bucketOf(op.durationNs))].fetch_add(1, relaxed);
    if (op.outcome == OperationRecord::Outcome::Error) {
        s.errors.fetch_add(1, relaxed);
        std::lock_guard lock(s.mutex);
        ++s.errorsByCode[op.errorCode];
    } else if (op.outcome == OperationRecord::Outcome::Cancelled) {
        s.cancelled.fetch_add(1, relaxed);
    }
    if (op.durationNs >= m_slowNs.load(relaxed)) {
        const int capacity = m_slowCapacity.load(relaxed);
        if (capacity > 0) {
            std::lock_guard lock(s.mutex);
            s.slow.push_back({op.timestamp, op.sql, op.statementType, op.durationNs});
            while (s.slow.size() > size_t(capacity)) {
                s.slow.pop_front();
                ++s.slowDropped;
            }
        }
    }
}

void Metrics::setSlowThresholdNs(qint64 ns)
{
    m_slowNs.store(std::max<qint64>(0, ns));
}

qint64 Metrics::slowThresholdNs() const
{
    return m_slowNs.load();
}

void Metrics::setSlowLogCapacity(int entries)
{
    const int capacity = std::max(0, entries);
    m_slowCapacity.store(capacity);
    std::lock_guard lock(m_mutex);
    for (auto &s : m_states) {
        std::lock_guard stateLock(s->mutex);
        while (s->slow.size() > size_t(capacity)) {
            s->slow.pop_front();
            ++s->slowDropped;
        }
    }
}

int Metrics::slowLogCapacity() const
{
    return m_slowCapacity.load();
}

DatabaseMetrics Metrics::build(State &s) const
{
    DatabaseMetrics m;
    m.database = s.database;
    m.total = s.total.load(relaxed);
    m.errors = s.errors.load(relaxed);
    m.cancelled = s.cancelled.load(relaxed);
    m.totalNs = s.totalNs.load(relaxed);
    m.rowsReturned = s.rowsReturned.load(relaxed);
    m.rowsAffected = s.rowsAffected.load(relaxed);
    m.maxNs = s.maxNs.load(relaxed);
    for (int i = 0; i < kTypeCount; ++i)
        m.byType.insert(kTypes[i], s.byType[size_t(i)].load(relaxed));
    {
        std::lock_guard lock(s.mutex);
        m.errorsByCode = s.errorsByCode;
        m.slowQueries = QList<SlowQuery>(s.slow.begin(), s.slow.end());
        m.slowDropped = s.slowDropped;
    }
    // Nearest-rank percentiles over a copy of the histogram (records may go
    // on meanwhile), capped at the exact maximum.
    std::array<qint64, BucketCount> h;
    qint64 count = 0;
    for (size_t b = 0; b < h.size(); ++b)
        count += (h[b] = s.histogram[b].load(relaxed));
    auto percentile = [&](double p) -> qint64 {
        if (count == 0)
            return 0;
        const qint64 rank = std::max<qint64>(1, qint64(std::ceil(p * double(count))));
        qint64 seen = 0;
        for (int b = 0; b < BucketCount; ++b) {
            seen += h[size_t(b)];
            if (seen >= rank)
                return std::min(bucketUpperBound(b), m.maxNs);
        }
        return m.maxNs;
    };
    m.p50Ns = percentile(0.50);
    m.p95Ns = percentile(0.95);
    m.p99Ns = percentile(0.99);
    return m;
}

QList<DatabaseMetrics> Metrics::snapshot() const
{
    QList<DatabaseMetrics> out;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &s : m_states)
            if (s->total.load(relaxed) > 0)
                out.append(build(*s));
    }
    for (auto &m : out)
        if (m_manager)
            m.statementCache = m_manager->statementCacheStats(m.database);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.database < b.database; });
    return out;
}

DatabaseMetrics Metrics::snapshot(const QString &name) const
{
    // Operations are recorded under the database's path; an alias resolves to it.
    const QString resolved = m_manager ? m_manager->resolve(name) : QString();
    const QString database = resolved.isEmpty() ? name : resolved;
    DatabaseMetrics m;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_states.constFind(database); it != m_states.constEnd())
            m = build(*it->get());
        else
            m.database = database;
    }
    if (m_manager)
        m.statementCache = m_manager->statementCacheStats(database);
    return m;
}

void Metrics::reset()
{
    // States stay (a recording thread may hold one); their counts go to zero.
    std::lock_guard lock(m_mutex);
    for (auto &s : m_states)
        s->clear();
}

} // namespace Litehouse
