#include "testutil.h"

#include <core/maintenance/maintenance.h>
#include <core/processlock.h>

#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <mutex>
#include <thread>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

class Capture final : public OperationSink
{
public:
    void record(const OperationRecord &op) override
    {
        std::lock_guard lock(m_mutex);
        m_ops.append(op);
    }
    QList<OperationRecord> ops()
    {
        std::lock_guard lock(m_mutex);
        return m_ops;
    }

private:
    std::mutex m_mutex;
    QList<OperationRecord> m_ops;
};

QString shellLine(const QString &db, const QString &sql)
{
    return QString::fromUtf8(sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), sql})).trimmed();
}

OpenOptions existing()
{
    OpenOptions o;
    o.create = false;
    return o;
}

} // namespace

class TestMaintenance : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A file in rollback-journal (DELETE) mode made by the sqlite3 shell.
    QString makeDeleteModeDb(const QString &name, const QByteArray &script)
    {
        const QString p = path(name);
        int code = -1;
        sqlite3Shell(p, {}, script, &code);
        return code == 0 ? p : QString();
    }

private Q_SLOTS:
    void statsEqualSqlite3()
    {
        Manager m;
        const QString p = path("stats.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral(
            "CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, payload BLOB);"
            "CREATE INDEX big_name ON big(name);"
            "CREATE TABLE small(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
            "CREATE TABLE gone(x);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 3000) "
            "INSERT INTO big SELECT i, 'name ' || i, randomblob(200) FROM s;"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 500) "
            "INSERT INTO gone SELECT randomblob(1000) FROM s;"
            "INSERT INTO small VALUES ('a', 1), ('b', 2);"
            "DROP TABLE gone;"))).ok());
        Maintenance maint(m, p);
        auto r = LH_OK(maint.sizeStats());
        QVERIFY(r.ok());
        const SizeStats &s = r.value();
        QCOMPARE(QString::number(s.pageSize), shellLine(p, QStringLiteral("PRAGMA page_size")));
        QCOMPARE(QString::number(s.pageCount), shellLine(p, QStringLiteral("PRAGMA page_count")));
        QCOMPARE(QString::number(s.freelistCount), shellLine(p, QStringLiteral("PRAGMA freelist_count")));
        QVERIFY(s.freelistCount > 100); // the dropped table's pages
        QCOMPARE(s.bytesFree, s.freelistCount * s.pageSize);
        QCOMPARE(s.bytesUsed, (s.pageCount - s.freelistCount) * s.pageSize);
        QCOMPARE(s.fileBytes, QFileInfo(p).size());
        QVERIFY(s.walBytes > 0); // WAL mode, not yet checkpointed
        QCOMPARE(s.walBytes, QFileInfo(p + QStringLiteral("-wal")).size());
        QCOMPARE(s.shmBytes, QFileInfo(p + QStringLiteral("-shm")).size());
        QVERIFY(s.dbstatAvailable);
        QVERIFY(s.dbstatMessage.isEmpty());
        // Per object: exactly what sqlite3 reports from dbstat.
        const QString expected = shellLine(p, QStringLiteral("SELECT name || '=' || sum(pgsize) FROM dbstat GROUP BY name ORDER BY name"));
        QStringList got;
        qint64 sum = 0;
        for (const ObjectSize &o : s.objects) {
            got << QStringLiteral("%1=%2").arg(o.name).arg(o.bytes);
            sum += o.bytes;
        }
        QCOMPARE(got.join(QLatin1Char('\n')), expected);
        QCOMPARE(sum, s.bytesUsed); // every used page belongs to exactly one object
        auto find = [&](const QString &n) {
            for (const ObjectSize &o : s.objects)
                if (o.name == n)
                    return o;
            return ObjectSize{};
        };
        QCOMPARE(find(QStringLiteral("big")).type, QStringLiteral("table"));
        QCOMPARE(find(QStringLiteral("big_name")).type, QStringLiteral("index"));
        QCOMPARE(find(QStringLiteral("big_name")).table, QStringLiteral("big"));
        QCOMPARE(find(QStringLiteral("sqlite_autoindex_small_1")).type, QString()); // WITHOUT ROWID: no separate index
        QVERIFY(find(QStringLiteral("big")).bytes > find(QStringLiteral("big_name")).bytes);
        QVERIFY(find(QStringLiteral("big")).bytes > 3000 * 200); // the blobs, and not the index
    }

    void integrityCheckReportsCorruption()
    {
        const QString p = makeDeleteModeDb(QStringLiteral("corrupt.db"),
            "CREATE TABLE keep(x);"
            "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 2000) "
            "INSERT INTO t SELECT i, printf('%0100d', i) FROM s;");
        QVERIFY(!p.isEmpty());
        const qint64 pageSize = shellLine(p, QStringLiteral("PRAGMA page_size")).toLongLong();
        const QStringList leaves = shellLine(p, QStringLiteral(
            "SELECT pageno FROM dbstat WHERE name = 't' AND pagetype = 'leaf' ORDER BY pageno LIMIT 5")).split(QLatin1Char('\n'));
        QCOMPARE(leaves.size(), 5);
        {
            QFile f(p);
            QVERIFY(f.open(QIODevice::ReadWrite));
            for (const QString &leaf : leaves) {
                // Overwrite the cell pointers and the start of the cells of a table leaf page.
                QVERIFY(f.seek((leaf.toLongLong() - 1) * pageSize + 8));
                QVERIFY(f.write(QByteArray(600, '\x5a')) == 600);
            }
        }
        Manager m;
        QVERIFY(LH_OK(m.open(p, existing())).ok());
        Maintenance maint(m, p);
        auto r = LH_OK(maint.integrityCheck(100));
        QVERIFY(r.ok());
        QVERIFY(!r.value().ok);
        QVERIFY(!r.value().problems.isEmpty());
        QVERIFY2(r.value().problems.join(QLatin1Char(' ')).contains(QLatin1String("tree page"), Qt::CaseInsensitive),
                 qPrintable(r.value().problems.join(QLatin1Char('\n'))));
        // Bounded: only as many problems as asked for.
        auto one = LH_OK(maint.integrityCheck(1));
        QVERIFY(one.ok());
        QCOMPARE(one.value().problems.size(), 1);
        QVERIFY(one.value().truncated);
        auto three = LH_OK(maint.integrityCheck(3));
        QCOMPARE(three.value().problems.size(), 3); // one problem per entry, headings dropped
        for (const QString &problem : three.value().problems)
            QVERIFY2(!problem.contains(QLatin1Char('\n')) && !problem.startsWith(QLatin1String("***")), qPrintable(problem));
        auto q = LH_OK(maint.quickCheck(10));
        QVERIFY(q.ok());
        QVERIFY(!q.value().ok);
        // A healthy database says ok.
        const QString good = makeDeleteModeDb(QStringLiteral("good.db"), "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        QVERIFY(LH_OK(m.open(good, existing())).ok());
        auto g = LH_OK(Maintenance(m, good).integrityCheck());
        QVERIFY(g.ok());
        QVERIFY(g.value().ok);
        QVERIFY(g.value().problems.isEmpty());
        QVERIFY(!LH_OK(Maintenance(m, good).integrityCheck(0)).ok()); // a limit below 1 is refused
    }

    void foreignKeyCheckListsOrphans()
    {
        const QString p = makeDeleteModeDb(QStringLiteral("fk.db"),
            "PRAGMA foreign_keys = OFF;"
            "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
            "CREATE TABLE child(id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent(id));"
            "CREATE TABLE kv(k TEXT PRIMARY KEY, pid INTEGER REFERENCES parent(id)) WITHOUT ROWID;"
            "INSERT INTO parent VALUES (1), (2);"
            "INSERT INTO child VALUES (10, 1), (11, 99), (12, 2), (13, 77), (14, NULL);"
            "INSERT INTO kv VALUES ('x', 55);");
        QVERIFY(!p.isEmpty());
        Manager m;
        QVERIFY(LH_OK(m.open(p, existing())).ok());
        Maintenance maint(m, p);
        auto r = LH_OK(maint.foreignKeyCheck());
        QVERIFY(r.ok());
        QVERIFY(!r.value().ok());
        QStringList got;
        for (const ForeignKeyViolation &v : r.value().violations)
            got << QStringLiteral("%1:%2:%3:%4").arg(v.table, v.rowid ? QString::number(*v.rowid) : QStringLiteral("-"), v.parent).arg(v.fkid);
        got.sort();
        QCOMPARE(got, (QStringList{QStringLiteral("child:11:parent:0"), QStringLiteral("child:13:parent:0"),
                                   QStringLiteral("kv:-:parent:0")}));
        auto bounded = LH_OK(maint.foreignKeyCheck(2));
        QCOMPARE(bounded.value().violations.size(), 2);
        QVERIFY(bounded.value().truncated);
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("DELETE FROM child WHERE id IN (11, 13)"))).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("DELETE FROM kv"))).ok());
        QVERIFY(LH_OK(maint.foreignKeyCheck()).value().ok());
    }

    void vacuumRefusedInTransactionAndTakesTheLock()
    {
        Manager m;
        const QString p = path("vacuum.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral(
            "CREATE TABLE t(x); WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 300) "
            "INSERT INTO t SELECT randomblob(1000) FROM s; DELETE FROM t;"))).ok());
        Maintenance maint(m, p);
        QVERIFY(LH_OK(maint.sizeStats()).value().freelistCount > 0);
        QVERIFY(LH_OK(m.begin(p)).ok());
        auto refused = await(maint.vacuum());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(QLatin1String("transaction is open")), qPrintable(refused.error().message()));
        // Also when the transaction was begun by the user's own SQL.
        QVERIFY(LH_OK(m.rollback(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("BEGIN IMMEDIATE"))).ok());
        QVERIFY(!await(maint.vacuum()).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("ROLLBACK"))).ok());
        {
            ProcessLock other(p);
            QVERIFY(other.acquire(0).ok());
            // Another holder of the cross-process lock: VACUUM waits briefly, then refuses.
            auto locked = await(maint.vacuum());
            QVERIFY(!locked.ok());
            QCOMPARE(locked.error().kind(), Error::Kind::Locked);
            QVERIFY2(locked.error().message().startsWith(QLatin1String("VACUUM refused")), qPrintable(locked.error().message()));
        }
        auto ok = LH_OK(maint.vacuum());
        QVERIFY(ok.ok());
        QCOMPARE(LH_OK(maint.sizeStats()).value().freelistCount, 0);
        QCOMPARE(shellLine(p, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        QVERIFY(!QFile::exists(ProcessLock::lockPathFor(p))); // released
        // VACUUM INTO: a compact copy; an existing file is kept unless asked.
        const QString into = path("into.db");
        QVERIFY(LH_OK(maint.vacuumInto(into)).ok());
        QCOMPARE(shellLine(into, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        auto again = await(maint.vacuumInto(into));
        QVERIFY(!again.ok());
        QVERIFY(again.error().message().contains(QLatin1String("exists")));
        QVERIFY(LH_OK(maint.vacuumInto(into, true)).ok());
    }

    void journalModeNeverChangesAsASideEffect()
    {
        const QString p = makeDeleteModeDb(QStringLiteral("delete-mode.db"),
            "CREATE TABLE t(id INTEGER PRIMARY KEY, v); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
        Manager m;
        QVERIFY(LH_OK(m.open(p, existing())).ok());
        Maintenance maint(m, p);
        QVERIFY(LH_OK(maint.vacuum()).ok());
        QVERIFY(LH_OK(maint.analyze()).ok());
        QVERIFY(LH_OK(maint.optimize()).ok());
        QVERIFY(LH_OK(maint.integrityCheck()).value().ok);
        QVERIFY(LH_OK(maint.quickCheck()).value().ok);
        QVERIFY(LH_OK(maint.sizeStats()).ok());
        auto cp = LH_OK(maint.checkpoint(CheckpointMode::Truncate));
        QVERIFY(cp.ok());
        QVERIFY(!cp.value().walMode); // said plainly, not done
        QCOMPARE(cp.value().journalMode, QStringLiteral("delete"));
        QVERIFY(LH_OK(maint.backup(path("delete-mode.bak"))).ok());
        QVERIFY(LH_OK(m.close(p)).ok());
        QCOMPARE(shellLine(p, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("delete"));
        QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
        QCOMPARE(shellLine(path("delete-mode.bak"), QStringLiteral("SELECT group_concat(v) FROM t")), QStringLiteral("a,b"));
    }

    void checkpointModes()
    {
        Manager m;
        const QString p = path("wal.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        Maintenance maint(m, p);
        for (CheckpointMode mode : {CheckpointMode::Passive, CheckpointMode::Full, CheckpointMode::Restart, CheckpointMode::Truncate}) {
            QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (randomblob(5000))"))).ok());
            QVERIFY(QFileInfo(p + QStringLiteral("-wal")).size() > 0);
            auto r = LH_OK(maint.checkpoint(mode));
            QVERIFY(r.ok());
            QVERIFY(r.value().walMode);
            QVERIFY(!r.value().busy);
            if (mode == CheckpointMode::Truncate) {
                QCOMPARE(r.value().logFrames, 0); // the WAL was truncated
                QCOMPARE(QFileInfo(p + QStringLiteral("-wal")).size(), 0);
            } else {
                QVERIFY2(r.value().logFrames > 0, qPrintable(checkpointModeName(mode)));
                QCOMPARE(r.value().checkpointedFrames, r.value().logFrames);
            }
        }
        QCOMPARE(parseCheckpointMode(QStringLiteral("TRUNCATE")), std::optional(CheckpointMode::Truncate));
        QVERIFY(!parseCheckpointMode(QStringLiteral("sometimes")));
    }

    void backupWhileAWriterWrites()
    {
        Manager m;
        const QString p = path("live.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral(
            "CREATE TABLE w(id INTEGER PRIMARY KEY, v TEXT);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 4000) "
            "INSERT INTO w SELECT i, printf('row %d %0200d', i, i) FROM s;"))).ok());
        std::atomic<bool> stop{false};
        std::atomic<int> written{4000};
        std::thread writer([&] {
            for (int i = 4001; !stop.load(); ++i) {
                auto r = await(m.execute(p, QStringLiteral("INSERT INTO w VALUES (?, printf('row %d %0200d', ?, ?))"), {i, i, i}));
                if (!r)
                    break;
                written = i;
            }
        });
        Maintenance maint(m, p);
        const QString out = path("live.bak");
        QList<BackupProgress> steps;
        BackupOptions opts;
        opts.pagesPerStep = 5;
        opts.pauseMs = 2;
        auto r = LH_OK(maint.backup(out, opts, [&steps](const BackupProgress &pr) { steps.append(pr); }));
        const int atEnd = written.load();
        // Until the writer has committed once more after the backup ended.
        QTRY_VERIFY_WITH_TIMEOUT(written.load() > atEnd, 30000);
        stop = true;
        writer.join();
        QVERIFY(r.ok());
        QVERIFY(steps.size() > 10);
        QCOMPARE(steps.last().remaining, 0);
        QVERIFY(steps.first().total > 100);
        QCOMPARE(r.value().pages, steps.last().total);
        // The backup is a consistent database holding a prefix the writer produced.
        QCOMPARE(shellLine(out, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const QStringList cm = shellLine(out, QStringLiteral("SELECT count(*) || ' ' || max(id) FROM w")).split(QLatin1Char(' '));
        const int n = cm.value(0).toInt();
        QCOMPARE(cm.value(1).toInt(), n);      // no gaps
        QVERIFY(n >= 4000);
        QVERIFY2(written.load() > n, "the writer wrote nothing after the backup's snapshot");
        const QString digest = QStringLiteral("SELECT count(*) || ':' || sum(id) || ':' || sum(length(v)) || ':' || "
                                              "group_concat(substr(v, 1, 12), '|') FROM (SELECT * FROM w WHERE id <= %1 ORDER BY id)").arg(n);
        QCOMPARE(shellLine(out, digest), shellLine(p, digest));
        // An existing file is kept unless overwrite is asked for.
        auto again = await(maint.backup(out));
        QVERIFY(!again.ok());
        QVERIFY(again.error().message().contains(QLatin1String("exists")));
        BackupOptions over;
        over.overwrite = true;
        QVERIFY(LH_OK(maint.backup(out, over)).ok());
        QCOMPARE(shellLine(out, QStringLiteral("SELECT count(*) FROM w")), shellLine(p, QStringLiteral("SELECT count(*) FROM w")));
    }

    void backupCancels()
    {
        Manager m;
        const QString p = path("cancel.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral(
            "CREATE TABLE w(v); WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 500) "
            "INSERT INTO w SELECT randomblob(2000) FROM s;"))).ok());
        CancelToken token;
        BackupOptions opts;
        opts.pagesPerStep = 1;
        int calls = 0;
        auto r = await(Maintenance(m, p).backup(path("cancel.bak"), opts, [&](const BackupProgress &) {
            if (++calls == 3)
                token.cancel();
        }, token));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        QCOMPARE(calls, 3);
        QVERIFY(!QFile::exists(path("cancel.bak")));
        QVERIFY(!QFile::exists(path("cancel.bak.litehouse-partial")));

        // Over an existing backup: cancelled, the old one stays whole;
        // finished, the new one replaces it whole.
        const QString out = path("kept.bak");
        QVERIFY(LH_OK(Maintenance(m, p).backup(out)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO w VALUES (NULL)"))).ok());
        QCOMPARE(shellLine(out, QStringLiteral("SELECT count(*) FROM w")), QStringLiteral("500"));
        CancelToken again;
        opts.overwrite = true;
        calls = 0;
        auto r2 = await(Maintenance(m, p).backup(out, opts, [&](const BackupProgress &) {
            if (++calls == 3)
                again.cancel();
        }, again));
        QVERIFY(!r2.ok());
        QCOMPARE(shellLine(out, QStringLiteral("SELECT count(*) FROM w")), QStringLiteral("500"));
        QCOMPARE(shellLine(out, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QVERIFY(LH_OK(Maintenance(m, p).backup(out, opts)).ok());
        QCOMPARE(shellLine(out, QStringLiteral("SELECT count(*) FROM w")), QStringLiteral("501"));
        QVERIFY(!QFile::exists(out + QStringLiteral(".litehouse-partial")));
    }

    void settingsAreValidated()
    {
        QVERIFY(!Maintenance::validateSetting(QStringLiteral("journal_mode"), QStringLiteral("wal; DROP TABLE t")).ok());
        QVERIFY(!Maintenance::validateSetting(QStringLiteral("cache_size"), QStringLiteral("12abc")).ok());
        QVERIFY(!Maintenance::validateSetting(QStringLiteral("busy_timeout"), QStringLiteral("-1")).ok());
        QVERIFY(!Maintenance::validateSetting(QStringLiteral("user_version"), QStringLiteral("4294967296")).ok());
        QVERIFY(!Maintenance::validateSetting(QStringLiteral("temp_store_directory"), QStringLiteral("/tmp")).ok());
        QCOMPARE(Maintenance::validateSetting(QStringLiteral("synchronous"), QStringLiteral(" NORMAL ")).value(), QStringLiteral("normal"));
        QCOMPARE(Maintenance::validateSetting(QStringLiteral("foreign_keys"), QStringLiteral("yes")).value(), QStringLiteral("on"));
        QCOMPARE(Maintenance::validateSetting(QStringLiteral("cache_size"), QStringLiteral("-2000")).value(), QStringLiteral("-2000"));

        Manager m;
        const QString p = path("settings.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        Maintenance maint(m, p);
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("user_version"), QStringLiteral("42"))).value(), QStringLiteral("42"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("application_id"), QStringLiteral("-7"))).value(), QStringLiteral("-7"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("busy_timeout"), QStringLiteral("2500"))).value(), QStringLiteral("2500"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("synchronous"), QStringLiteral("full"))).value(), QStringLiteral("2"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("wal_autocheckpoint"), QStringLiteral("500"))).value(), QStringLiteral("500"));
        QCOMPARE(LH_OK(maint.setting(QStringLiteral("foreign_keys"))).value(), QStringLiteral("1"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("foreign_keys"), QStringLiteral("off"))).value(), QStringLiteral("0"));
        QCOMPARE(LH_OK(maint.setSetting(QStringLiteral("journal_mode"), QStringLiteral("DELETE"))).value(), QStringLiteral("delete"));
        QVERIFY(!await(maint.setSetting(QStringLiteral("cache_size"), QStringLiteral("lots"))).ok());
        QVERIFY(!await(maint.setting(QStringLiteral("nope"))).ok());
        QVERIFY(LH_OK(m.close(p)).ok());
        QCOMPARE(shellLine(p, QStringLiteral("PRAGMA user_version")), QStringLiteral("42"));
        QCOMPARE(shellLine(p, QStringLiteral("PRAGMA application_id")), QStringLiteral("-7"));
        QCOMPARE(shellLine(p, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("delete"));
    }

    void operationsAreRecordedAsMaintenance()
    {
        Manager m;
        auto sink = std::make_shared<Capture>();
        m.addSink(sink);
        const QString p = path("recorded.db");
        QVERIFY(LH_OK(m.open(p, {}, QStringLiteral("rec"))).ok());
        Maintenance maint(m, QStringLiteral("rec"));
        QVERIFY(LH_OK(maint.analyze()).ok());
        QVERIFY(LH_OK(maint.integrityCheck(5)).ok());
        QVERIFY(!await(Maintenance(m, QStringLiteral("unknown")).analyze()).ok());
        const auto ops = sink->ops();
        QList<OperationRecord> maint2;
        for (const auto &op : ops)
            if (op.kind == OperationRecord::Kind::Maintenance)
                maint2.append(op);
        QCOMPARE(maint2.size(), 2);
        QCOMPARE(maint2.at(0).sql, QStringLiteral("ANALYZE"));
        QCOMPARE(maint2.at(0).alias, QStringLiteral("rec"));
        QCOMPARE(maint2.at(0).database, m.resolve(QStringLiteral("rec")));
        QCOMPARE(maint2.at(1).sql, QStringLiteral("PRAGMA integrity_check(5)"));
        QCOMPARE(maint2.at(1).statementType, QStringLiteral("PRAGMA"));
        QVERIFY(maint2.at(1).durationNs > 0);

        // With recording off, the same calls leave no trace in the sinks.
        Maintenance quiet(m, QStringLiteral("rec"));
        quiet.setRecording(false);
        const qsizetype before = sink->ops().size();
        QVERIFY(LH_OK(quiet.sizeStats()).ok());
        QVERIFY(LH_OK(quiet.setting(QStringLiteral("journal_mode"))).ok());
        QVERIFY(!await(quiet.setSetting(QStringLiteral("journal_mode"), QStringLiteral("bogus"))).ok());
        QCOMPARE(sink->ops().size(), before);
        QVERIFY(LH_OK(maint.quickCheck()).ok()); // the recording one still records
        QCOMPARE(sink->ops().size(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestMaintenance)
#include "tst_maintenance.moc"
