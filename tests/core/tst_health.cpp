#include "testutil.h"

#include <core/maintenance/healthmonitor.h>
#include <core/maintenance/maintenance.h>

#include <QFile>
#include <QSignalSpy>

using namespace Litehouse;
using namespace LitehouseTest;

using State = HealthMonitor::State;

class TestHealth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static qint64 count(Manager &m, const QString &db)
    {
        auto r = await(m.execute(db, QStringLiteral("SELECT count(*) FROM t")));
        return r ? r.value().rows.at(0, 0).toInt() : -1;
    }

private Q_SLOTS:
    void backoffDoubles()
    {
        Manager m;
        HealthMonitor h(m);
        h.setBackoff(100, 1000);
        QCOMPARE(h.backoffDelayMs(1), 100);
        QCOMPARE(h.backoffDelayMs(2), 200);
        QCOMPARE(h.backoffDelayMs(4), 800);
        QCOMPARE(h.backoffDelayMs(5), 1000);
        QCOMPARE(h.backoffDelayMs(60), 1000);
    }

    void downWhenMovedBackWhenRestored()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("moved.db"));
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);"))).ok());
        HealthMonitor h(m);
        h.setBackoff(20, 200);
        QSignalSpy spy(&h, &HealthMonitor::healthChanged);
        h.watch(p, 30);
        QTRY_VERIFY(h.status(p).checked);
        QCOMPARE(h.status(p).state, State::Healthy);
        QCOMPARE(spy.count(), 1); // the first check reports the initial state

        const QString away = p + QStringLiteral(".away");
        QVERIFY(QFile::rename(p, away));
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Down, 5000);
        QVERIFY2(h.status(p).reason.contains(QLatin1String("deleted or moved")), qPrintable(h.status(p).reason));
        QCOMPARE(spy.last().at(1).value<State>(), State::Down);
        QVERIFY(!QFile::exists(p)); // never recreated

        QVERIFY(QFile::rename(away, p));
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Healthy, 5000);
        QCOMPARE(spy.last().at(1).value<State>(), State::Healthy);
        QCOMPARE(count(m, p), 2);
    }

    void downWhenDeletedBackWhenReplacedByACopy()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("deleted.db"));
        QVERIFY(LH_OK(m.open(p, {}, QStringLiteral("del"))).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);"))).ok());
        QVERIFY(LH_OK(Maintenance(m, p).checkpoint(CheckpointMode::Truncate)).ok());
        const QString saved = m_dir.filePath(QStringLiteral("deleted.saved"));
        QVERIFY(QFile::copy(p, saved));
        HealthMonitor h(m);
        h.setBackoff(20, 200);
        QSignalSpy spy(&h, &HealthMonitor::healthChanged);
        h.watch(QStringLiteral("del"), 30);
        QTRY_VERIFY(h.status(QStringLiteral("del")).checked);
        QCOMPARE(h.status(QStringLiteral("del")).state, State::Healthy);

        QVERIFY(QFile::remove(p));
        QTRY_COMPARE_WITH_TIMEOUT(h.status(QStringLiteral("del")).state, State::Down, 5000);
        QVERIFY(h.status(QStringLiteral("del")).reason.contains(QLatin1String("deleted")));
        QTest::qWait(300);
        QVERIFY(h.status(QStringLiteral("del")).failures >= 2); // it keeps checking, with backoff
        QVERIFY(!QFile::exists(p));

        // Restored from the copy: another file at the same path. The monitor
        // notices the new identity, reconnects and comes back.
        QVERIFY(QFile::copy(saved, p));
        QTRY_COMPARE_WITH_TIMEOUT(h.status(QStringLiteral("del")).state, State::Healthy, 5000);
        bool sawReplaced = false;
        for (const auto &s : spy)
            sawReplaced |= s.at(2).toString().contains(QLatin1String("replaced"));
        QVERIFY(sawReplaced);
        QVERIFY(m.isOpen(QStringLiteral("del")));
        QCOMPARE(count(m, QStringLiteral("del")), 3);
        // Writes reach the restored file, not the deleted one.
        QVERIFY(LH_OK(m.execute(QStringLiteral("del"), QStringLiteral("INSERT INTO t VALUES (4)"))).ok());
        QVERIFY(LH_OK(Maintenance(m, p).checkpoint(CheckpointMode::Truncate)).ok());
        QCOMPARE(QString::fromUtf8(sqlite3Shell(p, {QStringLiteral("-cmd"), QStringLiteral("SELECT count(*) FROM t")})).trimmed(),
                 QStringLiteral("4"));
    }

    void replacedByAnotherFileGoesDownThenReconnects()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("replaced.db"));
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);"))).ok());
        // A WAL left beside a replaced file would be replayed onto the new one
        // by SQLite itself: a restore replaces a checkpointed database.
        QVERIFY(LH_OK(Maintenance(m, p).checkpoint(CheckpointMode::Truncate)).ok());
        HealthMonitor h(m);
        h.setBackoff(20, 200);
        QSignalSpy spy(&h, &HealthMonitor::healthChanged);
        h.watch(p, 30);
        QTRY_VERIFY(h.status(p).checked);
        // Another database moved over it (what a restore tool does).
        const QString other = m_dir.filePath(QStringLiteral("other.db"));
        int code = -1;
        sqlite3Shell(other, {}, "CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3), (4), (5);", &code);
        QCOMPARE(code, 0);
        QVERIFY(QFile::remove(p));
        QVERIFY(QFile::rename(other, p));
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 3, 5000); // Down (replaced), then Healthy
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Healthy, 5000);
        QCOMPARE(spy.at(1).at(1).value<State>(), State::Down);
        QVERIFY(spy.at(1).at(2).toString().contains(QLatin1String("replaced")));
        QCOMPARE(count(m, p), 5);
    }

    void staysDownWhileTheFileIsNoDatabase()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("garbage.db"));
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (7);"))).ok());
        QVERIFY(LH_OK(Maintenance(m, p).checkpoint(CheckpointMode::Truncate)).ok());
        const QString saved = m_dir.filePath(QStringLiteral("garbage.saved"));
        QVERIFY(QFile::copy(p, saved));
        HealthMonitor h(m);
        h.setBackoff(20, 100);
        h.watch(p, 30);
        QTRY_VERIFY(h.status(p).checked);
        // Something overwrites the path with a file that is not a database.
        const QString junk = m_dir.filePath(QStringLiteral("junk"));
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        QVERIFY(QFile::remove(p));
        QVERIFY(QFile::rename(junk, p));
        QTRY_VERIFY_WITH_TIMEOUT(h.status(p).reason.startsWith(QLatin1String("reconnect failed")), 5000);
        QCOMPARE(h.status(p).state, State::Down);
        // Between two retries: the next one (20 ms of backoff later) registers
        // the path again while its open is in flight, and a slow run (TSan,
        // a loaded machine) can already be there.
        QTRY_VERIFY_WITH_TIMEOUT(!m.isOpen(p), 5000);
        const int failures = h.status(p).failures;
        QTest::qWait(400);
        QVERIFY(h.status(p).failures > failures); // still retrying, with backoff
        QCOMPARE(h.status(p).state, State::Down);
        // The good file comes back: reconnected, Healthy, the data is there.
        QVERIFY(QFile::remove(p));
        QVERIFY(QFile::copy(saved, p));
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Healthy, 5000);
        QVERIFY(m.isOpen(p));
        QCOMPARE(count(m, p), 1);
    }

    void degradedWhileATransactionHoldsTheWriter()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("locked.db"));
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        HealthMonitor h(m);
        h.setLockThresholdMs(150);
        h.watch(p, 30);
        QTRY_VERIFY(h.status(p).checked);
        QVERIFY(LH_OK(m.begin(p, Manager::BeginMode::Immediate)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Degraded, 5000);
        QVERIFY2(h.status(p).reason.contains(QLatin1String("transaction")), qPrintable(h.status(p).reason));
        QVERIFY(LH_OK(m.rollback(p)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(h.status(p).state, State::Healthy, 5000);
        h.unwatch(p);
        QVERIFY(!h.isWatching(p));
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
