// An editor tab runs SQL as sqlite3 would: one session, in order, with its
// state kept (TEMP objects, ATTACH, PRAGMAs, transactions), statements that
// write found by SQLite rather than by their first word, and exports that
// never run a statement that writes a second time. Each case runs the same
// script in a QueryTab and in the sqlite3 shell, on two copies of one
// database, and compares what each printed (as CSV with headers) and the
// databases they left behind (.dump).

#include <editor/sqleditor.h>
#include <query/querytab.h>
#include <results/resultmodel.h>
#include <results/resultview.h>

#include <core/manager.h>
#include <core/rowformat.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Litehouse;

namespace {

struct Shell
{
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

// sqlite3 with -bail: it stops at the first error, as the editor does.
Shell shell(const QString &db, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), QStringList(args) << db);
    Shell s;
    if (!p.waitForStarted(30000)) {
        s.err = "cannot start sqlite3";
        return s;
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    s.out = p.readAllStandardOutput();
    s.err = p.readAllStandardError();
    s.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return s;
}

// The rows the model shows, written as sqlite3 -csv -header writes them.
QByteArray shownAsCsv(ResultModel *m)
{
    ResultSet rows(m->columns(), {});
    for (int r = 0; r < m->rowCount(); ++r)
        for (int c = 0; c < m->columnCount(); ++c) {
            const Value *v = m->valueAt(r, c);
            if (!v)
                return "<row not in memory>";
            rows.append(*v);
        }
    QString text;
    QTextStream out(&text);
    writeRows(out, rows, Format::Csv);
    out.flush();
    return text.toUtf8();
}

// Runs the text as F5 would and waits for the run to end: whether it
// succeeded, or nothing when it did not end in time.
std::optional<bool> runInTab(QueryTab &tab, const QString &sql)
{
    QSignalSpy done(&tab, &QueryTab::runFinished);
    tab.editor()->setPlainText(sql);
    tab.run(QueryTab::Scope::All);
    if (!done.wait(30000))
        return std::nullopt;
    return done.at(0).at(0).toBool();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<cannot read ") + path.toUtf8() + '>';
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_case = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(shell(QStringLiteral(":memory:"), {}, "SELECT 1;").out == "1\n", "the sqlite3 shell is missing");
    }

    void runsAsSqlite3_data()
    {
        QTest::addColumn<QString>("setup");
        // Run one after another in the tab (each result is exported after its
        // run); sqlite3 gets them all as one script.
        QTest::addColumn<QStringList>("runs");
        // The error the last run must end with (sqlite3 must report it too).
        QTest::addColumn<QString>("error");

        QTest::newRow("temp table") << QString()
                                    << QStringList{QStringLiteral("CREATE TEMP TABLE tt(x); INSERT INTO tt VALUES (1),(2);"
                                                                  " SELECT * FROM tt;"),
                                                   QStringLiteral("SELECT x * 10 AS ten FROM tt ORDER BY x DESC;")}
                                    << QString();
        QTest::newRow("temp view in a savepoint")
            << QString()
            << QStringList{QStringLiteral("SAVEPOINT a; CREATE TEMP VIEW v AS SELECT 1 AS one, 'two' AS two;"
                                          " SELECT * FROM v; RELEASE a; SELECT two FROM v;")}
            << QString();
        QTest::newRow("attach") << QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                                << QStringList{QStringLiteral("ATTACH '%DIR%/other.db' AS o; CREATE TABLE o.t2(y);"
                                                              " INSERT INTO o.t2 VALUES ('b'),('a');"),
                                               QStringLiteral("SELECT y FROM o.t2 ORDER BY y;"
                                                              " SELECT t.x, o.t2.y FROM t, o.t2 ORDER BY 2;")}
                                << QString();
        QTest::newRow("foreign_keys")
            << QStringLiteral("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(pid REFERENCES p(id));"
                              " INSERT INTO p VALUES (1);")
            << QStringList{QStringLiteral("PRAGMA foreign_keys=ON; INSERT INTO c VALUES (1); SELECT * FROM c;"),
                           QStringLiteral("INSERT INTO c VALUES (7);")}
            << QStringLiteral("FOREIGN KEY constraint failed");
        QTest::newRow("case_sensitive_like")
            << QString()
            << QStringList{QStringLiteral("PRAGMA case_sensitive_like=ON;"),
                           QStringLiteral("SELECT 'a' LIKE 'A' AS ci, 'a' LIKE 'a' AS cs;")}
            << QString();
        QTest::newRow("WITH ... INSERT/UPDATE/DELETE")
            << QString()
            << QStringList{QStringLiteral("CREATE TABLE w(x); WITH c(v) AS (SELECT 5) INSERT INTO w SELECT v FROM c;"
                                          " WITH c(v) AS (SELECT 6) INSERT INTO w SELECT v FROM c; SELECT x FROM w;"),
                           QStringLiteral("WITH c(v) AS (SELECT 60) UPDATE w SET x = (SELECT v FROM c) WHERE x = 6;"
                                          " SELECT x FROM w ORDER BY x;"),
                           QStringLiteral("WITH c(v) AS (SELECT 5) DELETE FROM w WHERE x IN (SELECT v FROM c);"
                                          " SELECT count(*) AS n FROM w;")}
            << QString();
        QTest::newRow("RETURNING outside a transaction")
            << QStringLiteral("CREATE TABLE r(id INTEGER PRIMARY KEY, v TEXT);")
            << QStringList{QStringLiteral("INSERT INTO r(v) VALUES ('a'),('b') RETURNING id, v;"),
                           QStringLiteral("WITH c(v) AS (VALUES ('y'),('z')) INSERT INTO r(v) SELECT v FROM c"
                                          " RETURNING id, upper(v) AS big;"),
                           QStringLiteral("SELECT count(*) AS n FROM r;")}
            << QString();
        QTest::newRow("RETURNING inside a transaction")
            << QStringLiteral("CREATE TABLE r(id INTEGER PRIMARY KEY, v TEXT);")
            << QStringList{QStringLiteral("BEGIN; WITH c(v) AS (VALUES ('x'),('y')) INSERT INTO r(v) SELECT v FROM c"
                                          " RETURNING id, v; UPDATE r SET v = v || '!' RETURNING v;"
                                          " SELECT count(*) AS n FROM r;"),
                           QStringLiteral("COMMIT; SELECT * FROM r ORDER BY id;")}
            << QString();
    }

