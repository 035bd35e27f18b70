#include "../core/testutil.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace LitehouseTest;

namespace {

QString shell(const QString &db, const QString &sql)
{
    return QString::fromUtf8(sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), sql})).trimmed();
}

QStringList maintain(const QString &action, const QString &db, const QStringList &more = {})
{
    return QStringList{QStringLiteral("--no-history"), QStringLiteral("maintain"), action, db} + more;
}

} // namespace

class TestCliMaintain : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString makeDb(const QString &name, const QByteArray &script)
    {
        const QString p = m_dir.filePath(name);
        int code = -1;
        sqlite3Shell(p, {}, script, &code);
        return code == 0 ? p : QString();
    }

    QString corruptDb()
    {
        const QString p = makeDb(QStringLiteral("corrupt.db"),
            "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 2000) "
            "INSERT INTO t SELECT i, printf('%0100d', i) FROM s;");
        const qint64 pageSize = shell(p, QStringLiteral("PRAGMA page_size")).toLongLong();
        const QStringList leaves = shell(p, QStringLiteral(
            "SELECT pageno FROM dbstat WHERE name = 't' AND pagetype = 'leaf' ORDER BY pageno LIMIT 4")).split(QLatin1Char('\n'));
        QFile f(p);
        if (!f.open(QIODevice::ReadWrite))
            return {};
        for (const QString &leaf : leaves) {
            f.seek((leaf.toLongLong() - 1) * pageSize + 8);
            f.write(QByteArray(600, '\x5a'));
        }
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(cliPath()));
    }

    void statsJsonEqualsSqlite3()
    {
        const QString p = makeDb(QStringLiteral("stats.db"),
            "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT UNIQUE, payload BLOB);"
            "CREATE INDEX items_payload ON items(length(payload));"
            "CREATE TABLE \"odd \"\"name\"(x);"
            "CREATE TABLE scratch(x);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 2000) "
            "INSERT INTO items SELECT i, 'item ' || i, randomblob(300) FROM s;"
            "INSERT INTO scratch SELECT randomblob(3000) FROM items LIMIT 200;"
            "DELETE FROM scratch;");
        QVERIFY(!p.isEmpty());
        const CliRun r = runCli(maintain(QStringLiteral("stats"), p, {QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(QString::number(o.value(QStringLiteral("page_size")).toInteger()), shell(p, QStringLiteral("PRAGMA page_size")));
        QCOMPARE(QString::number(o.value(QStringLiteral("page_count")).toInteger()), shell(p, QStringLiteral("PRAGMA page_count")));
        QCOMPARE(QString::number(o.value(QStringLiteral("freelist_count")).toInteger()), shell(p, QStringLiteral("PRAGMA freelist_count")));
        QVERIFY(o.value(QStringLiteral("freelist_count")).toInteger() > 100);
        QCOMPARE(o.value(QStringLiteral("file_bytes")).toInteger(), QFileInfo(p).size());
        QVERIFY(o.contains(QStringLiteral("wal_bytes")));
        QCOMPARE(o.value(QStringLiteral("wal_bytes")).toInteger(), 0);
        QStringList got;
        for (const QJsonValue &v : o.value(QStringLiteral("tables")).toArray()) {
            const QJsonObject t = v.toObject();
            got << QStringLiteral("%1|%2|%3").arg(t.value(QStringLiteral("name")).toString(),
                                                   t.value(QStringLiteral("type")).toString())
                       .arg(t.value(QStringLiteral("bytes")).toInteger());
        }
        const QString expected = shell(p, QStringLiteral(
            "SELECT s.name || '|' || coalesce(m.type, 'table') || '|' || sum(s.pgsize) FROM dbstat s "
            "LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY s.name ORDER BY s.name"));
        QCOMPARE(got.join(QLatin1Char('\n')), expected);
        // Every table and index of the schema is listed, with its type.
        QVERIFY(got.contains(QStringLiteral("items_payload|index|%1").arg(shell(p, QStringLiteral(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'items_payload'")))));
        QVERIFY(got.join(QLatin1Char('\n')).contains(QStringLiteral("sqlite_autoindex_items_1|index|")));
        QVERIFY(got.join(QLatin1Char('\n')).contains(QStringLiteral("odd \"name|table|")));
        QCOMPARE(shell(p, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("delete"));
        // The plain text form works too.
        const CliRun text = runCli(maintain(QStringLiteral("stats"), p));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("page_count:     " + shell(p, QStringLiteral("PRAGMA page_count")).toUtf8()));
    }

    void integrityFindsCorruption()
    {
        const QString p = corruptDb();
        QVERIFY(!p.isEmpty());
        CliRun r = runCli(maintain(QStringLiteral("integrity"), p));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("tree page"));
        r = runCli(maintain(QStringLiteral("integrity"), p, {QStringLiteral("--max-errors"), QStringLiteral("2")}));
        QCOMPARE(r.exitCode, 1);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // two problems and the note that it stopped
        QVERIFY(lines.last().contains("--max-errors"));
        r = runCli(maintain(QStringLiteral("quick-check"), p, {QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(!o.value(QStringLiteral("problems")).toArray().isEmpty());
        const QString good = makeDb(QStringLiteral("good.db"), "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        r = runCli(maintain(QStringLiteral("integrity"), good));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("ok\n"));
        QCOMPARE(runCli(maintain(QStringLiteral("quick-check"), good)).exitCode, 0);
        QCOMPARE(runCli(maintain(QStringLiteral("integrity"), good, {QStringLiteral("--max-errors"), QStringLiteral("0")})).exitCode, 2);
    }

    void fkCheckListsOrphans()
    {
        const QString p = makeDb(QStringLiteral("fk.db"),
            "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
            "CREATE TABLE child(id INTEGER PRIMARY KEY, pid REFERENCES parent(id));"
            "INSERT INTO parent VALUES (1);"
            "INSERT INTO child VALUES (5, 1), (6, 42), (7, 43);");
        CliRun r = runCli(maintain(QStringLiteral("fk-check"), p, {QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 1);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("violations")).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("table")).toString(), QStringLiteral("child"));
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("rowid")).toInteger(), 6);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("rowid")).toInteger(), 7);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("parent")).toString(), QStringLiteral("parent"));
        r = runCli(maintain(QStringLiteral("fk-check"), p, {QStringLiteral("--max-errors"), QStringLiteral("1")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("child\t6\tparent\t0\n"));
        QVERIFY(!r.out.contains("child\t7"));
        sqlite3Shell(p, {}, "DELETE FROM child WHERE id > 5;");
        r = runCli(maintain(QStringLiteral("fk-check"), p));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("ok\n"));
    }

    void commandsKeepTheJournalMode()
    {
        const QString del = makeDb(QStringLiteral("keep-delete.db"), "CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);");
        const QString wal = makeDb(QStringLiteral("keep-wal.db"), "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        for (const QString &p : {del, wal}) {
            const QString mode = shell(p, QStringLiteral("PRAGMA journal_mode"));
            for (const QString &a : {QStringLiteral("vacuum"), QStringLiteral("analyze"), QStringLiteral("optimize"),
                                     QStringLiteral("stats"), QStringLiteral("integrity"), QStringLiteral("checkpoint")}) {
                const CliRun r = runCli(maintain(a, p));
                QVERIFY2(r.exitCode == 0, r.err.constData());
                QCOMPARE(shell(p, QStringLiteral("PRAGMA journal_mode")), mode);
            }
        }
        QCOMPARE(shell(del, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("delete"));
        QCOMPARE(shell(wal, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        CliRun r = runCli(maintain(QStringLiteral("checkpoint"), del, {QStringLiteral("--mode"), QStringLiteral("truncate")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("not in WAL mode"), r.out.constData());
        r = runCli(maintain(QStringLiteral("checkpoint"), wal, {QStringLiteral("--mode"), QStringLiteral("full"), QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("wal")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("mode")).toString(), QStringLiteral("full"));
        QVERIFY(o.contains(QStringLiteral("log_frames")));
        QCOMPARE(runCli(maintain(QStringLiteral("checkpoint"), wal, {QStringLiteral("--mode"), QStringLiteral("hard")})).exitCode, 2);
    }

    void backupRefusesToOverwrite()
    {
        const QString p = makeDb(QStringLiteral("src.db"),
            "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 5000) INSERT INTO t SELECT i, 'v' || i FROM s;");
        const QString out = m_dir.filePath(QStringLiteral("copy.db"));
        CliRun r = runCli(QStringList{QStringLiteral("maintain"), QStringLiteral("backup"), p, out});
        QCOMPARE(r.exitCode, 0);
        const QString digest = QStringLiteral("SELECT count(*) || ':' || sum(id) || ':' || group_concat(v) FROM t");
        QCOMPARE(shell(out, digest), shell(p, digest));
        sqlite3Shell(p, {}, "INSERT INTO t VALUES (5001, 'late');");
        const QByteArray before = [&] { QFile f(out); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        r = runCli(QStringList{QStringLiteral("maintain"), QStringLiteral("backup"), p, out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("litehouse-cli: error: "));
        QVERIFY(r.err.contains("--force"));
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE([&] { QFile f(out); f.open(QIODevice::ReadOnly); return f.readAll(); }(), before);
        r = runCli(QStringList{QStringLiteral("maintain"), QStringLiteral("backup"), p, out, QStringLiteral("--force")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(shell(out, QStringLiteral("SELECT v FROM t WHERE id = 5001")), QStringLiteral("late"));
    }

    void errorsAndUsage()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.db"));
        CliRun r = runCli(maintain(QStringLiteral("stats"), missing));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(missing.toUtf8()));
        QVERIFY(!QFile::exists(missing));
        QCOMPARE(runCli({QStringLiteral("maintain")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("maintain"), QStringLiteral("polish"), missing}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("maintain"), QStringLiteral("stats")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("maintain"), QStringLiteral("backup"), missing}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("maintain"), QStringLiteral("stats"), missing, QStringLiteral("--force")}).exitCode, 2);
        r = runCli({QStringLiteral("--help")});
        QVERIFY(r.out.contains("maintain backup DB OUT [--force]"));
    }
};

QTEST_GUILESS_MAIN(TestCliMaintain)
#include "tst_cli_maintain.moc"
