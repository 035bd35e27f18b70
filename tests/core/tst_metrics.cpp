#include "testutil.h"

#include <core/maintenance/metrics.h>

#include <QRandomGenerator>

#include <algorithm>
#include <random>
#include <thread>

#include <sqlite3.h>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

OperationRecord op(const QString &db, qint64 ns, const QString &type = QStringLiteral("SELECT"), const QString &sql = QStringLiteral("SELECT 1"))
{
    OperationRecord r;
    r.timestamp = QDateTime::currentDateTimeUtc();
    r.database = db;
    r.durationNs = ns;
    r.statementType = type;
    r.sql = sql;
    return r;
}

constexpr qint64 ms = 1'000'000;

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsBoundEveryValue()
    {
        int last = -1;
        for (qint64 v : {qint64(0), qint64(1), qint64(31), qint64(32), qint64(33), qint64(63), qint64(64), qint64(1000),
                         qint64(123456), qint64(999'999'999), qint64(1) << 40, (qint64(1) << 62) + 12345}) {
            const int b = Metrics::bucketOf(v);
            QVERIFY(b >= last);
            QVERIFY(b < Metrics::BucketCount);
            last = b;
            const qint64 upper = Metrics::bucketUpperBound(b);
            QVERIFY2(upper >= v, qPrintable(QString::number(v)));
            QVERIFY2(double(upper - v) <= double(v) / 32.0 + 1, qPrintable(QString::number(v)));
            QCOMPARE(Metrics::bucketOf(upper), b);
        }
    }

    void percentilesOfKnownDelays()
    {
        Metrics metrics;
        QList<qint64> delays;
        for (int i = 1; i <= 1000; ++i)
            delays << i * ms;
        std::shuffle(delays.begin(), delays.end(), std::mt19937(42));
        for (qint64 d : delays)
            metrics.record(op(QStringLiteral("/db"), d));
        const DatabaseMetrics m = metrics.snapshot(QStringLiteral("/db"));
        QCOMPARE(m.total, 1000);
        QCOMPARE(m.maxNs, 1000 * ms);
        // Nearest rank: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms; the histogram
        // answers with its bucket's upper bound, within 1/32 above.
        auto within = [](qint64 got, qint64 want) { return got >= want && double(got) <= double(want) * (1.0 + 1.0 / 32); };
        QVERIFY2(within(m.p50Ns, 500 * ms), qPrintable(QString::number(m.p50Ns)));
        QVERIFY2(within(m.p95Ns, 950 * ms), qPrintable(QString::number(m.p95Ns)));
        QVERIFY2(within(m.p99Ns, 990 * ms), qPrintable(QString::number(m.p99Ns)));
        QCOMPARE(m.totalNs, qint64(500500) * ms);

        // A slow tail the average would hide: 990 fast, 10 very slow.
        Metrics tail;
        for (int i = 0; i < 990; ++i)
            tail.record(op(QStringLiteral("/t"), 10'000));
        for (int i = 0; i < 10; ++i)
            tail.record(op(QStringLiteral("/t"), 2000 * ms));
        const DatabaseMetrics t = tail.snapshot(QStringLiteral("/t"));
        QVERIFY(t.p50Ns >= 10'000 && t.p50Ns < 10'400);
        QVERIFY(t.p95Ns < 10'400);
        QVERIFY(t.p99Ns < 10'400);   // rank 990 is still fast
        QCOMPARE(t.maxNs, 2000 * ms);
    }

    void countsByTypeAndErrors()
    {
        Metrics metrics;
        const QStringList types = {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                   QStringLiteral("DELETE"), QStringLiteral("DDL"), QStringLiteral("PRAGMA"), QStringLiteral("OTHER")};
        for (int i = 0; i < types.size(); ++i)
            for (int k = 0; k <= i; ++k)
                metrics.record(op(QStringLiteral("/a"), 1000, types.at(i)));
        OperationRecord bad = op(QStringLiteral("/a"), 1000, QStringLiteral("INSERT"));
        bad.outcome = OperationRecord::Outcome::Error;
        bad.errorCode = SQLITE_CONSTRAINT_UNIQUE;
        metrics.record(bad);
        metrics.record(bad);
        bad.errorCode = SQLITE_BUSY;
        metrics.record(bad);
        OperationRecord cancelled = op(QStringLiteral("/a"), 1000);
        cancelled.outcome = OperationRecord::Outcome::Cancelled;
        metrics.record(cancelled);
        metrics.record(op(QStringLiteral("/b"), 1000, QStringLiteral("weird")));
        const DatabaseMetrics a = metrics.snapshot(QStringLiteral("/a"));
        QCOMPARE(a.total, 28 + 3 + 1);
        QCOMPARE(a.byType.value(QStringLiteral("SELECT")), 1 + 1);
        QCOMPARE(a.byType.value(QStringLiteral("INSERT")), 2 + 3);
        QCOMPARE(a.byType.value(QStringLiteral("OTHER")), 7);
        QCOMPARE(a.errors, 3);
        QCOMPARE(a.cancelled, 1);
        QCOMPARE(a.errorsByCode.value(SQLITE_CONSTRAINT_UNIQUE), 2);
        QCOMPARE(a.errorsByCode.value(SQLITE_BUSY), 1);
        const DatabaseMetrics b = metrics.snapshot(QStringLiteral("/b"));
        QCOMPARE(b.total, 1);
        QCOMPARE(b.byType.value(QStringLiteral("OTHER")), 1);
        QCOMPARE(metrics.snapshot().size(), 2);
        metrics.reset();
        QCOMPARE(metrics.snapshot().size(), 0);
        QCOMPARE(metrics.snapshot(QStringLiteral("/a")).total, 0);
    }

    void slowQueryLogIsBounded()
    {
        Metrics metrics;
        metrics.setSlowThresholdNs(10 * ms);
        metrics.setSlowLogCapacity(5);
        for (int i = 0; i < 20; ++i) {
            metrics.record(op(QStringLiteral("/s"), 9 * ms, QStringLiteral("SELECT"), QStringLiteral("fast %1").arg(i)));
            metrics.record(op(QStringLiteral("/s"), (10 + i) * ms, QStringLiteral("UPDATE"), QStringLiteral("slow %1").arg(i)));
        }
        DatabaseMetrics m = metrics.snapshot(QStringLiteral("/s"));
        QCOMPARE(m.slowQueries.size(), 5);
        QCOMPARE(m.slowDropped, 15);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(m.slowQueries.at(i).sql, QStringLiteral("slow %1").arg(15 + i)); // the newest, oldest first
            QCOMPARE(m.slowQueries.at(i).durationNs, (25 + i) * ms);
            QCOMPARE(m.slowQueries.at(i).statementType, QStringLiteral("UPDATE"));
            QVERIFY(m.slowQueries.at(i).timestamp.isValid());
        }
        metrics.setSlowLogCapacity(2);
        m = metrics.snapshot(QStringLiteral("/s"));
        QCOMPARE(m.slowQueries.size(), 2);
        QCOMPARE(m.slowQueries.last().sql, QStringLiteral("slow 19"));
        metrics.setSlowLogCapacity(0);
        metrics.record(op(QStringLiteral("/s"), 100 * ms));
        QCOMPARE(metrics.snapshot(QStringLiteral("/s")).slowQueries.size(), 0);
    }

    void recordIsThreadSafe()
    {
        Metrics metrics;
        metrics.setSlowThresholdNs(5000);
        metrics.setSlowLogCapacity(50);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&metrics, t] {
                for (int i = 0; i < 20000; ++i)
                    metrics.record(op(t % 2 ? QStringLiteral("/x") : QStringLiteral("/y"), i % 10000));
            });
        for (int i = 0; i < 50; ++i)
            (void)metrics.snapshot(); // concurrent readers
        for (auto &t : threads)
            t.join();
        QCOMPARE(metrics.snapshot(QStringLiteral("/x")).total, 40000);
        QCOMPARE(metrics.snapshot(QStringLiteral("/y")).total, 40000);
        QCOMPARE(metrics.snapshot(QStringLiteral("/y")).slowQueries.size(), 50);
        QCOMPARE(metrics.snapshot(QStringLiteral("/y")).maxNs, 9999);
    }

    void collectsFromTheManager()
    {
        QTemporaryDir dir;
        Manager m;
        auto metrics = std::make_shared<Metrics>(&m);
        metrics->setSlowThresholdNs(0); // everything is "slow": the log shows the SQL
        metrics->setSlowLogCapacity(3);
        m.addSink(metrics);
        const QString p = dir.filePath(QStringLiteral("m.db"));
        QVERIFY(LH_OK(m.open(p, {}, QStringLiteral("mx"))).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v UNIQUE)"))).ok());
        for (int i = 0; i < 10; ++i)
            QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t(v) VALUES (?)"), {i})).ok());
        QVERIFY(!await(m.execute(p, QStringLiteral("INSERT INTO t(v) VALUES (?)"), {3})).ok());
        for (int i = 0; i < 20; ++i)
            QVERIFY(LH_OK(m.execute(p, QStringLiteral("SELECT v FROM t WHERE id = ?"), {i})).ok());
        const DatabaseMetrics s = metrics->snapshot(QStringLiteral("mx")); // the alias finds the path
        QCOMPARE(s.database, m.resolve(QStringLiteral("mx")));
        QCOMPARE(s.total, 1 + 11 + 20);
        QCOMPARE(s.byType.value(QStringLiteral("DDL")), 1);
        QCOMPARE(s.byType.value(QStringLiteral("INSERT")), 11);
        QCOMPARE(s.byType.value(QStringLiteral("SELECT")), 20);
        QCOMPARE(s.errorsByCode.value(SQLITE_CONSTRAINT_UNIQUE), 1);
        QVERIFY(s.p50Ns > 0 && s.p50Ns <= s.p95Ns && s.p95Ns <= s.p99Ns && s.p99Ns <= s.maxNs);
        QCOMPARE(s.slowQueries.size(), 3);
        QCOMPARE(s.slowQueries.last().sql, QStringLiteral("SELECT v FROM t WHERE id = ?"));
        QVERIFY(s.statementCache.hits >= 18); // the repeated SELECT and INSERT come from the cache
        QVERIFY(s.statementCache.hitRate() > 0.5);
        m.removeSink(metrics);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
