// The history store: recording, background flushes (size, interval,
// shutdown), retries, back-pressure, ordering across threads, queries, the
// recorder on a real Manager, and a SIGKILL while recording at full speed.

#include "testutil.h"

#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>

#include <QElapsedTimer>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

HistoryItem make(const QString &sql, qint64 ts = 1795842760000LL, const QString &outcome = QStringLiteral("ok"),
                 const QString &error = {}, const QString &db = QStringLiteral("/db/a.db"), const QString &kind = QStringLiteral("query"))
{
    HistoryItem it;
    it.timestampMs = ts;
    it.database = db;
    it.sql = sql;
    it.kind = kind;
    it.outcome = outcome;
    it.error = error;
    return it;
}

qint64 shellCount(const QString &db)
{
    return sqlite3Shell(db, {QStringLiteral("-cmd"), QStringLiteral("SELECT count(*) FROM history")}).trimmed().toLongLong();
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    QString fresh() { return m_dir.filePath(QStringLiteral("h%1/history.db").arg(++m_n)); } // folder created by the store

private Q_SLOTS:
    void queriesFilterPageAndCount()
    {
        HistoryStore store(fresh());
        const qint64 t0 = 1795842760000LL;
        store.record(make(QStringLiteral("SELECT * FROM Größe"), t0));
        store.record(make(QStringLiteral("insert into t values (1)"), t0 + 1000, QStringLiteral("error"),
                          QStringLiteral("UNIQUE constraint failed: t.id")));
        store.record(make(QStringLiteral("BEGIN"), t0 + 2000, QStringLiteral("ok"), {}, QStringLiteral("/db/b.db"), QStringLiteral("begin")));
        store.record(make(QStringLiteral("SELECT 4"), t0 + 3000, QStringLiteral("cancelled"), QStringLiteral("interrupted")));
        store.record(make(QStringLiteral("select unique_name from x"), t0 + 4000));

        auto all = await(store.query({}));
        QVERIFY2(all.ok(), qPrintable(all.error().message()));
        QCOMPARE(all.value().total, 5);
        QCOMPARE(all.value().items.size(), 5);
        QCOMPARE(all.value().items.first().sql, QStringLiteral("select unique_name from x")); // newest first
        QCOMPARE(all.value().items.last().sql, QStringLiteral("SELECT * FROM Größe"));
        QCOMPARE(all.value().byOutcome.value(QStringLiteral("ok")), 3);
        QCOMPARE(all.value().byOutcome.value(QStringLiteral("error")), 1);
        QVERIFY(all.value().items.first().id > all.value().items.last().id);

        HistoryQuery q;
        q.text = QStringLiteral("gröSSE"); // case-insensitive beyond ASCII ("ß" is not "SS": no match)
        QCOMPARE(await(store.query(q)).value().total, 0);
        q.text = QStringLiteral("GRÖßE");
        QCOMPARE(await(store.query(q)).value().total, 1);
        q.text = QStringLiteral("UNIQUE"); // in the SQL of one, the error of another
        auto u = await(store.query(q)).value();
        QCOMPARE(u.total, 2);
        QCOMPARE(u.byOutcome.value(QStringLiteral("error")), 1);

        HistoryQuery range;
        range.sinceMs = t0 + 1000;
        range.untilMs = t0 + 3000; // both bounds inclusive
        QCOMPARE(await(store.query(range)).value().total, 3);
        range.database = QStringLiteral("/db/b.db");
        QCOMPARE(await(store.query(range)).value().total, 1);

        HistoryQuery kinds;
        kinds.kinds = {QStringLiteral("begin")};
        QCOMPARE(await(store.query(kinds)).value().items.value(0).sql, QStringLiteral("BEGIN"));
        HistoryQuery outcomes;
        outcomes.outcomes = {QStringLiteral("error"), QStringLiteral("cancelled")};
        QCOMPARE(await(store.query(outcomes)).value().total, 2);

        HistoryQuery page;
        page.limit = 2;
        page.offset = 2;
        auto p = await(store.query(page)).value();
        QCOMPARE(p.total, 5);
        QCOMPARE(p.items.size(), 2);
        QCOMPARE(p.items.at(0).sql, QStringLiteral("BEGIN"));
        page.oldestFirst = true;
        QCOMPARE(await(store.query(page)).value().items.at(0).sql, QStringLiteral("BEGIN"));
        page.offset = 0;
        QCOMPARE(await(store.query(page)).value().items.at(0).sql, QStringLiteral("SELECT * FROM Größe"));
    }

    void parseTimeIsUtcWithoutZone()
    {
        const qint64 utc = QDateTime(QDate(2026, 11, 28), QTime(5, 12, 40, 123), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28T05:12:40.123")), utc);
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28T05:12:40.123Z")), utc);
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28T07:12:40.123+02:00")), utc);
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28T05:12:40")), utc - 123);
        const qint64 day = QDateTime(QDate(2026, 11, 28), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28")), day);
        QCOMPARE(HistoryQuery::parseTime(QStringLiteral("2026-11-28"), true), day + 86400000 - 1);
        QVERIFY(!HistoryQuery::parseTime(QStringLiteral("yesterday")));
        QVERIFY(!HistoryQuery::parseTime(QStringLiteral("2026-13-40")));
    }

    void flushOnIntervalIntoWal()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.flushIntervalMs = 100;
        std::unique_ptr<SignalLog<qint64>> flushed;
        HistoryStore store(path, o);
        flushed = std::make_unique<SignalLog<qint64>>(&store, &HistoryStore::flushed);
        for (int i = 0; i < 3; ++i)
            store.record(make(QStringLiteral("SELECT %1").arg(i)));
        QTRY_VERIFY_WITH_TIMEOUT(store.flushCount() >= 1, 3000); // nobody asked: the interval did it
        QCOMPARE(shellCount(path), 3);
        QCOMPARE(store.buffer().size(), 0);
        QTRY_COMPARE(flushed->size(), 1);
        QCOMPARE(flushed->values().at(0), 3);
        QCOMPARE(sqlite3Shell(path, {QStringLiteral("-cmd"), QStringLiteral("PRAGMA journal_mode")}).trimmed(), QByteArray("wal"));
    }

    void flushOnSize()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.capacity = 10;
        o.flushIntervalMs = 600000;
        HistoryStore store(path, o);
        for (int i = 0; i < 9; ++i)
            store.record(make(QStringLiteral("SELECT %1").arg(i)));
        QTest::qWait(200);
        QCOMPARE(store.flushCount(), 0); // below capacity, long interval: nothing yet
        store.record(make(QStringLiteral("SELECT 9")));
        QTRY_VERIFY_WITH_TIMEOUT(store.flushCount() >= 1, 3000);
        QCOMPARE(shellCount(path), 10);
    }

    void shutdownAwaitsTheLastFlush()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.flushIntervalMs = 600000;
        {
            HistoryStore store(path, o);
            for (int i = 0; i < 250; ++i)
                store.record(make(QStringLiteral("SELECT %1").arg(i)));
            QCOMPARE(store.flushCount(), 0);
        }
        QCOMPARE(shellCount(path), 250);
    }

    void failedFlushIsReportedAndRetried()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.flushIntervalMs = 50;
        std::unique_ptr<SignalLog<QString>> failed;
        HistoryStore store(path, o);
        failed = std::make_unique<SignalLog<QString>>(&store, &HistoryStore::flushFailed);
        store.failFlushesForTesting(2);
        for (int i = 0; i < 5; ++i)
            store.record(make(QStringLiteral("SELECT %1").arg(i)));
        QTRY_VERIFY_WITH_TIMEOUT(store.flushCount() == 1, 5000);
        QCOMPARE(failed->size(), 2);
        QVERIFY(failed->values().at(0).contains(path));
        auto page = await(store.query({}));
        QCOMPARE(page.value().total, 5); // kept in memory while failing, written once, no duplicates
        QCOMPARE(shellCount(path), 5);
    }

    void failingFlushRetriesAtABoundedRateWhileRecordersWait()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.capacity = 10;
        o.tolerance = 10;
        o.flushIntervalMs = 1000; // retries after a failure come every 200 ms
        std::unique_ptr<SignalLog<QString>> failed;
        HistoryStore store(path, o);
        failed = std::make_unique<SignalLog<QString>>(&store, &HistoryStore::flushFailed);
        // When each failure happened, taken on the flushing thread itself.
        QElapsedTimer clock;
        clock.start();
        std::mutex timesMutex;
        std::vector<qint64> times;
        connect(&store, &HistoryStore::flushFailed, &store, [&](const QString &) {
            std::lock_guard lock(timesMutex);
            times.push_back(clock.elapsed());
        }, Qt::DirectConnection);
        store.failFlushesForTesting(1000000);
        std::atomic<int> done{0};
        std::thread worker([&] {
            for (int n = 0; n < 100; ++n) {
                store.record(make(QStringLiteral("r %1").arg(n)));
                ++done;
            }
        });
        // Stuck at the bound while flushes keep failing: waiting, not dropping.
        QTRY_VERIFY_WITH_TIMEOUT(done.load() == 20 && failed->size() >= 3, 30000);
        QCOMPARE(done.load(), 20);
        {
            // A bounded rate: retries never come faster than their interval
            // (a lower bound holds on any machine; Qt's coarse timers may fire
            // up to 5% early).
            std::lock_guard lock(timesMutex);
            for (size_t i = 1; i < times.size(); ++i)
                QVERIFY2(times[i] - times[i - 1] >= 190, qPrintable(QStringLiteral("retry %1 came %2 ms after the last")
                                                                         .arg(i).arg(times[i] - times[i - 1])));
        }
        store.failFlushesForTesting(0);
        worker.join();
        QVERIFY(await(store.flush()).ok());
        QCOMPARE(shellCount(path), 100);
        QVERIFY(store.lastFlushError().isEmpty());
    }

    void unwritableHistoryFileFailsClearly()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        HistoryStore store(blocker + QStringLiteral("/history.db"));
        store.record(make(QStringLiteral("SELECT 1")));
        auto r = await(store.flush());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(blocker), qPrintable(r.error().message()));
        QCOMPARE(store.buffer().size(), 1); // still in memory
        QVERIFY(store.lastFlushError().contains(blocker));
        QVERIFY(!store.shutdown());          // and reported as lost at shutdown
    }

    void orderingPreservedAcrossThreads()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.capacity = 64;
        o.tolerance = 64;
        o.flushIntervalMs = 5;
        HistoryStore store(path, o);
        constexpr int threads = 6, perThread = 3000;
        std::vector<std::thread> ts;
        for (int t = 0; t < threads; ++t)
            ts.emplace_back([&store, t] {
                for (int n = 0; n < perThread; ++n)
                    store.record(make(QStringLiteral("%1 %2").arg(t).arg(n)));
            });
        for (auto &t : ts)
            t.join();
        HistoryQuery q;
        q.oldestFirst = true;
        auto page = await(store.query(q));
        QVERIFY(page.ok());
        const auto &items = page.value().items;
        QCOMPARE(items.size(), threads * perThread);
        QList<int> next(threads, 0);
        qint64 lastId = 0;
        for (const HistoryItem &it : items) {
            QVERIFY(it.id > lastId);
            lastId = it.id;
            const QStringList parts = it.sql.split(QLatin1Char(' '));
            const int t = parts.at(0).toInt();
            QCOMPARE(parts.at(1).toInt(), next[t]); // each thread's items in the order it recorded them
            ++next[t];
        }
        QVERIFY(store.flushCount() > 1);
    }

    void backPressureWaitsInsteadOfDropping()
    {
        const QString path = fresh();
        HistoryStoreOptions o;
        o.capacity = 50;
        o.tolerance = 50;
        o.flushIntervalMs = 10;
        HistoryStore store(path, o);
        store.setFlushDelayForTesting(50);
        std::atomic<qsizetype> maxSize{0};
        std::thread worker([&] {
            for (int n = 0; n < 1000; ++n) {
                store.record(make(QStringLiteral("w %1").arg(n)));
                const qsizetype s = store.buffer().size();
                if (s > maxSize.load())
                    maxSize.store(s);
            }
        });
        worker.join();
        QVERIFY2(store.buffer().waits() > 0, "a recording thread never waited");
        QVERIFY2(maxSize.load() <= o.capacity + o.tolerance, qPrintable(QString::number(maxSize.load())));
        store.setFlushDelayForTesting(0);
        QVERIFY(await(store.flush()).ok());
        QCOMPARE(shellCount(path), 1000); // nothing dropped
        QCOMPARE(sqlite3Shell(path, {QStringLiteral("-cmd"),
                                     QStringLiteral("SELECT count(*) FROM history WHERE sql != 'w ' || (id - 1)")}).trimmed(),
                 QByteArray("0"));
    }

    void ownerThreadNeverWaits()
    {
        HistoryStoreOptions o;
        o.capacity = 10;
        o.tolerance = 10;
        o.flushIntervalMs = 10;
        HistoryStore store(fresh(), o);
        store.setFlushDelayForTesting(500);
        for (int n = 0; n < 500; ++n) // the test thread created the store: it is the owner (the UI thread)
            store.record(make(QStringLiteral("ui %1").arg(n)));
        QCOMPARE(store.buffer().waits(), 0); // never waited for the slow flush
        QVERIFY(store.buffer().size() > o.capacity + o.tolerance); // allowed past the bound instead of blocking
        store.setFlushDelayForTesting(0);
        QVERIFY(store.shutdown());
    }

    void recorderMapsManagerOperations()
    {
        const QString hpath = fresh();
        auto store = std::make_shared<HistoryStore>(hpath);
        Manager m;
        m.addSink(std::make_shared<HistoryRecorder>(store));
        const QString db = m_dir.filePath(QStringLiteral("rec.db"));
        QVERIFY(LH_OK(m.open(db, {}, QStringLiteral("main"))).ok());
        QVERIFY(LH_OK(m.execute(QStringLiteral("main"), QStringLiteral("CREATE TABLE t(x)"))).ok());
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("INSERT INTO t VALUES (?), (?)"), {Value(1), Value(QStringLiteral("a"))})).ok());
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("SELECT x FROM t"))).ok());
        QVERIFY(!await(m.execute(db, QStringLiteral("SELECT * FROM nope"))).ok());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        HistoryQuery q;
        q.oldestFirst = true;
        auto page = await(store->query(q));
        QVERIFY(page.ok());
        const auto &items = page.value().items;
        QVERIFY(items.size() >= 4);
        const HistoryItem &create = items.at(items.size() - 4);
        QCOMPARE(create.sql, QStringLiteral("CREATE TABLE t(x)"));
        QCOMPARE(create.alias, QStringLiteral("main"));
        const HistoryItem &ins = items.at(items.size() - 3);
        QCOMPARE(ins.params, QStringLiteral("[1,\"a\"]"));
        QCOMPARE(ins.rowsAffected, 2);
        QCOMPARE(ins.kind, QStringLiteral("query"));
        QCOMPARE(ins.outcome, QStringLiteral("ok"));
        QVERIFY(ins.database.endsWith(QStringLiteral("rec.db")));
        QVERIFY(ins.alias.isEmpty());
        QVERIFY(ins.durationMs > 0);
        QVERIFY(qAbs(ins.timestampMs - before) < 10000);
        QCOMPARE(items.at(items.size() - 2).rowsReturned, 2);
        const HistoryItem &bad = items.last();
        QCOMPARE(bad.outcome, QStringLiteral("error"));
        QCOMPARE(bad.error, QStringLiteral("no such table: nope"));
        // Reading the history is not itself recorded.
        const qint64 total = page.value().total;
        QCOMPARE(await(store->query(q)).value().total, total);
    }

    void recorderOrderAcrossManagerThreads()
    {
        auto store = std::make_shared<HistoryStore>(fresh());
        Manager m;
        m.addSink(std::make_shared<HistoryRecorder>(store));
        const QString db = m_dir.filePath(QStringLiteral("threads.db"));
        QVERIFY(LH_OK(m.open(db)).ok());
        std::vector<std::thread> ts;
        for (int t = 0; t < 4; ++t)
            ts.emplace_back([&m, db, t] {
                ExecOptions o;
                o.route = Route::Reader;
                for (int n = 0; n < 100; ++n)
                    await(m.execute(db, QStringLiteral("SELECT %1, %2").arg(t).arg(n), {}, o));
            });
        for (auto &t : ts)
            t.join();
        HistoryQuery q;
        q.oldestFirst = true;
        q.text = QStringLiteral("SELECT ");
        auto items = await(store->query(q)).value().items;
        QCOMPARE(items.size(), 400);
        std::sort(items.begin(), items.end(), [](const HistoryItem &a, const HistoryItem &b) { return a.id < b.id; });
        QList<int> next(4, 0);
        for (const HistoryItem &it : items) {
            const QStringList p = it.sql.mid(7).split(QStringLiteral(", "));
            QCOMPARE(p.at(1).toInt(), next[p.at(0).toInt()]++);
        }
    }

    void sigkillLosesAtMostOneInterval()
    {
        const QString path = fresh();
        Child p;
        QVERIFY(p.start(QStringLiteral(WRITER_HELPER), {path}));
        p.closeWrite();
        // Killed in full flow: after two flush intervals at least, and once
        // it has recorded 20,000 items, however long that takes here.
        QByteArray output;
        qint64 recorded = 0;
        QElapsedTimer running;
        running.start();
        while ((recorded < 20000 || running.elapsed() < 2600) && p.waitForOutput(60000)) {
            output += p.takeOutput();
            const QList<QByteArray> lines = output.trimmed().split('\n');
            recorded = lines.last().split(' ').at(0).toLongLong();
        }
        QVERIFY2(recorded >= 20000, output.right(200).constData());
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        p.kill(); // SIGKILL
        QVERIFY(p.waitForFinished(5000));
        QVERIFY(p.crashed());

        QCOMPARE(sqlite3Shell(path, {QStringLiteral("-cmd"), QStringLiteral("PRAGMA integrity_check")}).trimmed(), QByteArray("ok"));
        const QList<QByteArray> row = sqlite3Shell(path, {QStringLiteral("-cmd"),
                                                          QStringLiteral("SELECT count(*), max(id), max(ts) FROM history")})
                                          .trimmed().split('|');
        const qint64 count = row.at(0).toLongLong();
        QCOMPARE(row.at(1).toLongLong(), count); // a prefix, no holes
        QCOMPARE(sqlite3Shell(path, {QStringLiteral("-cmd"),
                                     QStringLiteral("SELECT count(*) FROM history WHERE sql != 'n=' || (id - 1)")}).trimmed(),
                 QByteArray("0"));
        // Everything recorded up to one flush interval (1 s) before the kill
        // is on disk (0.3 s of slack for the flush's own write).
        const qint64 lastTs = row.at(2).toLongLong();
        QVERIFY2(lastTs >= killedAt - 1000 - 300, qPrintable(QStringLiteral("last item %1 ms before the kill").arg(killedAt - lastTs)));
        qInfo("recorded >= %lld, on disk %lld, newest on disk %lld ms before the kill", recorded, count, killedAt - lastTs);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
