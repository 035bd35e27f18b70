// Whole-database SQL dumps, running SQL files, and exports of a table or a
// query to CSV, JSON and SQL: every file is read back.

#include "testutil.h"

#include <core/io/exporter.h>
#include <core/io/sqldump.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray shellDump(const QString &db, const char *command = ".dump")
{
    return sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), QString::fromLatin1(command), QStringLiteral("-cmd"), QStringLiteral(".exit")});
}

QString shell(const QString &db, const QString &sql)
{
    return QString::fromUtf8(sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), sql})).trimmed();
}

// Awkward values and every kind of schema object.
const char *edgeSchema =
    "CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, txt TEXT, r REAL, b BLOB, any_ ANY);"
    "INSERT INTO t(txt, r, b, any_) VALUES ('it''s', 1.0, x'00ff', 9223372036854775807);"
    "INSERT INTO t(txt, r, b, any_) VALUES ('two\nlines\r\nand\ttab', -0.1, x'', -9223372036854775808);"
    "INSERT INTO t(txt, r, b, any_) VALUES (CAST(x'610062' AS TEXT), 1e308 * 10, NULL, 'größe ✓');"
    "INSERT INTO t(txt, r, b, any_) VALUES (CAST(x'ff' AS TEXT), -1e308 * 10, zeroblob(3), '');"
    "INSERT INTO t(txt, r, b, any_) VALUES (NULL, 3.141592653589793, x'41', 2.5e-300);"
    "DELETE FROM t WHERE id = 2;"
    "CREATE TABLE \"odd name\"(\"select\" TEXT, \"a\"\"b\" INT, g INT GENERATED ALWAYS AS (length(\"select\")) VIRTUAL);"
    "INSERT INTO \"odd name\"(\"select\", \"a\"\"b\") VALUES ('x', 1), ('yy', 2);"
    "CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
    "INSERT INTO kv VALUES ('b', 2), ('a', 1);"
    "CREATE TABLE plain(x);"
    "INSERT INTO plain VALUES (1), (2), (3); DELETE FROM plain WHERE x = 2;"
    "CREATE INDEX t_txt ON t(txt);"
    "CREATE VIEW v AS SELECT id, txt FROM t WHERE id > 1;"
    "CREATE VIEW vv AS SELECT count(*) AS n FROM v;"
    "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO plain VALUES (new.id); SELECT 1; END;"
    "CREATE TABLE empty_table(a, b);";

} // namespace

