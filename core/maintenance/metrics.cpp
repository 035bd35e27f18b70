#include "metrics.h"

#include "../manager.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <bit>
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

} // namespace

struct Metrics::State
{
    QString database;
    qint64 total = 0;
    qint64 errors = 0;
    qint64 cancelled = 0;
    qint64 totalNs = 0;
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    qint64 maxNs = 0;
    qint64 slowDropped = 0;
    std::array<qint64, kTypeCount> byType{};
    QMap<int, qint64> errorsByCode;
    std::array<qint64, BucketCount> histogram{};
    std::deque<SlowQuery> slow;
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

Metrics::Metrics(const Manager *manager) : m_manager(manager) {}

Metrics::~Metrics() = default;

void Metrics::record(const OperationRecord &op)
{
    const int bucket = bucketOf(op.durationNs);
    const int type = typeIndex(op.statementType);
    std::lock_guard lock(m_mutex);
    std::shared_ptr<State> &slot = m_states[op.database];
    if (!slot) {
        slot = std::make_shared<State>();
        slot->database = op.database;
    }
    State &s = *slot;
    ++s.total;
    s.totalNs += op.durationNs;
    s.rowsReturned += op.rowsReturned;
    s.rowsAffected += op.rowsAffected;
    s.maxNs = std::max(s.maxNs, op.durationNs);
    ++s.byType[size_t(type)];
    ++s.histogram[size_t(bucket)];
    if (op.outcome == OperationRecord::Outcome::Error) {
        ++s.errors;
        ++s.errorsByCode[op.errorCode];
    } else if (op.outcome == OperationRecord::Outcome::Cancelled) {
        ++s.cancelled;
    }
    if (op.durationNs >= m_slowNs && m_slowCapacity > 0) {
        s.slow.push_back({op.timestamp, op.sql, op.statementType, op.durationNs});
        while (s.slow.size() > size_t(m_slowCapacity)) {
            s.slow.pop_front();
            ++s.slowDropped;
        }
    }
}

void Metrics::setSlowThresholdNs(qint64 ns)
{
    std::lock_guard lock(m_mutex);
    m_slowNs = std::max<qint64>(0, ns);
}

qint64 Metrics::slowThresholdNs() const
{
    std::lock_guard lock(m_mutex);
    return m_slowNs;
}

void Metrics::setSlowLogCapacity(int entries)
{
    std::lock_guard lock(m_mutex);
    m_slowCapacity = std::max(0, entries);
    for (auto &s : m_states)
        while (s->slow.size() > size_t(m_slowCapacity)) {
            s->slow.pop_front();
            ++s->slowDropped;
        }
}

int Metrics::slowLogCapacity() const
{
    std::lock_guard lock(m_mutex);
    return m_slowCapacity;
}

DatabaseMetrics Metrics::build(const State &s) const
{
    DatabaseMetrics m;
    m.database = s.database;
    m.total = s.total;
    m.errors = s.errors;
    m.cancelled = s.cancelled;
    m.totalNs = s.totalNs;
    m.rowsReturned = s.rowsReturned;
    m.rowsAffected = s.rowsAffected;
    m.maxNs = s.maxNs;
    m.slowDropped = s.slowDropped;
    for (int i = 0; i < kTypeCount; ++i)
        m.byType.insert(kTypes[i], s.byType[size_t(i)]);
    m.errorsByCode = s.errorsByCode;
    m.slowQueries = QList<SlowQuery>(s.slow.begin(), s.slow.end());
    // Nearest-rank percentiles over the histogram, capped at the exact maximum.
    auto percentile = [&](double p) -> qint64 {
        if (s.total == 0)
            return 0;
        const qint64 rank = std::max<qint64>(1, qint64(std::ceil(p * double(s.total))));
        qint64 seen = 0;
        for (int b = 0; b < BucketCount; ++b) {
            seen += s.histogram[size_t(b)];
            if (seen >= rank)
                return std::min(bucketUpperBound(b), s.maxNs);
        }
        return s.maxNs;
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
            m = build(**it);
        else
            m.database = database;
    }
    if (m_manager)
        m.statementCache = m_manager->statementCacheStats(database);
    return m;
}

void Metrics::reset()
{
    std::lock_guard lock(m_mutex);
    m_states.clear();
}

} // namespace Litehouse