    void runsAsSqlite3()
    {
        QFETCH(QString, setup);
        QFETCH(QStringList, runs);
        QFETCH(QString, error);
        const QString mine = m_dir.filePath(QStringLiteral("case%1/litehouse").arg(m_case));
        const QString theirs = m_dir.filePath(QStringLiteral("case%1/sqlite3").arg(m_case));
        ++m_case;
        QVERIFY(QDir().mkpath(mine) && QDir().mkpath(theirs));
        const QString myDb = mine + QStringLiteral("/main.db");
        const QString theirDb = theirs + QStringLiteral("/main.db");
        for (const QString &db : {myDb, theirDb}) {
            const Shell s = shell(db, {}, (setup + QStringLiteral("PRAGMA journal_mode=WAL;")).toUtf8());
            QVERIFY2(s.exitCode == 0, s.err.constData());
        }

        // sqlite3: every run as one script.
        QString script;
        for (const QString &r : runs)
            script += QString(r).replace(QStringLiteral("%DIR%"), theirs) + QLatin1Char('\n');
        const Shell expected = shell(theirDb, {QStringLiteral("-bail"), QStringLiteral("-csv"), QStringLiteral("-header")},
                                       script.toUtf8());
        if (error.isEmpty())
            QVERIFY2(expected.exitCode == 0, expected.err.constData());
        else
            QVERIFY2(expected.err.contains(error.toUtf8()), expected.err.constData());

        // Litehouse: each run in the same tab, every result shown and exported.
        QByteArray shown;
        QByteArray exported;
        {
            Manager m;
            QVERIFY(await(m.open(myDb)).ok());
            QueryTab tab(&m);
            tab.setDatabase(myDb);
            QVERIFY(tab.sessionText().contains(QStringLiteral("TEMP tables")));
            for (qsizetype i = 0; i < runs.size(); ++i) {
                const std::optional<bool> ok = runInTab(tab, QString(runs.at(i)).replace(QStringLiteral("%DIR%"), mine));
                QVERIFY(ok.has_value());
                const bool last = i == runs.size() - 1;
                if (last && !error.isEmpty()) {
                    QCOMPARE(*ok, false);
                    QVERIFY2(tab.errorText().contains(error), qPrintable(tab.errorText()));
                } else {
                    QVERIFY2(*ok, qPrintable(tab.errorText()));
                }
                for (int k = 0; k < tab.resultCount(); ++k) {
                    ResultModel *model = tab.resultModel(k);
                    QTRY_VERIFY_WITH_TIMEOUT(model->atEnd() && !model->isFetching(), 30000);
                    shown += shownAsCsv(model);
                    const QString out = mine + QStringLiteral("/export-%1-%2.csv").arg(i).arg(k);
                    auto f = tab.resultView(k)->exportTo(out, Format::Csv);
                    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 30000);
                    QVERIFY2(f.result().ok(), qPrintable(f.result() ? QString() : f.result().error().message()));
                    exported += readFile(out);
                }
            }
            QVERIFY(await(m.close(myDb)).ok());
        }
        QCOMPARE(shown, expected.out);
        QCOMPARE(exported, expected.out);
        // Nothing ran twice, nothing was lost: both databases hold the same.
        const Shell myDump = shell(myDb, {}, ".dump\n");
        const Shell theirDump = shell(theirDb, {}, ".dump\n");
        QCOMPARE(myDump.out, theirDump.out);
        if (QFile::exists(theirs + QStringLiteral("/other.db")))
            QCOMPARE(shell(mine + QStringLiteral("/other.db"), {}, ".dump\n").out,
                     shell(theirs + QStringLiteral("/other.db"), {}, ".dump\n").out);
    }

    void aWritingStatementIsNotRunAgainByItsResult()
    {
        // Its rows are all held: nothing to reload or count by running it again.
        const QString db = m_dir.filePath(QStringLiteral("once.db"));
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE TABLE r(id INTEGER PRIMARY KEY)"))).ok());
        QueryTab tab(&m);
        tab.setDatabase(db);
        const std::optional<bool> ok =
            runInTab(tab, QStringLiteral("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000)"
                                         " INSERT INTO r SELECT i FROM c RETURNING id;"));
        QVERIFY(ok.has_value());
        QVERIFY2(*ok, qPrintable(tab.errorText()));
        QCOMPARE(tab.resultCount(), 1);
        ResultModel *model = tab.resultModel(0);
        model->setMaxCachedRows(100); // would drop rows of a query it may run again
        QTRY_VERIFY_WITH_TIMEOUT(model->atEnd() && !model->isFetching(), 30000);
        QCOMPARE(model->rowCount(), 2000);
        QVERIFY(!model->canRerun());
        QCOMPARE(model->cachedRows(), 2000);
        QCOMPARE(model->valueAt(0, 0)->toInt(), 1);
        QCOMPARE(model->totalCount(), 2000);
        model->countRows(); // nothing to count again
        const QString out = m_dir.filePath(QStringLiteral("once.json"));
        auto f = tab.resultView(0)->exportTo(out, Format::Json);
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 30000);
        QVERIFY(f.result().ok());
        QCOMPARE(f.result().value(), 2000);
        auto count = await(m.execute(db, QStringLiteral("SELECT count(*) FROM r")));
        QVERIFY(count.ok());
        QCOMPARE(count.value().rows.at(0, 0).toInt(), 2000);
    }

    void aResultReadHalfwayDoesNotBlockTheNextRun()
    {
        // A read of session state stays on the session, its statement open
        // while the grid has more to fetch. The next run closes it first:
        // VACUUM refuses to run beside an open statement.
        const QString db = m_dir.filePath(QStringLiteral("halfway.db"));
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        QueryTab tab(&m);
        tab.setDatabase(db);
        auto runIn = [&tab](const QString &sql) { return runInTab(tab, sql).value_or(false); };
        QVERIFY2(runIn(QStringLiteral("CREATE TEMP TABLE big AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                                      " FROM c WHERE i < 5000) SELECT i FROM c; SELECT * FROM big;")),
                 qPrintable(tab.errorText()));
        QTRY_VERIFY_WITH_TIMEOUT(tab.resultCount() == 1 && tab.resultModel(0)->rowCount() > 0
                                     && !tab.resultModel(0)->isFetching(), 30000);
        QVERIFY(!tab.resultModel(0)->atEnd()); // more to fetch: the statement is open
        QVERIFY2(runIn(QStringLiteral("VACUUM;")), qPrintable(tab.errorText()));
        QVERIFY2(runIn(QStringLiteral("SELECT count(*) FROM big;")), qPrintable(tab.errorText()));
        QTRY_VERIFY_WITH_TIMEOUT(tab.resultCount() == 1 && tab.resultModel(0)->rowCount() == 1, 30000);
        QCOMPARE(tab.resultModel(0)->valueAt(0, 0)->toInt(), 5000);
    }

    void exportRefusesToRunAStatementThatWrites()
    {
        const QString db = m_dir.filePath(QStringLiteral("refuse.db"));
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE TABLE r(v)"))).ok());
        const QString out = m_dir.filePath(QStringLiteral("refuse.csv"));
        auto f = exportQuery(&m, db, QStringLiteral("WITH c(v) AS (SELECT 1) INSERT INTO r SELECT v FROM c RETURNING v"),
                             out, Format::Csv);
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 30000);
        QVERIFY(!f.result().ok());
        QVERIFY2(f.result().error().message().contains(QStringLiteral("changes the database")),
                 qPrintable(f.result().error().message()));
        QVERIFY(!QFile::exists(out));
        auto count = await(m.execute(db, QStringLiteral("SELECT count(*) FROM r")));
        QCOMPARE(count.value().rows.at(0, 0).toInt(), 0);
    }

    void errorsNameNoInternals()
    {
        const QString db = m_dir.filePath(QStringLiteral("words.db"));
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        QueryTab tab(&m);
        tab.setDatabase(db);
        const QStringList scripts{QStringLiteral("WITH c(v) AS (SELECT 1) INSERT INTO missing SELECT v FROM c;"),
                                  QStringLiteral("SELECT * FROM missing;"), QStringLiteral("SELECT 1 +;")};
        for (const QString &sql : scripts) {
            const std::optional<bool> ok = runInTab(tab, sql);
            QVERIFY(ok.has_value());
            QCOMPARE(*ok, false);
            const QString e = tab.errorText();
            QVERIFY2(!e.isEmpty(), qPrintable(sql));
            for (const char *word : {"lane", "writer", "reader", "stream"})
                QVERIFY2(!e.contains(QLatin1String(word), Qt::CaseInsensitive), qPrintable(e));
        }
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