class TestDump : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    QString path(const QString &name) { return m_dir.filePath(QStringLiteral("%1-%2").arg(++m_n).arg(name)); }

    QString makeDb(const QByteArray &script)
    {
        const QString db = path(QStringLiteral("src.db"));
        int code = -1;
        const QByteArray err = sqlite3Shell(db, {QStringLiteral("-bail")}, script, &code);
        if (code != 0)
            qWarning("setup failed: %s", err.constData());
        return db;
    }

    // Dumps db with Litehouse, reads the dump back with sqlite3, and
    // checks both databases are equal as sqlite3 sees them.
    void roundTrip(const QString &db, QString *copyPath = nullptr)
    {
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const QString out = path(QStringLiteral("dump.sql"));
        auto r = LH_OK(dumpDatabase(m, db, out));
        QVERIFY(r.ok());
        QVERIFY(r.value().bytes > 0);
        const QString copy = path(QStringLiteral("copy.db"));
        if (copyPath)
            *copyPath = copy;
        int code = -1;
        sqlite3Shell(copy, {QStringLiteral("-bail")}, readAll(out), &code);
        QCOMPARE(code, 0);
        QCOMPARE(shellDump(copy, ".schema"), shellDump(db, ".schema"));
        const QByteArray expected = shellDump(db);
        QVERIFY(expected.contains("INSERT INTO"));
        QCOMPARE(shellDump(copy), expected);
        QCOMPARE(shell(copy, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }

private Q_SLOTS:
    void demoDatabaseReadsBackEqual()
    {
        QByteArray script = readAll(QStringLiteral(DEMO_SQL));
        QVERIFY(!script.isEmpty());
        const QString db = makeDb(script);
        QVERIFY(shell(db, QStringLiteral("SELECT count(*) FROM books")).toInt() > 100);
        roundTrip(db);
    }

    void edgeCasesReadBackEqual()
    {
        const QString db = makeDb(edgeSchema);
        QCOMPARE(shell(db, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 't'")), QStringLiteral("5"));
        roundTrip(db);
    }

    void virtualTableReadsBackEqual()
    {
        const QString db = makeDb("CREATE VIRTUAL TABLE docs USING fts5(title, body);"
                                  "INSERT INTO docs VALUES ('one', 'the quick fox'), ('two', 'lazy dog');");
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM docs")), QStringLiteral("2"));
        QString copy;
        roundTrip(db, &copy);
        // The copy answers full-text queries from the shadow tables it was given.
        QCOMPARE(shell(copy, QStringLiteral("SELECT title FROM docs WHERE docs MATCH 'fox'")), QStringLiteral("one"));
    }

    void dumpTextMatchesSqlite3Shape()
    {
        const QString db = makeDb("CREATE TABLE a(x INTEGER PRIMARY KEY AUTOINCREMENT, y);"
                                  "INSERT INTO a(y) VALUES ('q''s'), (NULL), (1.0);");
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const QString out = path(QStringLiteral("dump.sql"));
        QVERIFY(LH_OK(dumpDatabase(m, db, out)).ok());
        QCOMPARE(readAll(out), shellDump(db));
    }

    void dumpIsASnapshotOfCommittedState()
    {
        const QString db = makeDb("CREATE TABLE a(x); INSERT INTO a VALUES (1);");
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        QVERIFY(LH_OK(m.begin(db)).ok());
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("INSERT INTO a VALUES (2)"))).ok());
        const QString out = path(QStringLiteral("dump.sql"));
        QVERIFY(LH_OK(dumpDatabase(m, db, out)).ok());
        QVERIFY(LH_OK(m.rollback(db)).ok());
        const QByteArray text = readAll(out);
        QVERIFY(text.contains("INSERT INTO a VALUES(1);"));
        QVERIFY(!text.contains("INSERT INTO a VALUES(2);"));
    }

    void cancelledDumpLeavesNoFile()
    {
        QByteArray script = "CREATE TABLE a(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50000) INSERT INTO a SELECT i FROM c;";
        const QString db = makeDb(script);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        CancelToken cancel;
        const QString out = path(QStringLiteral("dump.sql"));
        auto r = await(dumpDatabase(m, db, out, [&](const DumpProgress &p) {
            if (p.rows > 0)
                cancel.cancel();
        }, cancel));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        QVERIFY(!QFile::exists(out));
    }

    // File ▸ Import SQL: the dump runs back in through the Manager.
    void sqlFileRunsADumpBackIn()
    {
        const QString db = makeDb(readAll(QStringLiteral(DEMO_SQL)));
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const QString out = path(QStringLiteral("dump.sql"));
        QVERIFY(LH_OK(dumpDatabase(m, db, out)).ok());
        const QString copy = path(QStringLiteral("copy.db"));
        QVERIFY(LH_OK(m.open(copy)).ok());
        std::atomic<qint64> progressCalls{0};
        auto r = LH_OK(runSqlFile(m, copy, out, [&](const SqlFileProgress &) { ++progressCalls; }));
        QVERIFY(r.ok());
        QVERIFY(r.value().statements > 1000);
        QVERIFY(progressCalls > 0);
        QVERIFY(!m.transactionState(copy).active);
        QVERIFY(LH_OK(m.close(copy)).ok());
        QCOMPARE(shellDump(copy), shellDump(db));
    }

    void sqlFileErrorNamesLineAndRollsBack()
    {
        const QString db = makeDb("CREATE TABLE a(x);");
        const QString file = path(QStringLiteral("bad.sql"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("BEGIN TRANSACTION;\nINSERT INTO a VALUES (1);\n-- a comment; with a semicolon\nINSERT INTO a VALUES ('x;y');\n\nINSERT INTO nope VALUES (2);\nCOMMIT;\n");
        f.close();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto r = await(runSqlFile(m, db, file));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().startsWith(QLatin1String("line 6: no such table: nope")), qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains(QLatin1String("rolled back")));
        QVERIFY(!m.transactionState(db).active);
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM a")), QStringLiteral("0"));
    }

    void sqlFileCancelledHalfWay()
    {
        const QString db = makeDb("CREATE TABLE a(x, y);");
        const QString file = path(QStringLiteral("big.sql"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("BEGIN;\n");
        for (int i = 0; i < 60000; ++i)
            f.write("INSERT INTO a VALUES (" + QByteArray::number(i) + ", 'some padding text to make the file longer');\n");
        f.write("COMMIT;\n");
        f.close();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        CancelToken cancel;
        std::atomic<qint64> at{0};
        auto r = await(runSqlFile(m, db, file, [&](const SqlFileProgress &p) {
            at = p.statements;
            cancel.cancel();
        }, cancel));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().kind() == Error::Kind::Interrupted, qPrintable(r.error().message()));
        QVERIFY(at > 0 && at < 60000);
        QVERIFY(!m.transactionState(db).active);
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM a")), QStringLiteral("0"));
    }

    void csvExportIsByteCompatibleWithSqlite3()
    {
        const QString db = makeDb(edgeSchema);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        // REAL is left out: Litehouse writes the shortest text that reads back as
        // the same double, sqlite3 15 digits.
        const QString sql = QStringLiteral("SELECT id, any_, quote(b) FROM t ORDER BY id");
        const QString out = path(QStringLiteral("t.csv"));
        auto r = LH_OK(exportToFile(m, db, sql, out, DataExportOptions{}));
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 4);
        QCOMPARE(readAll(out), sqlite3Shell(db, {QStringLiteral("-csv"), QStringLiteral("-header"), QStringLiteral("-cmd"), sql}));
    }

    void csvFormulaNeutralisation_data()
    {
        QTest::addColumn<bool>("neutralise");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("off: as sqlite3") << false << QByteArray("v\n=1+1\n-5\n-x\n@sum\n\"\tt\"\n3\n+7\n");
        QTest::newRow("on") << true << QByteArray("v\n\"'=1+1\"\n-5\n\"'-x\"\n\"'@sum\"\n\"'\tt\"\n3\n+7\n");
    }
    void csvFormulaNeutralisation()
    {
        QFETCH(bool, neutralise);
        QFETCH(QByteArray, expected);
        const QString db = makeDb("CREATE TABLE f(v); INSERT INTO f VALUES ('=1+1'), ('-5'), ('-x'), ('@sum'), (char(9) || 't'), (3), ('+7');");
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        DataExportOptions o;
        o.neutraliseFormulas = neutralise;
        const QString out = path(QStringLiteral("f.csv"));
        QVERIFY(LH_OK(exportToFile(m, db, selectAllSql(QStringLiteral("f")), out, o)).ok());
        QCOMPARE(readAll(out), expected);
        if (!neutralise)
            QCOMPARE(readAll(out), sqlite3Shell(db, {QStringLiteral("-csv"), QStringLiteral("-header"), QStringLiteral("-cmd"), QStringLiteral("SELECT * FROM f")}));
    }

    void jsonExportMatchesSqlite3()
    {
        const QString db = makeDb("CREATE TABLE j(a INTEGER, b TEXT, c REAL); INSERT INTO j VALUES (1, 'x\"y', 0.5), (NULL, 'größe', -2.0);");
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        DataExportOptions o;
        o.format = DataExportFormat::Json;
        const QString out = path(QStringLiteral("j.json"));
        QVERIFY(LH_OK(exportToFile(m, db, selectAllSql(QStringLiteral("j")), out, o)).ok());
        const QJsonArray ours = QJsonDocument::fromJson(readAll(out)).array();
        QCOMPARE(ours.size(), 2);
        QCOMPARE(ours, QJsonDocument::fromJson(sqlite3Shell(db, {QStringLiteral("-json"), QStringLiteral("-cmd"), QStringLiteral("SELECT * FROM j")})).array());
    }

    void sqlExportReadsBackWithTypes()
    {
        const QString db = makeDb(edgeSchema);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        DataExportOptions o;
        o.format = DataExportFormat::Sql;
        o.sqlTable = QStringLiteral("copy of t");
        const QString out = path(QStringLiteral("t.sql"));
        auto r = LH_OK(exportToFile(m, db, QStringLiteral("SELECT id, txt, r, b, any_ FROM t"), out, o));
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 4);
        QVERIFY(readAll(out).startsWith("INSERT INTO \"copy of t\" (\"id\",\"txt\",\"r\",\"b\",\"any_\") VALUES ("));
        int code = -1;
        sqlite3Shell(db, {QStringLiteral("-bail")}, "CREATE TABLE \"copy of t\"(id, txt, r, b, any_);\n" + readAll(out), &code);
        QCOMPARE(code, 0);
        const QString cmp = QStringLiteral("SELECT group_concat(quote(id) || typeof(id) || quote(txt) || typeof(txt) || quote(r) || typeof(r) "
                                           "|| quote(b) || typeof(b) || quote(any_) || typeof(any_), '|') FROM %1");
        const QString original = shell(db, cmp.arg(QStringLiteral("t")));
        QVERIFY(original.contains(QLatin1String("Inf")));
        QCOMPARE(shell(db, cmp.arg(QStringLiteral("\"copy of t\""))), original);
    }

    void exportRefusesAWritingStatement()
    {
        const QString db = makeDb("CREATE TABLE a(x);");
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const QString out = path(QStringLiteral("a.csv"));
        auto r = await(exportToFile(m, db, QStringLiteral("INSERT INTO a VALUES (1) RETURNING x"), out, DataExportOptions{}));
        QVERIFY(!r.ok());
        QVERIFY(!QFile::exists(out));
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM a")), QStringLiteral("0"));
    }

    void sqlLiteral_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("literal");
        QTest::newRow("null") << Value() << QByteArray("NULL");
        QTest::newRow("int") << Value(qint64(-42)) << QByteArray("-42");
        QTest::newRow("real stays real") << Value(1.0) << QByteArray("1.0");
        QTest::newRow("inf") << Value(std::numeric_limits<double>::infinity()) << QByteArray("1e999");
        QTest::newRow("text") << Value(QStringLiteral("it's")) << QByteArray("'it''s'");
        QTest::newRow("text with nul") << Value::text(QByteArray("a\0b", 3)) << QByteArray("CAST(X'610062' AS TEXT)");
        QTest::newRow("blob") << Value::blob(QByteArray("\x00\xff", 2)) << QByteArray("X'00ff'");
    }
    void sqlLiteral()
    {
        QFETCH(Value, value);
        QFETCH(QByteArray, literal);
        QCOMPARE(Litehouse::sqlLiteral(value), literal);
    }
};

QTEST_GUILESS_MAIN(TestDump)
#include "tst_dump.moc"
