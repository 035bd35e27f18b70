// litehouse-bench-history [--items N] [--runs R]
//
// 1. Recording cost on the recording thread (HistoryRecorder::record, which
//    maps the OperationRecord and appends to the buffer), p50 and p99:
//    a) with a bound large enough that back-pressure never engages,
//    b) with the default capacity/tolerance at full speed (waits included).
// 2. Flush throughput: N items already in the buffer, one flush.
// 3. Export of N items to CSV and JSON, side by side with the sqlite3 CLI
//    writing the same rows (same columns, same ISO timestamps) with
//    `.mode csv` / `.mode json` from the same history database.
// Every figure is printed as min and median over R runs (default 3).

#include <core/history/historyexport.h>
#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>
#include <core/manager.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace Litehouse;
using Clock = std::chrono::steady_clock;

namespace {

struct Stat
{
    QList<double> values;
    void add(double v) { values.append(v); }
    double min() const { return *std::min_element(values.begin(), values.end()); }
    double median() const
    {
        QList<double> s = values;
        std::sort(s.begin(), s.end());
        return s.size() % 2 ? s.at(s.size() / 2) : (s.at(s.size() / 2 - 1) + s.at(s.size() / 2)) / 2;
    }
};

void print(const char *what, const Stat &s, const char *unit)
{
    printf("  %-52s min %10.3f  median %10.3f  %s\n", what, s.min(), s.median(), unit);
}

OperationRecord makeRecord(qint64 n)
{
    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = QStringLiteral("/home/user/data/shop.db");
    op.sql = QStringLiteral("SELECT id, name, price FROM products WHERE id = ?");
    op.params = QStringLiteral("[%1]").arg(n);
    op.paramsJson = op.params;
    op.kind = OperationRecord::Kind::Query;
    op.rowsReturned = 1;
    op.durationNs = 12345 + n % 1000;
    return op;
}

HistoryItem makeItem(qint64 n, qint64 t0)
{
    HistoryItem it;
    it.timestampMs = t0 + n;
    it.database = QStringLiteral("/home/user/data/shop.db");
    it.sql = QStringLiteral("SELECT id, name, price FROM products WHERE id = %1").arg(n);
    it.params = n % 2 ? QStringLiteral("[%1,\"text, with comma\"]").arg(n) : QString();
    it.kind = QStringLiteral("query");
    it.outcome = n % 50 ? QStringLiteral("ok") : QStringLiteral("error");
    if (n % 50 == 0)
        it.error = QStringLiteral("no such column: \"nme\"");
    it.rowsReturned = n % 7;
    it.rowsAffected = 0;
    it.durationMs = double(n % 100000) / 1000.0;
    return it;
}

// p50/p99 in microseconds of `count` record() calls from a worker thread.
std::pair<double, double> recordingCost(const QString &path, const HistoryStoreOptions &o, int count, qint64 *waits)
{
    auto store = std::make_shared<HistoryStore>(path, o);
    HistoryRecorder recorder(store);
    QList<OperationRecord> ops;
    ops.reserve(count);
    for (int i = 0; i < count; ++i)
        ops.append(makeRecord(i));
    std::vector<qint64> ns(size_t(count), 0);
    std::thread worker([&] {
        for (int i = 0; i < count; ++i) {
            const auto a = Clock::now();
            recorder.record(ops.at(i));
            ns[size_t(i)] = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - a).count();
        }
    });
    worker.join();
    *waits = store->buffer().waits();
    store->shutdown();
    std::sort(ns.begin(), ns.end());
    return {ns[size_t(count) / 2] / 1000.0, ns[size_t(count) * 99 / 100] / 1000.0};
}

