#include "testutil.h"

#include <core/batch.h>
#include <core/processlock.h>
#include <core/querystream.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <sqlite3.h>

#include <thread>

using namespace Litehouse;
using namespace LitehouseTest;

class TestManager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static qint64 scalar(Manager &m, const QString &db, const QString &sql, Route route = Route::Writer)
    {
        ExecOptions o;
        o.route = route;
        auto r = await(m.execute(db, sql, {}, o));
        if (!r) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(r.error().message()));
            return -1;
        }
        return r.value().rows.at(0, 0).toInt();
    }

private Q_SLOTS:
    void aliasAndPathShareOneDatabase()
    {
        Manager m;
        const QString p = path("alias.db");
        auto info = LH_OK(m.open(p, {}, QStringLiteral("main")));
        QVERIFY(info.ok());
        QVERIFY(info.value().created);
        QCOMPARE(info.value().journalMode, QStringLiteral("wal")); // files Litehouse creates start in WAL
        QVERIFY(LH_OK(m.execute(QStringLiteral("main"), QStringLiteral("CREATE TABLE t(x)"))).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (1)"))).ok());
        QCOMPARE(scalar(m, QStringLiteral("main"), QStringLiteral("SELECT count(*) FROM t")), 1);
        // One database, one writer: a transaction begun through the alias is seen through the path.
        QVERIFY(LH_OK(m.begin(QStringLiteral("main"))).ok());
        QVERIFY(m.transactionState(p).active);
        QVERIFY(LH_OK(m.rollback(p)).ok());
        QVERIFY(!m.transactionState(QStringLiteral("main")).active);
        QCOMPARE(m.databases().size(), 1);
        // Opening the same file again (another spelling) gives the same database.
        auto again = LH_OK(m.open(m_dir.path() + QStringLiteral("/./alias.db"), {}, QStringLiteral("second")));
        QVERIFY(again.ok());
        QCOMPARE(m.databases().size(), 1);
        QCOMPARE(m.resolve(QStringLiteral("second")), m.resolve(QStringLiteral("main")));
    }

    void unknownAliasFails()
    {
        Manager m;
        const QString cwdFile = QStringLiteral("nosuchalias");
        auto r = await(m.execute(cwdFile, QStringLiteral("SELECT 1")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::NotOpen);
        QVERIFY(r.error().message().contains(QStringLiteral("nosuchalias")));
        QVERIFY(!QFile::exists(cwdFile));
        auto t = await(m.begin(cwdFile));
        QCOMPARE(t.error().kind(), Error::Kind::NotOpen);
    }

    void aliasCannotNameTwoFiles()
    {
        Manager m;
        QVERIFY(LH_OK(m.open(path("a1.db"), {}, QStringLiteral("x"))).ok());
        auto r = await(m.open(path("a2.db"), {}, QStringLiteral("x")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::InvalidArgument);
    }

    void fetchModes()
    {
        Manager m;
        const QString p = path("fetch.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                                                       "SELECT x+1 FROM c WHERE x<10) INSERT INTO t SELECT x FROM c"))).ok());
        const QString q = QStringLiteral("SELECT x FROM t ORDER BY x");
        auto fetch = [&](Fetch f) {
            ExecOptions o;
            o.fetch = f;
            auto r = await(m.execute(p, q, {}, o));
            return r ? r.value().rows.rowCount() : -1;
        };
        QCOMPARE(fetch(Fetch::all()), 10);
        QCOMPARE(fetch(Fetch::one()), 1);
        QCOMPARE(fetch(Fetch::many(3)), 3);
        QCOMPARE(fetch(Fetch::none()), 0);
        ExecOptions o;
        o.fetch = Fetch::many(4);
        auto r = await(m.execute(p, q, {}, o));
        QCOMPARE(r.value().rows.at(3, 0).toInt(), 4);
        QCOMPARE(r.value().rows.columns(), QStringList{QStringLiteral("x")});
    }

    void parameters()
    {
        Manager m;
        const QString p = path("params.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT, c REAL, d BLOB)"))).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"),
                                Params{Value(1), Value(QStringLiteral("one")), Value(1.5), Value::blob("\x01\x02")}))
                    .ok());
        Params named;
        named.bind(QStringLiteral(":a"), Value(2)).bind(QStringLiteral("b"), Value(QStringLiteral("two")))
            .bind(QStringLiteral("$c"), Value(2.5)).bind(QStringLiteral("@d"), Value());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (:a, :b, $c, @d)"), named)).ok());
        auto r = LH_OK(m.execute(p, QStringLiteral("SELECT a, b, c, d, typeof(d) FROM t ORDER BY a")));
        QVERIFY(r.ok());
        const ResultSet &rs = r.value().rows;
        QCOMPARE(rs.rowCount(), 2);
        QCOMPARE(rs.at(0, 1).toString(), QStringLiteral("one"));
        QCOMPARE(rs.at(0, 3).type(), Value::Type::Blob);
        QCOMPARE(rs.at(1, 2).toDouble(), 2.5);
        QVERIFY(rs.at(1, 3).isNull());
        QCOMPARE(rs.at(1, 4).toString(), QStringLiteral("null"));
        QCOMPARE(rs.declTypes().at(0), QStringLiteral("INTEGER"));

        // Mismatches are errors, never silent NULLs.
        auto few = await(m.execute(p, QStringLiteral("SELECT ?, ?"), Params{Value(1)}));
        QCOMPARE(few.error().kind(), Error::Kind::InvalidArgument);
        auto many = await(m.execute(p, QStringLiteral("SELECT ?"), Params{Value(1), Value(2)}));
        QCOMPARE(many.error().kind(), Error::Kind::InvalidArgument);
        Params unknown;
        unknown.bind(QStringLiteral("nope"), Value(1));
        auto un = await(m.execute(p, QStringLiteral("SELECT :a"), unknown));
        QVERIFY(!un.ok());
        QVERIFY(un.error().message().contains(QStringLiteral(":a")));
    }

    void executeMany()
    {
        Manager m;
        const QString p = path("many.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"))).ok());
        QList<QList<Value>> rows;
        for (int i = 1; i <= 1000; ++i)
            rows.append({Value(i), Value(QStringLiteral("v%1").arg(i))});
        auto r = LH_OK(m.executeMany(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), rows));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rowsAffected, 1000);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 1000);
        // A duplicate key in the middle: nothing of this batch stays.
        QList<QList<Value>> bad = {{Value(2001), Value("a")}, {Value(2002), Value("b")}, {Value(5), Value("dup")}};
        auto f = await(m.executeMany(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), bad));
        QVERIFY(!f.ok());
        QCOMPARE(f.error().code(), SQLITE_CONSTRAINT);
        QVERIFY(f.error().message().contains(QStringLiteral("row 3")));
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 1000);
        QVERIFY(!m.transactionState(p).active);
    }

    void scriptStopsAtFailureWithOffset()
    {
        Manager m;
        const QString p = path("script.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        const QString script = QStringLiteral("CREATE TABLE a(x);\nINSERT INTO a VALUES (1);\n"
                                              "SELECT * FROM missing_table;\nINSERT INTO a VALUES (2);");
        auto r = await(m.executeScript(p, script));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains(QStringLiteral("no such table: missing_table")));
        const QByteArray utf8 = script.toUtf8();
        // SQLite points at the token where it knows it, else we point at the statement.
        QVERIFY2(r.error().offset() == utf8.indexOf("missing_table") || r.error().offset() == utf8.indexOf("SELECT *"),
                 qPrintable(QString::number(r.error().offset())));
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM a")), 1);

        // A syntax error: the offset points at the bad token, also after multi-byte text.
        const QString s2 = QStringLiteral("SELECT 'größe';\nSELEC 1;");
        auto r2 = await(m.executeScript(p, s2));
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().offset(), s2.toUtf8().indexOf("SELEC 1"));
        QCOMPARE(r2.error().code(), SQLITE_ERROR);
    }

    void scriptWithNulCharacterFails()
    {
        // Regression (found by the fuzz_script target): a NUL byte in a script
        // made executeScript loop forever on the writer.
        Manager m;
        const QString p = path("nul.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        for (const QString &script : {QStringLiteral("SELECT 1;") + QChar(0) + QStringLiteral("SELECT 2;"),
                                      QString(QChar(0)) + QStringLiteral("SELECT 1"), QStringLiteral("SELECT 1;") + QChar(0)}) {
            auto f = m.executeScript(p, script);
            QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
            const auto r = f.result();
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind(), Error::Kind::InvalidArgument);
            QVERIFY(r.error().message().contains(QStringLiteral("NUL")));
            QCOMPARE(r.error().offset(), int(script.indexOf(QChar(0))));
        }
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("SELECT 1"))).ok()); // the writer is free
    }

    void longScriptIsNotCopiedPerStatement()
    {
        // Regression: each statement of a script used to copy the rest of
        // the script inside SQLite (prepare was given a length without the
        // '\0'), so time grew with the square of the length. SQLite's own
        // memory high-water mark tells without a clock: a copy of the rest
        // of a 4 MB script would raise it by about 4 MB.
        Manager m;
        const QString p = path("linear.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        // Statements that keep nothing in SQLite: only a copy would show.
        QString script;
        while (script.size() < 4 * 1024 * 1024)
            script += QStringLiteral("SELECT 1; -- %1\n").arg(QString(80, QLatin1Char('x')));
        sqlite3_int64 used = 0;
        sqlite3_int64 highWater = 0;
        QCOMPARE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &highWater, /*reset=*/1), SQLITE_OK);
        const sqlite3_int64 before = used;
        auto r = await(m.executeScript(p, script));
        QVERIFY(r.ok());
        QVERIFY(r.value().statements.size() > 40000);
        QCOMPARE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &highWater, 0), SQLITE_OK);
        QVERIFY2(highWater > before, "SQLite keeps no memory statistics in this build");
        QVERIFY2(highWater - before < 1024 * 1024,
                 qPrintable(QStringLiteral("SQLite's memory peaked %1 bytes above its level for a %2-byte script")
                                .arg(highWater - before).arg(script.size())));
    }

    void cancelLongQuery()
    {
        Manager m;
        const QString p = path("cancel.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        ExecOptions o;
        auto f = m.execute(p, QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                                             "SELECT count(*) FROM c"), {}, o);
        // Running inside SQLite (it never ends by itself): cancel interrupts it.
        QTRY_VERIFY_WITH_TIMEOUT(o.cancel.isRunning(), 30000);
        QVERIFY(!f.isFinished());
        o.cancel.cancel();
        auto r = await(f);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        // The connection works after.
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT 41 + 1")), 42);
        // A task cancelled while queued never runs.
        ExecOptions blocker;
        auto longOne = m.execute(p, QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                                                   "SELECT count(*) FROM c"), {}, blocker);
        ExecOptions queued;
        auto q = m.execute(p, QStringLiteral("CREATE TABLE never(x)"), {}, queued);
        queued.cancel.cancel();
        blocker.cancel.cancel();
        QCOMPARE(await(q).error().kind(), Error::Kind::Interrupted);
        QCOMPARE(await(longOne).error().kind(), Error::Kind::Interrupted);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name='never'")), 0);
        // Cancelled, and the caller's copy of the token gone before the task
        // starts: the task's own copy still says so, and it never runs.
        QSemaphore gate;
        auto held = m.withConnection<int>(p, Route::Writer, [&gate](Connection &) -> Outcome<int> {
            gate.acquire();
            return 0;
        });
        QFuture<Outcome<StatementResult>> dropped;
        {
            ExecOptions gone;
            dropped = m.execute(p, QStringLiteral("CREATE TABLE never2(x)"), {}, gone);
            gone.cancel.cancel();
        }
        gate.release();
        QVERIFY(await(held).ok());
        QCOMPARE(await(dropped).error().kind(), Error::Kind::Interrupted);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name='never2'")), 0);
    }

    void savepointInjectionRejected()
    {
        Manager m;
        const QString p = path("sp.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        QVERIFY(LH_OK(m.begin(p)).ok());
        auto r = await(m.savepoint(p, QStringLiteral("a; DROP TABLE t")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::InvalidArgument);
        QVERIFY(r.error().message().contains(QStringLiteral("savepoint name")));
        QVERIFY(LH_OK(m.commit(p)).ok());
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name='t'")), 1);
    }

    void typedTransactionControlIsTracked()
    {
        Manager m;
        const QString p = path("track.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QSignalSpy states(&m, &Manager::transactionStateChanged);
        QSignalSpy sps(&m, &Manager::savepointsChanged);
        auto autocommit = [&] {
            return await(m.withConnection<bool>(p, Route::Writer, [](Connection &c) -> Outcome<bool> {
                       return sqlite3_get_autocommit(c.handle()) != 0;
                   })).value();
        };
        auto run = [&](const char *sql) { return LH_OK(m.execute(p, QString::fromUtf8(sql))).ok(); };
        QVERIFY(run("CREATE TABLE t(x)"));
        QVERIFY(run("BEGIN IMMEDIATE"));
        TransactionState s = m.transactionState(p);
        QVERIFY(s.active);
        QCOMPARE(s.mode, TransactionState::Mode::Immediate);
        QVERIFY(!autocommit());
        QVERIFY(run("SAVEPOINT one"));
        QVERIFY(run("savepoint \"Two Words\""));
        QVERIFY(run("SAVEPOINT three"));
        QCOMPARE(m.transactionState(p).savepoints,
                 (QStringList{QStringLiteral("one"), QStringLiteral("Two Words"), QStringLiteral("three")}));
        QVERIFY(run("ROLLBACK TO \"Two Words\""));
        QCOMPARE(m.transactionState(p).savepoints, (QStringList{QStringLiteral("one"), QStringLiteral("Two Words")}));
        QVERIFY(run("RELEASE ONE")); // names compare case-insensitively
        QCOMPARE(m.transactionState(p).savepoints, QStringList());
        QVERIFY(m.transactionState(p).active);
        QVERIFY(run("COMMIT"));
        QVERIFY(!m.transactionState(p).active);
        QVERIFY(autocommit());
        // A SAVEPOINT outside a transaction opens one; releasing it commits.
        QVERIFY(run("SAVEPOINT outer_sp"));
        QCOMPARE(m.transactionState(p).mode, TransactionState::Mode::Savepoint);
        QVERIFY(!autocommit());
        QVERIFY(run("RELEASE outer_sp"));
        QVERIFY(!m.transactionState(p).active);
        QVERIFY(autocommit());
        // The API and typed SQL mix.
        QVERIFY(LH_OK(m.begin(p, Manager::BeginMode::Exclusive)).ok());
        QVERIFY(LH_OK(m.savepoint(p, QStringLiteral("api_sp"))).ok());
        QVERIFY(run("SAVEPOINT typed_sp"));
        QCOMPARE(m.transactionState(p).savepoints, (QStringList{QStringLiteral("api_sp"), QStringLiteral("typed_sp")}));
        QVERIFY(LH_OK(m.rollbackTo(p, QStringLiteral("api_sp"))).ok());
        QCOMPARE(m.transactionState(p).savepoints, QStringList{QStringLiteral("api_sp")});
        QVERIFY(run("ROLLBACK"));
        QVERIFY(!m.transactionState(p).active);
        QTRY_VERIFY(states.size() >= 6);
        QTRY_VERIFY(sps.size() >= 4);
        QCOMPARE(sps.last().at(1).toStringList(), QStringList());
    }

    void busyRetriesThenSucceedsOrFailsClearly()
    {
        const QString p = path("busy.db");
        {
            Manager m;
            QVERIFY(LH_OK(m.open(p)).ok());
            QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        }
        // Another process holds the write lock for about a second.
        Child holder;
        QVERIFY(holder.start(QStringLiteral("sqlite3"), {p}));
        holder.write("BEGIN IMMEDIATE;\nINSERT INTO t VALUES (0);\nSELECT 'locked';\n");
        QVERIFY(holder.waitForOutput(5000));
        QCOMPARE(holder.takeOutput().trimmed(), QByteArray("locked"));

        Manager m;
        OpenOptions o;
        o.busyTimeoutMs = 10;
        o.retry.budgetMs = 8000;
        o.retry.maxAttempts = 100;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        QTimer::singleShot(700, this, [&] { holder.write("COMMIT;\n.quit\n"); });
        auto f = m.execute(p, QStringLiteral("INSERT INTO t VALUES (1)"));
        while (!f.isFinished())
            QTest::qWait(10);
        auto r = f.result();
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY(r.value().retries > 0);
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 2);
        QVERIFY(LH_OK(m.close(p)).ok());

        // Held beyond the budget: a clear busy error, within the budget.
        Child holder2;
        QVERIFY(holder2.start(QStringLiteral("sqlite3"), {p}));
        holder2.write("BEGIN IMMEDIATE;\nINSERT INTO t VALUES (9);\nSELECT 'locked';\n");
        QVERIFY(holder2.waitForOutput(5000));
        Manager m2;
        o.retry.budgetMs = 300;
        QVERIFY(LH_OK(m2.open(p, o)).ok());
        // The holder keeps its lock until told below: an answer at all means
        // the retries gave up within their budget.
        auto r2 = await(m2.execute(p, QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().kind(), Error::Kind::Busy);
        QVERIFY(r2.error().message().contains(QStringLiteral("locked")));
        holder2.write("ROLLBACK;\n.quit\n");
        QVERIFY(holder2.waitForFinished(10000));
    }

    void readersSeeCommittedDataWhileWriterWorks()
    {
        Manager m;
        const QString p = path("readers.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);"))).ok());
        QVERIFY(LH_OK(m.begin(p, Manager::BeginMode::Immediate)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (3)"))).ok());
        // The writer sees its own change; a reader sees the committed state, without waiting.
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t"), Route::Writer), 3);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t"), Route::Reader), 2);
        // Auto routes to the writer while a transaction is open.
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t"), Route::Auto), 3);
        QVERIFY(LH_OK(m.commit(p)).ok());
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t"), Route::Reader), 3);
        // Auto sends a write that looks like a read (a CTE) to the writer.
        ExecOptions o;
        o.route = Route::Auto;
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("WITH v(x) AS (SELECT 4) INSERT INTO t SELECT x FROM v"), {}, o)).ok());
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t"), Route::Auto), 4);
        // Readers are query_only.
        auto w = await(m.execute(p, QStringLiteral("DELETE FROM t"), {}, ExecOptions{Fetch::all(), Route::Reader, {}, {}, true}));
        QVERIFY(!w.ok());
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 4);
    }

    void staleOptimisticUpdateReturnsFalse()
    {
        Manager m;
        const QString p = path("optimistic.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE acct(id INTEGER PRIMARY KEY, balance INT, version INT);"
                                                       "INSERT INTO acct VALUES (1, 100, 1);"))).ok());
        VersionedUpdate u{QStringLiteral("acct"), QStringLiteral("id"), Value(1), QStringLiteral("version"), 1,
                          {{QStringLiteral("balance"), Value(150)}}};
        auto first = LH_OK(m.updateIfVersion(p, u));
        QVERIFY(first.ok());
        QVERIFY(first.value());
        u.set = {{QStringLiteral("balance"), Value(999)}};
        auto stale = LH_OK(m.updateIfVersion(p, u)); // still expects version 1
        QVERIFY(stale.ok());
        QVERIFY(!stale.value());
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT balance FROM acct")), 150);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT version FROM acct")), 2);
    }

    void eightThreadsMixedQueries()
    {
        Manager m;
        const QString p = path("threads.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(thread INT, i INT)"))).ok());
        std::atomic<int> errors{0};
        std::vector<std::thread> threads;
        for (int th = 0; th < 8; ++th) {
            threads.emplace_back([&, th] {
                ExecOptions read;
                read.route = Route::Auto;
                for (int i = 0; i < 1000; ++i) {
                    if (i % 2 == 0) {
                        auto r = await(m.execute(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), Params{Value(th), Value(i)}));
                        if (!r)
                            ++errors;
                    } else {
                        auto r = await(m.execute(p, QStringLiteral("SELECT count(*) FROM t WHERE thread = ?"),
                                                 Params{Value(th)}, read));
                        // This thread's own inserts are all visible to any later read.
                        if (!r || r.value().rows.at(0, 0).toInt() != (i + 1) / 2)
                            ++errors;
                    }
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 4000);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(DISTINCT thread) FROM t")), 8);
        const CacheStats cs = m.statementCacheStats(p);
        QVERIFY(cs.hits > 3000);
    }

    void corruptAndForeignFilesFailClearly()
    {
        Manager m;
        const QString text = path("notes.txt");
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        auto r = await(m.open(text));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QStringLiteral("not a database")), qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains(text));
        QVERIFY(!m.isOpen(text));

        // A real database whose schema page is overwritten.
        const QString bad = path("corrupt.db");
        {
            Manager w;
            OpenOptions o;
            o.journalMode = JournalMode::Delete;
            QVERIFY(LH_OK(w.open(bad, o)).ok());
            QVERIFY(LH_OK(w.executeScript(bad, QStringLiteral("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('hello');"))).ok());
        }
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(100);
            f.write(QByteArray(3000, '\xA5'));
        }
        auto c = await(m.open(bad));
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message().contains(QStringLiteral("malformed")), qPrintable(c.error().message()));
        QCOMPARE(c.error().code(), SQLITE_CORRUPT);

        auto dir = await(m.open(m_dir.path()));
        QVERIFY(!dir.ok());
        QVERIFY(dir.error().message().contains(QStringLiteral("directory")));
    }

    void readOnlyRejectsWrites()
    {
        const QString p = path("ro.db");
        {
            Manager w;
            QVERIFY(LH_OK(w.open(p)).ok());
            QVERIFY(LH_OK(w.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        }
        Manager m;
        OpenOptions o;
        o.readOnly = true;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        auto r = await(m.execute(p, QStringLiteral("INSERT INTO t VALUES (1)")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), SQLITE_READONLY);
        QVERIFY(r.error().message().contains(QStringLiteral("readonly")));
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 0);
        // Read-only never creates a file.
        auto missing = await(m.open(path("missing.db"), o));
        QVERIFY(!missing.ok());
        QVERIFY(!QFile::exists(path("missing.db")));
    }

    void existingFileKeepsJournalMode()
    {
        const QString p = path("rollback.db");
        QCOMPARE(sqlite3Shell(p, {}, "PRAGMA journal_mode=delete; CREATE TABLE t(x);"), QByteArray("delete\n"));
        Manager m;
        auto info = LH_OK(m.open(p));
        QCOMPARE(info.value().journalMode, QStringLiteral("delete"));
        QVERIFY(!info.value().created);
    }

    void streamingInChunks()
    {
        Manager m;
        const QString p = path("stream.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.executeScript(p, QStringLiteral("CREATE TABLE t(x);"
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<50000) INSERT INTO t SELECT x FROM c;"))).ok());
        ExecOptions o;
        o.route = Route::Auto;
        auto s = LH_OK(m.stream(p, QStringLiteral("SELECT x FROM t ORDER BY x"), {}, o));
        QVERIFY(s.ok());
        auto stream = s.value();
        QCOMPARE(stream->columns(), QStringList{QStringLiteral("x")});
        qint64 total = 0, sum = 0;
        int chunks = 0;
        while (!stream->atEnd()) {
            auto chunk = await(stream->fetch(1000));
            QVERIFY(chunk.ok());
            QVERIFY(chunk.value().rowCount() <= 1000);
            for (qsizetype r = 0; r < chunk.value().rowCount(); ++r)
                sum += chunk.value().at(r, 0).toInt();
            total += chunk.value().rowCount();
            ++chunks;
        }
        QCOMPARE(total, 50000);
        QCOMPARE(sum, qint64(50000) * 50001 / 2);
        QVERIFY(chunks >= 50);
        QCOMPARE(stream->rowsFetched(), 50000);

        // A stream holds its snapshot: rows written meanwhile do not appear in it.
        auto s2 = LH_OK(m.stream(p, QStringLiteral("SELECT x FROM t"), {}, o)).value();
        auto first = await(s2->fetch(10));
        QCOMPARE(first.value().rowCount(), 10);
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (-1)"))).ok());
        qint64 rest = 10;
        while (!s2->atEnd())
            rest += await(s2->fetch(10000)).value().rowCount();
        QCOMPARE(rest, 50000);
        // Closing early releases it; fetch after close yields nothing.
        auto s3 = LH_OK(m.stream(p, QStringLiteral("SELECT x FROM t"), {}, o)).value();
        QCOMPARE(await(s3->fetch(5)).value().rowCount(), 5);
        QVERIFY(await(s3->close()).ok());
        QVERIFY(s3->atEnd());
        QCOMPARE(await(s3->fetch(5)).value().rowCount(), 0);
    }

    void batchCommitsOrRollsBackWhole()
    {
        Manager m;
        const QString p = path("batch.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v)"))).ok());
        auto b = m.batch(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), 1000);
        for (int i = 1; i <= 2500; ++i)
            QVERIFY(b->add({Value(i), Value(i * 2)}).ok());
        auto done = LH_OK(b->finish());
        QVERIFY(done.ok());
        QCOMPARE(done.value(), 2500);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 2500);

        // A failure in the second chunk undoes the first chunk too.
        auto bad = m.batch(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), 100);
        for (int i = 0; i < 150; ++i)
            bad->add({Value(10000 + i), Value(0)});
        bad->add({Value(1), Value(0)}); // duplicate key
        auto f = await(bad->finish());
        QVERIFY(!f.ok());
        QCOMPARE(f.error().code(), SQLITE_CONSTRAINT);
        QCOMPARE(scalar(m, p, QStringLiteral("SELECT count(*) FROM t")), 2500);
        QVERIFY(!m.transactionState(p).active);
    }

    void statementCacheCounts()
    {
        Manager m;
        const QString p = path("cache.db");
        OpenOptions o;
        o.maxReaders = 0;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        const CacheStats before = m.statementCacheStats(p);
        for (int i = 0; i < 10; ++i)
            QVERIFY(LH_OK(m.execute(p, QStringLiteral("SELECT ?"), Params{Value(i)})).ok());
        const CacheStats after = m.statementCacheStats(p);
        QCOMPARE(after.misses - before.misses, 1);
        QCOMPARE(after.hits - before.hits, 9);
    }

    void cachedStatementFollowsSchemaChanges()
    {
        Manager m;
        const QString p = path("schema-change.db");
        OpenOptions o;
        o.maxReaders = 0;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(a)"))).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("INSERT INTO t VALUES (1)"))).ok());
        const QString sql = QStringLiteral("SELECT * FROM t");
        QCOMPARE(LH_OK(m.execute(p, sql)).value().rows.columns(), QStringList{QStringLiteral("a")});
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("ALTER TABLE t ADD COLUMN b TEXT"))).ok());
        LH_OK(m.execute(p, sql)); // SQLite prepares the cached statement again here
        const auto r = LH_OK(m.execute(p, sql));
        QCOMPARE(r.value().rows.columns(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(r.value().rows.declTypes(), (QStringList{QString(), QStringLiteral("TEXT")}));
        QCOMPARE(r.value().rows.row(0).size(), size_t(2));
    }

    void sameStatementBorrowedTwice()
    {
        Manager m;
        const QString p = path("borrow.db");
        OpenOptions o;
        o.maxReaders = 0;
        o.statementCacheSize = 1;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        auto r = await(m.withConnection<int>(p, Route::Writer, [](Connection &c) -> Outcome<int> {
            auto a = c.prepare("SELECT 1");
            auto b = c.prepare("SELECT 1"); // the cached one is in use: a second one
            if (!a || !b || a.value().handle() == b.value().handle())
                return Error::invalid(QStringLiteral("expected two statements"));
            auto other = c.prepare("SELECT 2"); // over the cache's size while both are out
            if (!other)
                return other.error();
            return 1;
        }));
        QVERIFY(r.ok());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(LH_OK(m.execute(p, QStringLiteral("SELECT 1"))).value().rows.at(0, 0).toInt(), 1);
            QCOMPARE(LH_OK(m.execute(p, QStringLiteral("SELECT 2"))).value().rows.at(0, 0).toInt(), 2);
        }
        QCOMPARE(m.statementCacheStats(p).size, 1);
    }

    void processLockExcludesSecondHolder()
    {
        const QString p = path("locked.db");
        const QString dir = path("locked-migrations");
        QVERIFY(QDir().mkpath(dir));
        {
            QFile up(dir + QStringLiteral("/001_one.up.sql"));
            QVERIFY(up.open(QIODevice::WriteOnly));
            up.write("CREATE TABLE one(x);");
        }
        {
            Manager m;
            QVERIFY(LH_OK(m.open(p)).ok());
        }
        ProcessLock a(p);
        QVERIFY(a.acquire(0).ok());
        // QLockFile is per process: the real test is a second process that
        // wants the same lock (litehouse-cli's migration runner takes it).
        const QStringList migrate{QStringLiteral("--no-history"), QStringLiteral("migrate"), QStringLiteral("up"), p,
                                  QStringLiteral("--dir"), dir, QStringLiteral("--lock-timeout"), QStringLiteral("0")};
        Child refused;
        QVERIFY(refused.start(cliPath(), migrate));
        refused.closeWrite();
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 1);
        const QByteArray why = refused.takeError();
        QVERIFY2(why.contains("another migration is running"), why.constData());
        QCOMPARE(sqlite3Shell(p, {}, "SELECT count(*) FROM sqlite_schema WHERE name = 'one';\n").trimmed(), QByteArray("0"));
        a.release();
        QVERIFY(!QFile::exists(ProcessLock::lockPathFor(p)));
        // Released, the same command runs.
        Child allowed;
        QVERIFY(allowed.start(cliPath(), migrate));
        allowed.closeWrite();
        QVERIFY(allowed.waitForFinished(60000));
        QCOMPARE(allowed.exitCode(), 0);
        QCOMPARE(sqlite3Shell(p, {}, "SELECT count(*) FROM sqlite_schema WHERE name = 'one';\n").trimmed(), QByteArray("1"));
    }

    void boundedQueueFailsClearlyOnTheOwnerThread()
    {
        Manager m;
        const QString p = path("queue.db");
        OpenOptions o;
        o.maxQueuedTasks = 3;
        QVERIFY(LH_OK(m.open(p, o)).ok());
        // Hold the writer with a long query, then queue past the limit from
        // the manager's own thread, which must never wait.
        ExecOptions blocker;
        auto longOne = m.execute(p, QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                                                   "SELECT count(*) FROM c"), {}, blocker);
        // Out of the queue and running: the queue is empty before the six.
        QTRY_VERIFY_WITH_TIMEOUT(blocker.cancel.isRunning(), 30000);
        QList<QFuture<Outcome<StatementResult>>> queued;
        for (int i = 0; i < 6; ++i)
            queued.append(m.execute(p, QStringLiteral("SELECT ?"), Params{Value(i)}));
        int full = 0;
        for (auto &f : queued)
            if (f.isFinished() && !f.result().ok() && f.result().error().kind() == Error::Kind::QueueFull) {
                ++full;
                QVERIFY(f.result().error().message().contains(QStringLiteral("limit 3")));
            }
        QCOMPARE(full, 3);
        blocker.cancel.cancel();
        QCOMPARE(await(longOne).error().kind(), Error::Kind::Interrupted);
        // The ones that were queued ran.
        int ok = 0;
        for (auto &f : queued)
            ok += await(f).ok() ? 1 : 0;
        QCOMPARE(ok, 3);
        // From another thread, a full queue waits instead of failing.
        std::atomic<int> waitedOk{0};
        std::atomic<int> submitted{0};
        ExecOptions blocker2;
        auto longTwo = m.execute(p, QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                                                   "SELECT count(*) FROM c"), {}, blocker2);
        QTRY_VERIFY_WITH_TIMEOUT(blocker2.cancel.isRunning(), 30000);
        std::thread worker([&] {
            QList<QFuture<Outcome<StatementResult>>> fs;
            for (int i = 0; i < 8; ++i) {
                fs.append(m.execute(p, QStringLiteral("SELECT 1")));
                ++submitted;
            }
            for (auto &f : fs)
                waitedOk += await(f).ok() ? 1 : 0;
        });
        // The queue is full once three wait behind the blocker: the fourth waits.
        QTRY_VERIFY_WITH_TIMEOUT(submitted.load() >= 3, 30000);
        QCOMPARE(submitted.load(), 3);
        blocker2.cancel.cancel();
        worker.join();
        await(longTwo);
        QCOMPARE(waitedOk.load(), 8);
    }

    void closeWaitsForQueuedWork()
    {
        Manager m;
        const QString p = path("close.db");
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(x)"))).ok());
        QList<QFuture<Outcome<StatementResult>>> fs;
        for (int i = 0; i < 200; ++i)
            fs.append(m.execute(p, QStringLiteral("INSERT INTO t VALUES (?)"), Params{Value(i)}));
        QVERIFY(LH_OK(m.close(p)).ok());
        for (auto &f : fs)
            QVERIFY(f.result().ok());
        auto after = await(m.execute(p, QStringLiteral("SELECT 1")));
        QCOMPARE(after.error().kind(), Error::Kind::NotOpen);
        QCOMPARE(sqlite3Shell(p, {}, "SELECT count(*) FROM t;"), QByteArray("200\n"));
    }
};

QTEST_GUILESS_MAIN(TestManager)
#include "tst_manager.moc"
