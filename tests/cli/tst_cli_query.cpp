#include "../core/testutil.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace LitehouseTest;

class TestCliQuery : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(cliPath()));
        m_db = m_dir.filePath(QStringLiteral("cli.db"));
        const QByteArray setup =
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, note TEXT);"
            "INSERT INTO t VALUES (1, 'plain', 1.5, NULL);"
            "INSERT INTO t VALUES (2, 'with, comma', 0.1, '');"
            "INSERT INTO t VALUES (3, 'quote \" and ''single''', -2.25e10, 'line\nbreak');"
            "INSERT INTO t VALUES (4, 'größe', 3.0, ' lead');";
        int code = -1;
        sqlite3Shell(m_db, {}, setup, &code);
        QCOMPARE(code, 0);
    }

    void csvMatchesSqlite3()
    {
        const QString sql = QStringLiteral("SELECT id, name, note FROM t ORDER BY id");
        const CliRun r = runCli({QStringLiteral("query"), m_db, sql, QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, sqlite3Shell(m_db, {QStringLiteral("-csv"), QStringLiteral("-header"), QStringLiteral("-cmd"), sql}));
        QVERIFY(r.out.contains("3,\"quote \"\" and 'single'\",\"line\nbreak\"\n")); // RFC 4180 quoting
        QVERIFY(r.out.contains("2,\"with, comma\",\"\"\n"));          // empty string is ""
        QVERIFY(r.out.contains("1,plain,\n"));                       // NULL is an empty field
    }

    void jsonIsValidAndTyped()
    {
        const CliRun r = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT * FROM t ORDER BY id"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        QCOMPARE(e.error, QJsonParseError::NoError);
        const QJsonArray a = doc.array();
        QCOMPARE(a.size(), 4);
        QCOMPARE(a.at(0).toObject().value(QStringLiteral("id")).toInteger(), 1);
        QVERIFY(a.at(0).toObject().value(QStringLiteral("note")).isNull());
        QCOMPARE(a.at(1).toObject().value(QStringLiteral("value")).toDouble(), 0.1);
        QCOMPARE(a.at(2).toObject().value(QStringLiteral("value")).toDouble(), -2.25e10);
        QCOMPARE(a.at(2).toObject().value(QStringLiteral("note")).toString(), QStringLiteral("line\nbreak"));
        QCOMPARE(a.at(3).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("größe"));
        // Same objects as sqlite3 -json.
        const QJsonArray ref = QJsonDocument::fromJson(sqlite3Shell(m_db, {QStringLiteral("-json"), QStringLiteral("-cmd"),
                                                                      QStringLiteral("SELECT * FROM t ORDER BY id")})).array();
        QCOMPARE(a, ref);
    }

    void emptyJsonIsEmptyArray()
    {
        const CliRun r = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT * FROM t WHERE id < 0"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("[]"));
    }

    void blobsAsHex()
    {
        const CliRun csv = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT x'00ff10' AS b"),
                                   QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.out, QByteArray("b\n00ff10\n"));
        const CliRun json = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT x'00ff10' AS b"),
                                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(QJsonDocument::fromJson(json.out).array().at(0).toObject().value(QStringLiteral("b")).toString(),
                 QStringLiteral("00ff10"));
    }

    void paramsBindByType()
    {
        const CliRun r = runCli({QStringLiteral("query"), m_db,
                                 QStringLiteral("SELECT typeof(?), typeof(?), typeof(?), typeof(:n)"),
                                 QStringLiteral("--param"), QStringLiteral("42"), QStringLiteral("--param"),
                                 QStringLiteral("2.5"), QStringLiteral("--param"), QStringLiteral("abc"),
                                 QStringLiteral("--named"), QStringLiteral("n=7"), QStringLiteral("--format"),
                                 QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.endsWith("integer,real,text,integer\n"), r.out.constData());
    }

    void everyStatementPrintsItsRows()
    {
        const CliRun r = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT 1 AS a; SELECT 2 AS b;"),
                                 QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.out, QByteArray("a\n1\nb\n2\n"));
    }

    void errorsAndExitCodes()
    {
        const CliRun sqlErr = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT * FROM nope")});
        QCOMPARE(sqlErr.exitCode, 1);
        QCOMPARE(sqlErr.err, QByteArray("litehouse-cli: error: no such table: nope\n"));
        const CliRun usage = runCli({QStringLiteral("query"), m_db});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.startsWith("litehouse-cli: error: "));
        QCOMPARE(usage.err.count('\n'), 1);
        const CliRun fmt = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT 1"), QStringLiteral("--format"),
                                   QStringLiteral("xml")});
        QCOMPARE(fmt.exitCode, 2);
        QVERIFY(fmt.err.contains("xml"));
        const CliRun unknown = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        const CliRun globalAfter = runCli({QStringLiteral("query"), m_db, QStringLiteral("SELECT 1"), QStringLiteral("--no-history")});
        QCOMPARE(globalAfter.exitCode, 2);
        const CliRun histOk = runCli({QStringLiteral("--no-history"), QStringLiteral("query"), m_db, QStringLiteral("SELECT 1")});
        QCOMPARE(histOk.exitCode, 0);
        const CliRun notDb = runCli({QStringLiteral("query"), QStringLiteral(SRC_FILE), QStringLiteral("SELECT 1")});
        QCOMPARE(notDb.exitCode, 1);
        QVERIFY(notDb.err.contains("not a database"));
    }

    void aMissingDatabaseIsAnErrorUnlessCreated()
    {
        const QString typo = m_dir.filePath(QStringLiteral("clii.db"));
        const CliRun r = runCli({QStringLiteral("query"), typo, QStringLiteral("CREATE TABLE t(x)")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not exist") && r.err.contains("--create"), r.err.constData());
        QVERIFY(!QFileInfo::exists(typo));
        const CliRun made = runCli({QStringLiteral("query"), QStringLiteral("--create"), typo, QStringLiteral("CREATE TABLE t(x)")});
        QCOMPARE(made.exitCode, 0);
        QCOMPARE(sqlite3Shell(typo, {}, ".tables\n").trimmed(), QByteArray("t"));
    }

    void aTransactionLeftOpenFailsAndSaysSo()
    {
        const QString db = m_dir.filePath(QStringLiteral("open-tx.db"));
        QCOMPARE(runCli({QStringLiteral("query"), QStringLiteral("--create"), db, QStringLiteral("CREATE TABLE t(x)")}).exitCode, 0);
        for (const QString &sql : {QStringLiteral("BEGIN; INSERT INTO t VALUES (1);"),
                                   QStringLiteral("SAVEPOINT s; INSERT INTO t VALUES (2); SELECT count(*) FROM t;")}) {
            const CliRun r = runCli({QStringLiteral("query"), db, sql});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("transaction open") && r.err.contains("rolled back"), r.err.constData());
            QCOMPARE(sqlite3Shell(db, {}, "SELECT count(*) FROM t;\n").trimmed(), QByteArray("0"));
        }
        // Ended, it is kept.
        const CliRun ok = runCli({QStringLiteral("query"), db, QStringLiteral("BEGIN; INSERT INTO t VALUES (3); COMMIT;")});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(sqlite3Shell(db, {}, "SELECT count(*) FROM t;\n").trimmed(), QByteArray("1"));
    }
};

QTEST_GUILESS_MAIN(TestCliQuery)
#include "tst_cli_query.moc"
