// WAL checkpoints run on a connection of their own (OpenOptions::
// backgroundCheckpoint): the policy that places them, the WAL's size under a
// stream of small writes, PRAGMA wal_autocheckpoint, and the fallback to the
// writer when the background cannot open the file.

#include "testutil.h"

#include <core/checkpointpolicy_p.h>
#include <core/querystream.h>

#include "faultvfs.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <vector>

using namespace Litehouse;
using namespace LitehouseTest;
using Action = Litehouse::detail::CheckpointPolicy::Action;

namespace {
// Frames of 4 KiB pages and their 24-byte headers, after the WAL's header.
qint64 walFrames(const QString &db)
{
    const qint64 size = QFileInfo(db + QStringLiteral("-wal")).size();
    return size <= 32 ? 0 : (size - 32) / (4096 + 24);
}

QString scalar(Manager &m, const QString &db, const QString &sql)
{
    auto r = await(m.execute(db, sql, {}, [] { ExecOptions o; o.fetch = Fetch::one(); return o; }()));
    if (!r || r.value().rows.rowCount() == 0)
        return QStringLiteral("<%1>").arg(r ? QStringLiteral("no rows") : r.error().message());
    return r.value().rows.at(0, 0).toString();
}

// n single-row write transactions submitted at once, all awaited; false on any error.
bool writeRows(Manager &m, const QString &db, int n)
{
    std::vector<QFuture<Outcome<StatementResult>>> fs;
    fs.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        fs.push_back(m.execute(db, QStringLiteral("INSERT INTO t(v) VALUES (?)"),
                               Params{Value(QStringLiteral("row %1 %2").arg(i).arg(QString(40, QLatin1Char('x'))))}));
    bool ok = true;
    for (auto &f : fs)
        ok = await(f).ok() && ok;
    return ok;
}
// Opens db with options, runs the settings in `first` and creates t.
bool openWithTable(Manager &m, const QString &db, const OpenOptions &options, const QString &first)
{
    return await(m.open(db, options)).ok()
        && await(m.executeScript(db, first + QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"))).ok();
}
} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void policyPlacesCheckpoints()
    {
        detail::CheckpointPolicy p;
        QCOMPARE(p.afterCommit(5000, 0), Action::None);     // wal_autocheckpoint=0: never
        QCOMPARE(p.afterCommit(10, 1000), Action::None);    // the WAL started over
        QCOMPARE(p.afterCommit(999, 1000), Action::None);   // below the threshold
        QCOMPARE(p.afterCommit(1000, 1000), Action::Background);
        QCOMPARE(p.afterCommit(1050, 1000), Action::None);  // one background checkpoint at a time
        QCOMPARE(p.afterCommit(1100, 1000), Action::None);
        p.backgroundCheckpointed(1000, 1000);
        p.backgroundDone();
        // 150 frames left: the writer finishes them, and the WAL starts over.
        QCOMPARE(p.afterCommit(1150, 1000), Action::Inline);
        p.writerCheckpointed(1150, 1150);
        QCOMPARE(p.afterCommit(10, 1000), Action::None);
        // What was copied of the earlier WAL says nothing about this one.
        QCOMPARE(p.afterCommit(1000, 1000), Action::Background);
        p.backgroundDone(); // busy: nothing copied
        QCOMPARE(p.afterCommit(1200, 1000), Action::Background);
        p.backgroundCheckpointed(1200, 300); // a reader held the rest back
        p.backgroundDone();
        QCOMPARE(p.afterCommit(1300, 1000), Action::Background); // 1,000 frames left: the bulk again
        // The WAL starts over while the background still works on the old one...
        QCOMPARE(p.afterCommit(5, 1000), Action::None);
        p.backgroundCheckpointed(1300, 1300);
        p.backgroundDone();
        // ...so its report does not count for the new one.
        QCOMPARE(p.afterCommit(1400, 1000), Action::Background);
        p.backgroundDone();
        // Past the hard bound: readers must let go of the WAL (RESTART).
        QCOMPARE(p.afterCommit(4000, 1000), Action::Restart);
        p.restartFailed(4000, 1000); // a reader kept its snapshot
        // Not a wait on every commit meanwhile: the writer copies what it can...
        QCOMPARE(p.afterCommit(4100, 1000), Action::Inline);
        p.writerCheckpointed(4100, 3000);
        // ...and tries again a threshold later.
        QCOMPARE(p.afterCommit(4999, 1000), Action::Inline);
        QCOMPARE(p.afterCommit(5000, 1000), Action::Restart);
        p.restartDone(5000);
        // The WAL started over, and the back-off with it.
        QCOMPARE(p.afterCommit(3, 1000), Action::None);
        QCOMPARE(p.afterCommit(4000, 1000), Action::Restart);
        p.restartDone(4000);
        QCOMPARE(p.afterCommit(2, 1000), Action::None);
        p.backgroundBroken();
        QVERIFY(p.broken());
        QCOMPARE(p.afterCommit(999, 1000), Action::None);
        QCOMPARE(p.afterCommit(1000, 1000), Action::Inline);
    }

    void policyWithoutBackground()
    {
        detail::CheckpointPolicy p;
        QCOMPARE(p.afterCommit(99, 100, false), Action::None);
        QCOMPARE(p.afterCommit(100, 100, false), Action::Inline); // as SQLite's own
        QCOMPARE(p.afterCommit(150, 100, false), Action::Inline);
        QCOMPARE(p.afterCommit(400, 100, false), Action::Restart);
        p.restartFailed(400, 100);
        QCOMPARE(p.afterCommit(450, 100, false), Action::Inline);
        QCOMPARE(p.afterCommit(500, 100, false), Action::Restart);
        QVERIFY(!p.inFlight());
    }

    void aReaderThatKeepsItsSnapshotFailsNoWrite()
    {
        // A result read halfway keeps its snapshot, and with it the WAL:
        // no checkpoint can start the WAL over. Past the hard bound the
        // writer's RESTART checkpoint waits a bounded time, gives up, and
        // tries again later; no commit fails meanwhile. Once the reader
        // lets go, the WAL starts over.
        Manager m;
        const QString db = path("pinned.db");
        QVERIFY(openWithTable(m, db, OpenOptions(),
                              QStringLiteral("PRAGMA wal_autocheckpoint=50; PRAGMA journal_size_limit=0;")));
        QVERIFY(writeRows(m, db, 20));
        ExecOptions onReader;
        onReader.route = Route::Reader;
        auto s = await(m.stream(db, QStringLiteral("SELECT id FROM t"), {}, onReader));
        QVERIFY(s.ok());
        auto first = await(s.value()->fetch(1));
        QVERIFY(first.ok() && first.value().rowCount() == 1);
        QVERIFY(writeRows(m, db, 300));
        QCOMPARE(m.checkpointStats(db).restarts, 0);
        QVERIFY2(walFrames(db) >= 4 * 50, qPrintable(QString::number(walFrames(db))));
        // The reader still reads its snapshot: 20 rows, not 320.
        auto rest = await(s.value()->fetch(1000));
        QVERIFY(rest.ok());
        QCOMPARE(rest.value().rowCount(), 19);
        QVERIFY(await(s.value()->close()).ok());
        // One commit that checkpoints everything, and one that starts the
        // WAL over (cut back to nothing by journal_size_limit=0).
        QDeadlineTimer deadline(30000);
        while (walFrames(db) >= 4 * 50 && !deadline.hasExpired())
            QVERIFY(writeRows(m, db, 10));
        QVERIFY2(walFrames(db) < 4 * 50, qPrintable(QString::number(walFrames(db))));
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {}, "PRAGMA integrity_check;\n"), QByteArray("ok\n"));
    }

    void walAutocheckpointKeepsItsMeaning()
    {
        Manager m;
        const QString db = path("pragma.db");
        QVERIFY(LH_OK(m.open(db)).ok());
        // SQLite's default, not the 0 it reports while another hook is installed.
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("1000"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint=250")), QStringLiteral("250"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("250"));
        QCOMPARE(scalar(m, db, QStringLiteral("pragma main.WAL_AUTOCHECKPOINT = 0")), QStringLiteral("0"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("0"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint=250")), QStringLiteral("250"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("250"));
        // Each run counts, not only the first (a cached statement would
        // neither set nor read it again).
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint=0")), QStringLiteral("0"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint=250")), QStringLiteral("250"));
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("250"));
        // A script prepares each statement on its own.
        QVERIFY(LH_OK(m.executeScript(db, QStringLiteral("PRAGMA wal_autocheckpoint=70; SELECT 1;"))).ok());
        QCOMPARE(scalar(m, db, QStringLiteral("PRAGMA wal_autocheckpoint")), QStringLiteral("70"));
    }

    void smallWritesCheckpointInTheBackground()
    {
        Manager m;
        const QString db = path("background.db");
        QVERIFY(openWithTable(m, db, OpenOptions(), QStringLiteral("PRAGMA wal_autocheckpoint=100;")));
        QVERIFY(writeRows(m, db, 2000));
        const CheckpointStats s = m.checkpointStats(db);
        QVERIFY2(s.background > 0, qPrintable(QString::number(s.background)));
        // 2,000 commits of a frame or more each; without checkpoints the WAL
        // would hold them all. The background lets it grow past the
        // threshold by a bounded amount only.
        const qint64 frames = walFrames(db);
        QVERIFY2(frames > 0 && frames <= 10 * 100, qPrintable(QString::number(frames)));
        QCOMPARE(scalar(m, db, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("2000"));
        QVERIFY(LH_OK(m.close(db)).ok());

        // Everything is in the file once closed.
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
        QCOMPARE(sqlite3Shell(db, {}, "SELECT count(*), max(id) FROM t; PRAGMA integrity_check;\n"),
                 QByteArray("2000|2000\nok\n"));
    }

    void aCheckpointAskedForWaitsForTheBackground()
    {
        // PRAGMA wal_checkpoint returns busy at once while another checkpoint
        // runs; on the writer it waits for the background's to end instead.
        // A slow disk keeps the background's checkpoint running when the
        // one asked for comes.
        FaultVfs &vfs = FaultVfs::instance();
        const QString db = path("manual.db");
        vfs.setPathPrefix(db);
        vfs.setSyncDelay(20);
        const auto restore = qScopeGuard([&vfs] { vfs.setSyncDelay(0); vfs.setPathPrefix(QString()); });
        Manager m;
        OpenOptions o;
        o.vfs = QString::fromLatin1(FaultVfs::name);
        o.synchronous = Synchronous::Normal; // only checkpoints sync
        QVERIFY(openWithTable(m, db, o, QStringLiteral("PRAGMA wal_autocheckpoint=100;")));
        ExecOptions onWriter;
        onWriter.route = Route::Writer;
        for (int round = 0; round < 5; ++round) {
            // Past the threshold: the last commits queue a background checkpoint.
            QVERIFY(writeRows(m, db, 150));
            auto r = await(m.execute(db, QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), {}, onWriter));
            QVERIFY(r.ok());
            QCOMPARE(r.value().rows.at(0, 0).toInt(), 0); // not busy
            QCOMPARE(r.value().rows.at(0, 1).toInt(), r.value().rows.at(0, 2).toInt()); // every frame copied
        }
        QVERIFY(m.checkpointStats(db).background > 0);
    }

    void theWriterCanLeaveWalModeAfterBackgroundCheckpoints()
    {
        // No connection of the background stays open between checkpoints:
        // one would hold a shared lock, and leaving WAL mode needs the file
        // to itself.
        Manager m;
        const QString db = path("leave.db");
        OpenOptions o;
        o.maxReaders = 0; // every statement on the writer
        QVERIFY(openWithTable(m, db, o, QStringLiteral("PRAGMA wal_autocheckpoint=100;")));
        QVERIFY(writeRows(m, db, 1000));
        QVERIFY(m.checkpointStats(db).background > 0);
        // A background checkpoint queued by the last commits may still run.
        QDeadlineTimer deadline(10000);
        QString mode;
        while ((mode = scalar(m, db, QStringLiteral("PRAGMA journal_mode=DELETE"))) != QLatin1String("delete")
               && !deadline.hasExpired())
            QThread::msleep(20);
        QCOMPARE(mode, QStringLiteral("delete"));
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
        QCOMPARE(scalar(m, db, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1000"));
    }

    void offCheckpointsOnTheWriter()
    {
        Manager m;
        const QString db = path("inline.db");
        OpenOptions o;
        o.backgroundCheckpoint = false;
        QVERIFY(openWithTable(m, db, o, QStringLiteral("PRAGMA wal_autocheckpoint=100;")));
        QVERIFY(writeRows(m, db, 1000));
        const CheckpointStats s = m.checkpointStats(db);
        QCOMPARE(s.background, 0);
        QVERIFY(s.onWriter > 0); // inside the commits, as SQLite would
        const qint64 frames = walFrames(db);
        QVERIFY2(frames > 0 && frames <= 2 * 100, qPrintable(QString::number(frames)));
        QCOMPARE(scalar(m, db, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1000"));
    }

    void theWriterCheckpointsWhenTheBackgroundCannot()
    {
        // In exclusive locking mode no other connection can read the file:
        // the background gives up once, says so, and the writer checkpoints
        // as SQLite would.
        Manager m;
        const QString db = path("exclusive.db");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot checkpoint .* in the background")));
        QVERIFY(openWithTable(m, db, OpenOptions(),
                              QStringLiteral("PRAGMA locking_mode=EXCLUSIVE; PRAGMA wal_autocheckpoint=50;")));
        QVERIFY(writeRows(m, db, 300));
        // The writer's first checkpoint may come before the background has
        // given up: keep writing until it has.
        QDeadlineTimer deadline(20000);
        int written = 300;
        while (m.checkpointStats(db).onWriter == 0 && !deadline.hasExpired()) {
            QVERIFY(writeRows(m, db, 50));
            written += 50;
        }
        const CheckpointStats s = m.checkpointStats(db);
        QCOMPARE(s.background, 0);
        QVERIFY2(s.onWriter > 0, qPrintable(QString::number(s.onWriter)));
        QCOMPARE(scalar(m, db, QStringLiteral("SELECT count(*) FROM t")), QString::number(written));
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {}, "SELECT count(*) FROM t;\n"), QByteArray::number(written) + '\n');
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
