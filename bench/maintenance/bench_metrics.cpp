// litehouse-bench-metrics: W2p (100k point selects by random id on a 100k-row
// table, all submitted at once, then awaited) with and without the Metrics
// sink installed, interleaved; prints min and median of each and the ratio.
//
//   litehouse-bench-metrics [--runs N] [--rows N] [--queries N]

#include <core/maintenance/metrics.h>
#include <core/manager.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Litehouse;

namespace {

double runW2p(Manager &m, const QString &db, int rows, int queries, quint32 seed)
{
    QRandomGenerator rng(seed);
    const QString sql = QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?");
    ExecOptions opts;
    opts.route = Route::Auto;
    std::vector<QFuture<Outcome<StatementResult>>> futures;
    futures.reserve(size_t(queries));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < queries; ++i)
        futures.push_back(m.execute(db, sql, {Value(qint64(rng.bounded(rows)) + 1)}, opts));
    qint64 found = 0;
    for (auto &f : futures) {
        auto r = await(f);
        if (!r) {
            fprintf(stderr, "query failed: %s\n", qPrintable(r.error().message()));
            std::exit(1);
        }
        found += r.value().rows.rowCount();
    }
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (found != queries) {
        fprintf(stderr, "expected %d rows, got %lld\n", queries, found);
        std::exit(1);
    }
    return ms;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 7, rows = 100000, queries = 100000;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--runs"))
            runs = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--rows"))
            rows = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--queries"))
            queries = args[i + 1].toInt();
    }
    runs = std::max(runs, 5);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("w2p.db"));
    Manager m;
    if (auto r = await(m.open(db)); !r) {
        fprintf(stderr, "open: %s\n", qPrintable(r.error().message()));
        return 1;
    }
    auto setup = await(m.executeScript(db, QStringLiteral(
        "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB);"
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < %1) "
        "INSERT INTO t SELECT i, 'name ' || i, i * 0.5, randomblob(64) FROM s;").arg(rows)));
    if (!setup) {
        fprintf(stderr, "setup: %s\n", qPrintable(setup.error().message()));
        return 1;
    }
    auto metrics = std::make_shared<Metrics>(&m);
    runW2p(m, db, rows, queries, 1); // warm-up: readers open, pages cached
    std::vector<double> without, with;
    for (int i = 0; i < runs; ++i) {
        // Interleaved, alternating which goes first, so drift hits both alike.
        for (int k = 0; k < 2; ++k) {
            const bool sink = (i + k) % 2 == 1;
            if (sink)
                m.addSink(metrics);
            const double ms = runW2p(m, db, rows, queries, quint32(100 + i));
            if (sink) {
                m.removeSink(metrics);
                with.push_back(ms);
            } else {
                without.push_back(ms);
            }
        }
    }
    // The sink's own cost, apart from the noise of a whole workload: record()
    // called directly with a typical successful point select.
    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = m.resolve(db);
    op.sql = QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?");
    op.statementType = QStringLiteral("SELECT");
    op.rowsReturned = 1;
    Metrics direct;
    constexpr int records = 2'000'000;
    QElapsedTimer rt;
    rt.start();
    for (int i = 0; i < records; ++i) {
        op.durationNs = 5000 + (i & 1023);
        direct.record(op);
    }
    const double nsPerRecord = double(rt.nsecsElapsed()) / records;
    const DatabaseMetrics s = metrics->snapshot(db);
    const double minW = *std::min_element(with.begin(), with.end());
    const double minO = *std::min_element(without.begin(), without.end());
    const double medW = median(with), medO = median(without);
    printf("W2p: %d point selects on %d rows, %d runs each, interleaved\n", queries, rows, runs);
    printf("without metrics: min %.1f ms, median %.1f ms\n", minO, medO);
    printf("with metrics:    min %.1f ms, median %.1f ms\n", minW, medW);
    printf("overhead: min %+.2f%%, median %+.2f%%\n", (minW / minO - 1) * 100, (medW / medO - 1) * 100);
    printf("record() alone: %.1f ns per operation = %.2f%% of the median W2p time per query without metrics\n",
           nsPerRecord, nsPerRecord / (medO * 1e6 / queries) * 100);
    printf("metrics saw %lld operations: p50 %.1f us, p95 %.1f us, p99 %.1f us, max %.1f us; cache hit rate %.3f\n",
           s.total, s.p50Ns / 1e3, s.p95Ns / 1e3, s.p99Ns / 1e3, s.maxNs / 1e3, s.statementCache.hitRate());
    return 0;
}