double runSqlite3(const QString &db, const QString &mode, const QString &out)
{
    const QString sql = QStringLiteral(
        "SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', ts / 1000.0, 'unixepoch') AS timestamp, database, alias, sql, params,"
        " kind, outcome, error, rows_returned, rows_affected, duration_ms FROM history ORDER BY id");
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("sqlite3"), {QStringLiteral("-cmd"), QStringLiteral(".mode ") + mode, QStringLiteral("-cmd"),
                                        QStringLiteral(".headers on"), QStringLiteral("-cmd"), QStringLiteral(".output ") + out,
                                        db, sql});
    p.waitForFinished(-1);
    const double ms = t.nsecsElapsed() / 1e6;
    if (p.exitCode() != 0)
        fprintf(stderr, "sqlite3 failed: %s\n", p.readAllStandardError().constData());
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 items = 1000000;
    int runs = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--items"))
            items = args.at(i + 1).toLongLong();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = qMax(1, args.at(i + 1).toInt());
    }
    QTemporaryDir dir;
    printf("litehouse-bench-history: %lld items, %d runs (min and median over runs)\n", items, runs);

    // 1. Recording cost.
    const int recordCount = 200000;
    Stat freeP50, freeP99, fullP50, fullP99, fullWaits;
    for (int r = 0; r < runs; ++r) {
        qint64 waits = 0;
        HistoryStoreOptions unbounded;
        unbounded.capacity = 1000;
        unbounded.tolerance = recordCount * 2; // flushes start at 1000 items but nobody ever waits
        auto [p50, p99] = recordingCost(dir.filePath(QStringLiteral("rec-free-%1.db").arg(r)), unbounded, recordCount, &waits);
        freeP50.add(p50);
        freeP99.add(p99);
        auto [q50, q99] = recordingCost(dir.filePath(QStringLiteral("rec-full-%1.db").arg(r)), {}, recordCount, &waits);
        fullP50.add(q50);
        fullP99.add(q99);
        fullWaits.add(double(waits));
    }
    printf("recording cost per record() on a worker thread, %d records:\n", recordCount);
    print("p50, no back-pressure", freeP50, "us");
    print("p99, no back-pressure", freeP99, "us");
    print("p50, default bound (1000+4000), full speed", fullP50, "us");
    print("p99, default bound (1000+4000), full speed", fullP99, "us");
    print("pushes that waited (back-pressure), default bound", fullWaits, "");

    // 2. Flush throughput, 3. export.
    Stat flushRate, flushMs, readMs, csvMs, jsonMs, sqCsvMs, sqJsonMs, csvMb, jsonMb;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    for (int r = 0; r < runs; ++r) {
        const QString db = dir.filePath(QStringLiteral("flush-%1.db").arg(r));
        HistoryStoreOptions o;
        o.capacity = items + 1;
        o.tolerance = 0;
        o.flushIntervalMs = 3600 * 1000;
        auto store = std::make_unique<HistoryStore>(db, o);
        for (qint64 n = 0; n < items; ++n)
            store->record(makeItem(n, t0)); // the owner thread: never waits
        QElapsedTimer t;
        t.start();
        auto written = await(store->flush());
        const double fms = t.nsecsElapsed() / 1e6;
        if (!written || written.value() != items) {
            fprintf(stderr, "flush failed\n");
            return 1;
        }
        flushMs.add(fms);
        flushRate.add(double(items) / (fms / 1000.0));

        HistoryQuery q;
        q.oldestFirst = true;
        t.restart();
        auto page = await(store->query(q));
        readMs.add(t.nsecsElapsed() / 1e6);
        store.reset();
        const QList<HistoryItem> all = page.value().items;

        const QString csv = dir.filePath(QStringLiteral("out-%1.csv").arg(r));
        const QString json = dir.filePath(QStringLiteral("out-%1.json").arg(r));
        t.restart();
        if (!HistoryExport::write(csv, all, {ExportFormat::Csv, ExportMode::Overwrite, false}))
            return 1;
        csvMs.add(t.nsecsElapsed() / 1e6);
        t.restart();
        if (!HistoryExport::write(json, all, {ExportFormat::Json, ExportMode::Overwrite, false}))
            return 1;
        jsonMs.add(t.nsecsElapsed() / 1e6);
        csvMb.add(QFileInfo(csv).size() / 1e6);
        jsonMb.add(QFileInfo(json).size() / 1e6);
        QFile::remove(csv);
        QFile::remove(json);
        sqCsvMs.add(runSqlite3(db, QStringLiteral("csv"), csv));
        sqJsonMs.add(runSqlite3(db, QStringLiteral("json"), json));
        QFile::remove(csv);
        QFile::remove(json);
        QFile::remove(db);
    }
    printf("flush of %lld items (one flush, one transaction):\n", items);
    print("flush time", flushMs, "ms");
    print("flush throughput", flushRate, "items/s");
    printf("export of %lld items (file sizes: CSV %.1f MB, JSON %.1f MB):\n", items, csvMb.median(), jsonMb.median());
    print("read the items from the history db (query)", readMs, "ms");
    print("Litehouse CSV export (merge + atomic write)", csvMs, "ms");
    print("sqlite3 CLI .mode csv (process, read + write)", sqCsvMs, "ms");
    print("Litehouse JSON export (merge + atomic write)", jsonMs, "ms");
    print("sqlite3 CLI .mode json (process, read + write)", sqJsonMs, "ms");
    return 0;
}
