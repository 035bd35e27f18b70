// 8 writers and 16 readers across two processes (this one and a helper)
// for a bounded time on one WAL database: a watchdog fails the run on a
// deadlock, no error may escape the busy retries, the WAL stays below its
// limit, and the row counts add up. LITEHOUSE_STRESS_SECONDS sets the time (5).

#include "../core/testutil.h"
#include "stressworkers.h"
#include "sweeputil.h"

#include <QDir>
#include <QProcess>

#include <condition_variable>
#include <mutex>

using namespace Litehouse;
using namespace LitehouseTest;

class TestStress : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void writersAndReadersInTwoProcesses()
    {
        const qint64 seconds = qEnvironmentVariableIsSet("LITEHOUSE_STRESS_SECONDS") ? qEnvironmentVariableIntValue("LITEHOUSE_STRESS_SECONDS") : 5;
        const QString db = QDir(m_tmp.path()).canonicalPath() + QStringLiteral("/stress.db");
        {
            Manager m;
            QVERIFY(LH_OK(m.open(db, stressOptions())).ok());
            QVERIFY(LH_OK(m.execute(db, QStringLiteral("CREATE TABLE s(id INTEGER PRIMARY KEY, proc INTEGER, writer INTEGER, n INTEGER, pad BLOB)"))).ok());
            QVERIFY(LH_OK(m.close(db)).ok());
        }

        // The watchdog: a run that is not over well after its deadline is deadlocked.
        std::mutex mx;
        std::condition_variable cv;
        bool finished = false;
        std::thread watchdog([&] {
            std::unique_lock lock(mx);
            if (!cv.wait_for(lock, std::chrono::seconds(seconds + 60), [&] { return finished; }))
                qFatal("stress: still running 60 s after the deadline: deadlock");
        });

        Manager m;
        QVERIFY(LH_OK(m.open(db, stressOptions())).ok());
        QVERIFY(stressConfigure(m, db));
        const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + seconds * 1000;
        QProcess helper;
        helper.start(QStringLiteral(STRESS_HELPER), {db, QString::number(deadline), QStringLiteral("4"), QStringLiteral("8")});
        QVERIFY(helper.waitForStarted());
        StressTotals t;
        runStress(m, db, 1, 4, 8, deadline, t);
        QVERIFY(helper.waitForFinished(60000));
        const QByteArray helperErr = helper.readAllStandardError();
        QCOMPARE(helper.exitCode(), 0);
        const QList<QByteArray> h = helper.readAllStandardOutput().trimmed().split(' ');
        QCOMPARE(h.size(), 5);
        {
            std::lock_guard lock(mx);
            finished = true;
        }
        cv.notify_all();
        watchdog.join();

        QVERIFY2(t.errors.load() == 0, qPrintable(t.firstError));
        QVERIFY2(h[2].toLongLong() == 0, helperErr.constData());
        const qint64 writes = t.writes.load() + h[0].toLongLong();
        const qint64 maxWal = qMax(t.maxWalBytes.load(), h[4].toLongLong());
        QVERIFY(t.writes.load() > 0 && h[0].toLongLong() > 0);
        auto count = LH_OK(m.execute(db, QStringLiteral("SELECT count(*), count(DISTINCT proc || '.' || writer || '.' || n) FROM s")));
        QCOMPARE(count.value().rows.at(0, 0).toInt(), writes);
        QCOMPARE(count.value().rows.at(0, 1).toInt(), writes); // no row twice
        auto perProc = LH_OK(m.execute(db, QStringLiteral("SELECT count(*) FROM s WHERE proc = 1")));
        QCOMPARE(perProc.value().rows.at(0, 0).toInt(), t.writes.load());
        // The WAL: checkpointed every 200 pages (~800 KiB) and cut back to
        // 1 MiB when reset; readers that pin old frames let it run past the
        // checkpoint size for a while, but never unbounded.
        QVERIFY2(maxWal <= 8 * stressJournalSizeLimit, qPrintable(QStringLiteral("WAL reached %1 bytes").arg(maxWal)));
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(integrity(db), QStringLiteral("ok"));
        QVERIFY(QFileInfo(db + QStringLiteral("-wal")).size() <= stressJournalSizeLimit);
        qInfo("%lld s: %lld writes (%lld + %lld), %lld reads, %lld busy retries, 0 errors, largest WAL %lld bytes",
              seconds, writes, t.writes.load(), h[0].toLongLong(), t.reads.load() + h[1].toLongLong(),
              t.retries.load() + h[3].toLongLong(), maxWal);
    }
};

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
