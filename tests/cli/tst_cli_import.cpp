#include "../core/testutil.h"

#include <QFile>

using namespace LitehouseTest;

class TestCliImport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    QString write(const QByteArray &bytes, const QString &name)
    {
        const QString p = m_dir.filePath(name);
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(p));
        f.write(bytes);
        return p;
    }
    QString newDb() { return m_dir.filePath(QStringLiteral("db%1.db").arg(++m_n)); }
    static QString shell(const QString &db, const QString &sql)
    {
        return QString::fromUtf8(sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), sql})).trimmed();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(cliPath())); }

    void importsCsvWithTypes()
    {
        const QString db = newDb();
        const QString csv = write("sku;name;price\n007;\"Tea; green\";3.5\n010;Coffee;4\n", QStringLiteral("prices.csv"));
        const CliRun r = runCli({QStringLiteral("--no-history"), QStringLiteral("import"), QStringLiteral("--create"), db, csv,
                                 QStringLiteral("--table"), QStringLiteral("prices"), QStringLiteral("--separator"), QStringLiteral(";"),
                                 QStringLiteral("--type"), QStringLiteral("price=real")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("2 rows imported into the new table prices\n"));
        QCOMPARE(shell(db, QStringLiteral("SELECT group_concat(quote(sku) || quote(name) || quote(price) || typeof(price), '|') FROM prices")),
                 QStringLiteral("'007''Tea; green'3.5real|'010''Coffee'4.0real"));
    }

    void importsJsonLinesIntoExistingTable()
    {
        const QString db = newDb();
        int code = -1;
        sqlite3Shell(db, {}, "CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT, at TEXT);", &code);
        QCOMPARE(code, 0);
        const QString jsonl = write("{\"kind\": \"open\", \"id\": 1}\n{\"id\": 2, \"kind\": \"close\", \"at\": \"12:00\"}\n",
                                    QStringLiteral("events.jsonl"));
        const CliRun r = runCli({QStringLiteral("--no-history"), QStringLiteral("import"), db, jsonl, QStringLiteral("--table"),
                                 QStringLiteral("events"), QStringLiteral("--existing")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("2 rows imported into events\n"));
        QCOMPARE(shell(db, QStringLiteral("SELECT group_concat(id || kind || quote(at), '|') FROM events")),
                 QStringLiteral("1openNULL|2close'12:00'"));
    }

    void badRowFailsAndWritesNothing()
    {
        const QString db = newDb();
        const QString csv = write("a,b\n1,2\n3\n", QStringLiteral("bad.csv"));
        const CliRun r = runCli({QStringLiteral("--no-history"), QStringLiteral("import"), QStringLiteral("--create"), db, csv,
                                 QStringLiteral("--table"), QStringLiteral("t")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("litehouse-cli: error: line 3: 1 fields, but the file has 2 columns"), r.err.constData());
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM sqlite_schema")), QStringLiteral("0"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no table") << QStringList{QStringLiteral("x.db"), QStringLiteral("f.csv")} << QByteArray("needs --table");
        QTest::newRow("bad type") << QStringList{QStringLiteral("x.db"), QStringLiteral("f.csv"), QStringLiteral("--table"), QStringLiteral("t"),
                                                 QStringLiteral("--type"), QStringLiteral("a=number")} << QByteArray("--type takes COLUMN=TYPE");
        QTest::newRow("bad encoding") << QStringList{QStringLiteral("--encoding"), QStringLiteral("ebcdic")} << QByteArray("unknown encoding");
        QTest::newRow("bad separator") << QStringList{QStringLiteral("--separator"), QStringLiteral(";;")} << QByteArray("--separator takes one character");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CliRun r = runCli(QStringList{QStringLiteral("--no-history"), QStringLiteral("import")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void dumpReadsBackWithSqlite3()
    {
        const QString db = newDb();
        int code = -1;
        sqlite3Shell(db, {}, "CREATE TABLE a(id INTEGER PRIMARY KEY AUTOINCREMENT, v); INSERT INTO a(v) VALUES ('x''y'), (2.5), (x'00');"
                             "CREATE INDEX a_v ON a(v); CREATE VIEW av AS SELECT v FROM a;", &code);
        QCOMPARE(code, 0);
        const CliRun r = runCli({QStringLiteral("--no-history"), QStringLiteral("dump"), db});
        QCOMPARE(r.exitCode, 0);
        const QString copy = newDb();
        sqlite3Shell(copy, {QStringLiteral("-bail")}, r.out, &code);
        QCOMPARE(code, 0);
        const QStringList dump{QStringLiteral("-cmd"), QStringLiteral(".dump")};
        QVERIFY(sqlite3Shell(db, dump).contains("INSERT INTO a VALUES(1,'x''y');"));
        QCOMPARE(sqlite3Shell(copy, dump), sqlite3Shell(db, dump));
        const QString out = m_dir.filePath(QStringLiteral("a.sql"));
        QCOMPARE(runCli({QStringLiteral("--no-history"), QStringLiteral("dump"), db, QStringLiteral("--out"), out}).exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), r.out);
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
