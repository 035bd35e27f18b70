#include "../core/testutil.h"

#include <core/processlock.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace LitehouseTest;

class TestCliMigrate : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_serial = 0;

    struct Case
    {
        QString dir;
        QString db;
    };
    Case fresh()
    {
        const QString name = QStringLiteral("case%1").arg(++m_serial);
        QDir(m_tmp.path()).mkdir(name);
        return {m_tmp.filePath(name), m_tmp.filePath(name + QStringLiteral(".db"))};
    }
    static void write(const QString &dir, const QString &file, const QByteArray &text)
    {
        QFile f(dir + QLatin1Char('/') + file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    static void writeThree(const QString &dir)
    {
        write(dir, QStringLiteral("001_create_authors.up.sql"), "CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT);\n");
        write(dir, QStringLiteral("001_create_authors.down.sql"), "DROP TABLE authors;\n");
        write(dir, QStringLiteral("002_add_books.up.sql"), "CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT);\n");
        write(dir, QStringLiteral("002_add_books.down.sql"), "DROP TABLE books;\n");
        write(dir, QStringLiteral("003_seed.up.sql"), "INSERT INTO authors(name) VALUES ('Lem');\n");
    }
    static CliRun migrate(const QStringList &args)
    {
        return runCli(QStringList{QStringLiteral("migrate")} + args);
    }
    static QString dirArg() { return QStringLiteral("--dir"); }
    static QByteArray query(const QString &db, const QString &sql)
    {
        return sqlite3Shell(db, {QStringLiteral("-cmd"), sql}).trimmed();
    }
    static QJsonArray statusJson(const Case &c)
    {
        const CliRun r = migrate({QStringLiteral("status"), c.db, dirArg(), c.dir, QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("status failed: %s", r.err.constData());
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        if (e.error != QJsonParseError::NoError || !doc.isArray())
            qWarning("not a JSON array: %s", r.out.constData());
        return doc.array();
    }

private Q_SLOTS:
    void aNoTransactionMigrationKilledHalfwayNeedsRepair()
    {
        // Outside a transaction a migration's changes commit as they go: killed
        // halfway, it is partly applied. The next run must not apply it again
        // as if nothing happened; it says the migration needs repair.
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_table.up.sql"), "CREATE TABLE t(x);\n");
        write(c.dir, QStringLiteral("002_slow.up.sql"),
              "-- litehouse:no-transaction\nCREATE TABLE started(x);\n"
              "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c;\n");
        Child run;
        QVERIFY(run.start(cliPath(), {QStringLiteral("--no-history"), QStringLiteral("migrate"), QStringLiteral("up"), c.db,
                                      dirArg(), c.dir}));
        run.closeWrite();
        // Its first statement is done (it never ends by itself): kill it there.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(c.db) && query(c.db, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'started'")) == "1",
                                 60000);
        run.kill(); // SIGKILL
        QVERIFY(run.waitForFinished(30000));
        QVERIFY(run.crashed());
        QCOMPARE(query(c.db, QStringLiteral("SELECT group_concat(version) FROM _migrations")), QByteArray("1"));

        const CliRun again = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("migration 2 (slow) needs repair"), again.err.constData());
        const QJsonArray st = statusJson(c);
        QCOMPARE(st.size(), 2);
        QCOMPARE(st.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("interrupted"));
        // Repaired by hand (its table dropped, the note deleted, the endless
        // query fixed), it runs and is recorded.
        write(c.dir, QStringLiteral("002_slow.up.sql"), "-- litehouse:no-transaction\nCREATE TABLE started(x);\n");
        query(c.db, QStringLiteral("DROP TABLE started; DELETE FROM _migrations_interrupted WHERE version = 2;"));
        const CliRun repaired = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QVERIFY2(repaired.exitCode == 0, repaired.err.constData());
        QCOMPARE(query(c.db, QStringLiteral("SELECT group_concat(version) FROM _migrations")), QByteArray("1,2"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations_interrupted")), QByteArray("0"));
    }

    void initTestCase()
    {
        QVERIFY(QFile::exists(cliPath()));
    }

    void statusOnAMissingFileListsPendingAndCreatesNothing()
    {
        const Case c = fresh();
        writeThree(c.dir);
        const QJsonArray a = statusJson(c);
        QCOMPARE(a.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject o = a.at(i).toObject();
            QCOMPARE(o.value(QStringLiteral("version")).toInteger(), i + 1);
            QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
            QVERIFY(o.value(QStringLiteral("applied_at")).isNull());
            QCOMPARE(o.keys().size(), 4);
        }
        QCOMPARE(a.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("add_books"));
        const CliRun plain = migrate({QStringLiteral("status"), c.db, dirArg(), c.dir});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY2(plain.out.startsWith("version  name"), plain.out.constData());
        QVERIFY(plain.out.contains("2        add_books       pending"));
        const CliRun valid = migrate({QStringLiteral("validate"), c.db, dirArg(), c.dir});
        QCOMPARE(valid.exitCode, 0);
        const CliRun dry = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--dry-run")});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("-- would apply 002_add_books.up.sql (in one transaction)\n"
                                  "CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT);\n"), dry.out.constData());
        QVERIFY(dry.out.contains("3 migrations would run"));
        QVERIFY(!QFile::exists(c.db));
    }

    void upStatusAndDown()
    {
        const Case c = fresh();
        writeThree(c.dir);
        const CliRun up2 = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--target"), QStringLiteral("2")});
        QCOMPARE(up2.exitCode, 0);
        QVERIFY2(up2.out.contains("applied 001_create_authors.up.sql ("), up2.out.constData());
        QVERIFY(up2.out.contains("applied 002_add_books.up.sql ("));
        QVERIFY(!up2.out.contains("003"));
        QVERIFY(up2.out.endsWith("the database is at version 2 (was 0)\n"));
        QJsonArray a = statusJson(c);
        QCOMPARE(a.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("applied"));
        QVERIFY(a.at(0).toObject().value(QStringLiteral("applied_at")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(a.at(2).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));

        const CliRun below = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--target"), QStringLiteral("1")});
        QCOMPARE(below.exitCode, 1);
        QVERIFY2(below.err.contains("use down --target 1"), below.err.constData());

        const CliRun rest = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QCOMPARE(rest.exitCode, 0);
        QCOMPARE(query(c.db, QStringLiteral("SELECT name FROM authors")), QByteArray("Lem"));
        const CliRun none = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(none.out, QByteArray("nothing to apply; the database is at version 3\n"));

        // 003 has no down file: down names it and changes nothing.
        const CliRun noDown = migrate({QStringLiteral("down"), c.db, dirArg(), c.dir});
        QCOMPARE(noDown.exitCode, 1);
        QVERIFY2(noDown.err.contains("003_seed.down.sql"), noDown.err.constData());
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations")), QByteArray("3"));
        write(c.dir, QStringLiteral("003_seed.down.sql"), "DELETE FROM authors WHERE name = 'Lem';\n");
        const CliRun dryDown = migrate({QStringLiteral("down"), c.db, dirArg(), c.dir, QStringLiteral("--target"),
                                        QStringLiteral("1"), QStringLiteral("--dry-run")});
        QCOMPARE(dryDown.exitCode, 0);
        QVERIFY2(dryDown.out.startsWith("-- would revert with 003_seed.down.sql (in one transaction)\n"
                                        "DELETE FROM authors WHERE name = 'Lem';\n"
                                        "-- would revert with 002_add_books.down.sql (in one transaction)\n"
                                        "DROP TABLE books;\n"), dryDown.out.constData());
        QVERIFY(dryDown.out.contains("the database would be at version 1"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations")), QByteArray("3"));
        const CliRun down = migrate({QStringLiteral("down"), c.db, dirArg(), c.dir, QStringLiteral("--target"), QStringLiteral("1")});
        QCOMPARE(down.exitCode, 0);
        QVERIFY2(down.out.startsWith("reverted 003_seed.down.sql ("), down.out.constData());
        QVERIFY(down.out.contains("reverted 002_add_books.down.sql ("));
        QCOMPARE(query(c.db, QStringLiteral("SELECT group_concat(version) FROM _migrations")), QByteArray("1"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'books'")), QByteArray("0"));
    }

    void failureNamesFileStatementAndMessage()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("1_ok.up.sql"), "CREATE TABLE ok(x);\n");
        write(c.dir, QStringLiteral("2_bad.up.sql"), "CREATE TABLE half(x);\nINSERT INTO ok VALUES (1, 2);\n");
        const CliRun r = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.startsWith("litehouse-cli: error: migration 2_bad.up.sql failed at line 2: "));
        QVERIFY2(r.err.contains("table ok has 1 columns but 2 values were supplied"), r.err.constData());
        QVERIFY(r.err.contains("statement: INSERT INTO ok VALUES (1, 2);"));
        QVERIFY(r.out.contains("applied 1_ok.up.sql"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT group_concat(version) FROM _migrations")), QByteArray("1"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'half'")), QByteArray("0"));
    }

    void badNamesAreAllListed()
    {
        const Case c = fresh();
        writeThree(c.dir);
        write(c.dir, QStringLiteral("4-add-index.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("V5__flyway_style.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("006_x.sql"), "SELECT 1;");
        for (const char *action : {"status", "up", "validate"}) {
            const CliRun r = migrate({QLatin1String(action), c.db, dirArg(), c.dir});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.contains("4-add-index.up.sql") && r.err.contains("V5__flyway_style.sql")
                         && r.err.contains("006_x.sql"), r.err.constData());
        }
        QVERIFY(!QFile::exists(c.db));
    }

    void changedAndOutOfOrderAreRefused()
    {
        const Case c = fresh();
        writeThree(c.dir);
        QCOMPARE(migrate({QStringLiteral("up"), c.db, dirArg(), c.dir}).exitCode, 0);
        write(c.dir, QStringLiteral("002_add_books.up.sql"), "CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT, isbn TEXT);\n");
        QCOMPARE(statusJson(c).at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("changed"));
        const CliRun valid = migrate({QStringLiteral("validate"), c.db, dirArg(), c.dir});
        QCOMPARE(valid.exitCode, 1);
        QVERIFY2(valid.err.contains("validation found 1 problem: migration 2 (add_books) was changed"), valid.err.constData());
        const CliRun validJson = migrate({QStringLiteral("validate"), c.db, dirArg(), c.dir, QStringLiteral("--json")});
        QCOMPARE(validJson.exitCode, 1);
        const QJsonArray problems = QJsonDocument::fromJson(validJson.out).array();
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.at(0).toString().startsWith(QLatin1String("migration 2 (add_books) was changed")));
        write(c.dir, QStringLiteral("010_later.up.sql"), "CREATE TABLE later(x);\n");
        const CliRun refused = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("--allow-changed"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations")), QByteArray("3"));
        QCOMPARE(migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--allow-changed")}).exitCode, 0);
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations")), QByteArray("4"));

        write(c.dir, QStringLiteral("005_between.up.sql"), "CREATE TABLE between_(x);\n");
        const CliRun ooo = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--allow-changed")});
        QCOMPARE(ooo.exitCode, 1);
        QVERIFY2(ooo.err.contains("migration 5 (between) is pending but below the current version 10"), ooo.err.constData());
        const CliRun ok = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--allow-changed"),
                                   QStringLiteral("--allow-out-of-order")});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.out.contains("applied 005_between.up.sql"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("needle");
        const QString db = QStringLiteral("x.db");
        QTest::newRow("no action") << QStringList{} << QByteArray("needs an action");
        QTest::newRow("unknown action") << QStringList{"sideways", db, "--dir", "."} << QByteArray("sideways");
        QTest::newRow("no db") << QStringList{"up", "--dir", "."} << QByteArray("one DB");
        QTest::newRow("no dir") << QStringList{"up", db} << QByteArray("--dir");
        QTest::newRow("dir without value") << QStringList{"up", db, "--dir"} << QByteArray("--dir needs a value");
        QTest::newRow("unknown option") << QStringList{"up", db, "--dir", ".", "--force"} << QByteArray("--force");
        QTest::newRow("target not a number") << QStringList{"up", db, "--dir", ".", "--target", "two"} << QByteArray("two");
        QTest::newRow("negative target") << QStringList{"down", db, "--dir", ".", "--target", "-1"} << QByteArray("-1");
        QTest::newRow("bad lock timeout") << QStringList{"up", db, "--dir", ".", "--lock-timeout", "soon"} << QByteArray("soon");
        QTest::newRow("target on status") << QStringList{"status", db, "--dir", ".", "--target", "1"} << QByteArray("--target");
        QTest::newRow("two dbs") << QStringList{"up", db, db, "--dir", "."} << QByteArray("one DB");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, needle);
        const CliRun r = migrate(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("litehouse-cli: error: "));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(needle), r.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("x.db")));
    }

    void lockTimeoutExitsOne()
    {
        const Case c = fresh();
        writeThree(c.dir);
        Litehouse::ProcessLock held(c.db);
        QVERIFY(held.acquire(0).ok());
        QElapsedTimer t;
        t.start();
        const CliRun r = migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--lock-timeout"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(t.elapsed() >= 900);
        QVERIFY2(r.err.contains("another migration is running"), r.err.constData());
        QVERIFY(r.err.contains("gave up after 1 s"));
        QVERIFY(!QFile::exists(c.db));
        held.release();
        QCOMPARE(migrate({QStringLiteral("up"), c.db, dirArg(), c.dir, QStringLiteral("--lock-timeout"), QStringLiteral("1")}).exitCode, 0);
    }

    void twoProcessesApplyEachMigrationOnce()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_counter.up.sql"),
              "CREATE TABLE counter(n INTEGER NOT NULL);\nINSERT INTO counter VALUES (1);\n");
        write(c.dir, QStringLiteral("002_slow.up.sql"),
              "CREATE TABLE big(i INTEGER);\n"
              "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 400000)\n"
              "INSERT INTO big SELECT i FROM c;\n"
              "UPDATE counter SET n = n + 1;\n");
        write(c.dir, QStringLiteral("003_more.up.sql"), "UPDATE counter SET n = n + 1;\nINSERT INTO big VALUES (-1);\n");
        write(c.dir, QStringLiteral("004_last.up.sql"), "UPDATE counter SET n = n + 1;\n");
        const QStringList args{QStringLiteral("migrate"), QStringLiteral("up"), c.db, dirArg(), c.dir};
        QProcess a, b;
        a.start(cliPath(), args);
        b.start(cliPath(), args);
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        const QByteArray outA = a.readAllStandardOutput(), outB = b.readAllStandardOutput();
        QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
        // One process applied all four; the other found nothing left to apply.
        QCOMPARE(int(outA.contains("applied 001_counter.up.sql")) + int(outB.contains("applied 001_counter.up.sql")), 1);
        QVERIFY((outA.contains("nothing to apply") && outB.contains("applied 004_last.up.sql"))
                || (outB.contains("nothing to apply") && outA.contains("applied 004_last.up.sql")));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM _migrations")), QByteArray("4"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT n FROM counter")), QByteArray("4"));
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM big")), QByteArray("400001"));
    }

    void jsonRunAndDemoFolder()
    {
        const Case c = fresh();
        const CliRun dry = migrate({QStringLiteral("up"), c.db, dirArg(), QStringLiteral(DEMO_MIGRATIONS),
                                    QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(dry.exitCode, 0);
        const QJsonObject plan = QJsonDocument::fromJson(dry.out).object();
        QCOMPARE(plan.value(QStringLiteral("dry_run")).toBool(), true);
        QCOMPARE(plan.value(QStringLiteral("to_version")).toInteger(), 2);
        const QJsonArray steps = plan.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("file")).toString(), QStringLiteral("001_create_authors.up.sql"));
        QVERIFY(steps.at(1).toObject().value(QStringLiteral("sql")).toString().contains(QLatin1String("CREATE TABLE books")));
        QVERIFY(!QFile::exists(c.db));
        const CliRun up = migrate({QStringLiteral("up"), c.db, dirArg(), QStringLiteral(DEMO_MIGRATIONS), QStringLiteral("--json")});
        QCOMPARE(up.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(up.out).object().value(QStringLiteral("steps")).toArray().size(), 2);
        QCOMPARE(query(c.db, QStringLiteral("SELECT count(*) FROM books")), QByteArray("3"));
    }
};

QTEST_GUILESS_MAIN(TestCliMigrate)
#include "tst_cli_migrate.moc"
