// litehouse-cli history: recording by every command, --history/--no-history,
// list, export in every format and mode read back, and the error paths.

#include "../core/testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace LitehouseTest;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonArray pythonCsv(const QString &path)
{
    QProcess py;
    py.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                         QStringLiteral("import csv, json, sys\n"
                                                        "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                                        "    print(json.dumps(list(csv.DictReader(f, strict=True))))\n"),
                                         path});
    py.waitForFinished(30000);
    return QJsonDocument::fromJson(py.readAllStandardOutput()).array();
}

} // namespace

class TestCliHistory : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    QString m_hist;

    QString p(const QString &name) const { return m_dir.filePath(name); }
    CliRun hist(QStringList args) { return runCli(QStringList{QStringLiteral("--history"), m_hist} + args); }

    static CliRun runWithDataHome(const QString &dataHome, const QStringList &args)
    {
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        proc.setProcessEnvironment(env);
        proc.start(cliPath(), args);
        proc.waitForFinished(60000);
        return {proc.exitCode(), proc.readAllStandardOutput(), proc.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(cliPath()));
        m_db = p(QStringLiteral("work.db"));
        m_hist = p(QStringLiteral("hist/history.db"));
        QCOMPARE(hist({QStringLiteral("query"), QStringLiteral("--create"), m_db, QStringLiteral("CREATE TABLE t(x) -- setup")}).exitCode, 0);
        QCOMPARE(hist({QStringLiteral("query"), m_db, QStringLiteral("INSERT INTO t VALUES (?) -- setup"), QStringLiteral("--param"),
                       QStringLiteral("=2+3")}).exitCode, 0);
        QCOMPARE(hist({QStringLiteral("query"), m_db, QStringLiteral("\t-- leading comment\nSELECT x, 'a,\"b\"' FROM t")}).exitCode, 0);
        QCOMPARE(hist({QStringLiteral("query"), m_db, QStringLiteral("SELECT * FROM Missing_Table")}).exitCode, 1);
    }

    void listNewestFirstWithLimitAndSearch()
    {
        const CliRun all = hist({QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(all.exitCode, 0);
        const QList<QByteArray> lines = all.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).startsWith("#4 "));
        QVERIFY(lines.at(0).contains(" error "));
        QVERIFY(lines.at(0).contains("no such table: Missing_Table"));
        QVERIFY(lines.at(3).startsWith("#1 "));
        QVERIFY(lines.at(3).contains("CREATE TABLE t(x)"));
        const CliRun one = hist({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(one.out.trimmed().split('\n').size(), 1);
        QVERIFY(one.out.startsWith("#4 "));
        const CliRun search = hist({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("MISSING_table")});
        QCOMPARE(search.out.trimmed().split('\n').size(), 1);
        QVERIFY(search.out.startsWith("#4 "));
        // Listing is not recorded: still four items.
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("list")}).out.trimmed().split('\n').size(), 4);
    }

    void defaultLocationAndNoHistory()
    {
        QTemporaryDir home;
        const QString db = home.filePath(QStringLiteral("d.db"));
        QCOMPARE(runWithDataHome(home.path(), {QStringLiteral("query"), db, QStringLiteral("SELECT 1"), QStringLiteral("--create")}).exitCode, 0);
        const QString defaultDb = home.filePath(QStringLiteral("Litehouse/litehouse/history.db"));
        QVERIFY(QFile::exists(defaultDb));
        auto count = [&] {
            return sqlite3Shell(defaultDb, {QStringLiteral("-cmd"), QStringLiteral("SELECT count(*) FROM history")}).trimmed();
        };
        QCOMPARE(count(), QByteArray("1"));
        QCOMPARE(runWithDataHome(home.path(), {QStringLiteral("--no-history"), QStringLiteral("query"), db, QStringLiteral("SELECT 2")}).exitCode, 0);
        QCOMPARE(count(), QByteArray("1"));
        const CliRun list = runWithDataHome(home.path(), {QStringLiteral("--no-history"), QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("SELECT 1"));
        QVERIFY(!list.out.contains("SELECT 2"));
    }

    void exportEveryFormatAndMode_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QList<int>>("ids"); // ids in the file afterwards
        // The file starts with items 1 and 2 (an older export), the export selects 1..4.
        for (const char *f : {"json", "csv", "txt"}) {
            QTest::addRow("%s-overwrite", f) << QString::fromLatin1(f) << QStringLiteral("overwrite") << QList<int>{1, 2, 3, 4};
            QTest::addRow("%s-append", f) << QString::fromLatin1(f) << QStringLiteral("append") << QList<int>{1, 2, 1, 2, 3, 4};
            QTest::addRow("%s-update", f) << QString::fromLatin1(f) << QStringLiteral("update") << QList<int>{1, 2, 3, 4};
            QTest::addRow("%s-extend", f) << QString::fromLatin1(f) << QStringLiteral("extend") << QList<int>{1, 2, 3, 4};
        }
    }

    void exportEveryFormatAndMode()
    {
        QFETCH(QString, format);
        QFETCH(QString, mode);
        QFETCH(QList<int>, ids);
        const QString out = p(QStringLiteral("x-%1-%2.%1").arg(format, mode));
        const QString cutoff = QStringLiteral("2000-01-01");
        // An older export holding items 1 and 2 (the two "-- setup" statements).
        CliRun r = hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), format,
                         QStringLiteral("--mode"), QStringLiteral("overwrite"), QStringLiteral("--out"), out,
                         QStringLiteral("--search"), QStringLiteral("SETUP"), QStringLiteral("--since"), cutoff});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), format, QStringLiteral("--mode"),
                  mode, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<int> got;
        if (format == QLatin1String("json")) {
            const QJsonArray a = QJsonDocument::fromJson(readAll(out)).array();
            for (const auto &v : a) {
                const QJsonObject o = v.toObject();
                got << o.value(QStringLiteral("id")).toInt();
                QCOMPARE(o.keys().size(), 12);
                if (o.value(QStringLiteral("id")).toInt() == 2) {
                    QCOMPARE(o.value(QStringLiteral("params")).toArray().at(0).toString(), QStringLiteral("=2+3"));
                    QCOMPARE(o.value(QStringLiteral("sql")).toString(), QStringLiteral("INSERT INTO t VALUES (?) -- setup"));
                    QCOMPARE(o.value(QStringLiteral("rows_affected")).toInt(), 1);
                }
                if (o.value(QStringLiteral("id")).toInt() == 4)
                    QCOMPARE(o.value(QStringLiteral("error")).toString(), QStringLiteral("no such table: Missing_Table"));
            }
        } else if (format == QLatin1String("csv")) {
            const QJsonArray rows = pythonCsv(out);
            for (const auto &v : rows) {
                const QJsonObject o = v.toObject();
                got << o.value(QStringLiteral("id")).toString().toInt();
                if (got.last() == 3) // starts with a tab: neutralised
                    QCOMPARE(o.value(QStringLiteral("sql")).toString(),
                             QStringLiteral("'\t-- leading comment\nSELECT x, 'a,\"b\"' FROM t"));
                if (got.last() == 4)
                    QCOMPARE(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("error"));
            }
        } else {
            for (const QByteArray &line : readAll(out).split('\n'))
                if (line.startsWith('#'))
                    got << line.mid(1, line.indexOf(' ') - 1).toInt();
            QVERIFY(readAll(out).contains("\nerror: no such table: Missing_Table\n\n"));
        }
        QCOMPARE(got, ids);
    }

    void exportFilters()
    {
        const QString out = p(QStringLiteral("filters.json"));
        auto ids = [&](const QStringList &extra) {
            const CliRun r = hist(QStringList{QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"),
                                              QStringLiteral("json"), QStringLiteral("--mode"), QStringLiteral("overwrite"),
                                              QStringLiteral("--out"), out} + extra);
            QList<int> got;
            for (const auto &v : QJsonDocument::fromJson(readAll(out)).array())
                got << v.toObject().value(QStringLiteral("id")).toInt();
            return r.exitCode == 0 ? got : QList<int>{-1};
        };
        QCOMPARE(ids({}), (QList<int>{1, 2, 3, 4}));
        QCOMPARE(ids({QStringLiteral("--until"), QStringLiteral("2000-01-01")}), QList<int>{});
        QCOMPARE(ids({QStringLiteral("--since"), QStringLiteral("2999-01-01T00:00:00")}), QList<int>{});
        QCOMPARE(ids({QStringLiteral("--until"), QStringLiteral("2999-01-01"), QStringLiteral("--search"), QStringLiteral("missing")}),
                 QList<int>{4});
        // Inclusive bounds at the item's own millisecond, given without a zone (UTC).
        const QString ts = QJsonDocument::fromJson(readAll(out)).array().at(0).toObject().value(QStringLiteral("timestamp")).toString();
        const QString noZone = ts.chopped(1);
        QCOMPARE(ids({QStringLiteral("--since"), noZone, QStringLiteral("--until"), noZone}), QList<int>{4});
    }

    void keepFormulas()
    {
        const QString out = p(QStringLiteral("formulas.csv"));
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                       QStringLiteral("--mode"), QStringLiteral("overwrite"), QStringLiteral("--out"), out,
                       QStringLiteral("--keep-formulas")}).exitCode, 0);
        const QJsonArray rows = pythonCsv(out);
        QCOMPARE(rows.at(2).toObject().value(QStringLiteral("sql")).toString(),
                 QStringLiteral("\t-- leading comment\nSELECT x, 'a,\"b\"' FROM t"));
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                       QStringLiteral("--mode"), QStringLiteral("overwrite"), QStringLiteral("--out"), out}).exitCode, 0);
        QCOMPARE(pythonCsv(out).at(2).toObject().value(QStringLiteral("sql")).toString(),
                 QStringLiteral("'\t-- leading comment\nSELECT x, 'a,\"b\"' FROM t"));
    }

    void errors()
    {
        auto exportTo = [&](const QString &out, const QString &format = QStringLiteral("json"),
                            const QString &mode = QStringLiteral("update")) {
            return hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), format,
                         QStringLiteral("--mode"), mode, QStringLiteral("--out"), out});
        };
        // Malformed existing file: exit 1, file and line named, file untouched.
        const QString bad = p(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[\n{\"id\": 1},\n{\"id\": }\n]\n");
        f.close();
        const QByteArray before = readAll(bad);
        CliRun r = exportTo(bad);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("litehouse-cli: error: " + bad.toUtf8() + ":3: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(readAll(bad), before);
        // Unwritable target (its parent is a regular file): exit 1, named, nothing left behind.
        const QString blocked = p(QStringLiteral("bad.json/out.json"));
        r = exportTo(blocked, QStringLiteral("csv"), QStringLiteral("overwrite"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(blocked.toUtf8()), r.err.constData());
        // Unreadable target (a folder).
        r = exportTo(m_dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot read " + m_dir.path().toUtf8()), r.err.constData());
        // Usage errors: exit 2, one line.
        QCOMPARE(exportTo(p(QStringLiteral("o.xml")), QStringLiteral("xml")).exitCode, 2);
        QCOMPARE(exportTo(p(QStringLiteral("o.json")), QStringLiteral("json"), QStringLiteral("merge")).exitCode, 2);
        r = hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                       QStringLiteral("--mode"), QStringLiteral("overwrite"), QStringLiteral("--out"), p(QStringLiteral("o.json")),
                       QStringLiteral("--since"), QStringLiteral("last tuesday")}).exitCode, 2);
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("many")}).exitCode, 2);
        QCOMPARE(hist({QStringLiteral("history"), QStringLiteral("frob")}).exitCode, 2);
        QCOMPARE(hist({QStringLiteral("history")}).exitCode, 2);
        // A history database that is not one: exit 1, named.
        const QString garbage = p(QStringLiteral("garbage.db"));
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(4096, 'x'));
        g.close();
        r = runCli({QStringLiteral("--history"), garbage, QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(garbage.toUtf8()), r.err.constData());
        // A command whose history cannot be written fails and says where.
        r = runCli({QStringLiteral("--history"), blocked, QStringLiteral("query"), m_db, QStringLiteral("SELECT 1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("litehouse-cli: error: history " + blocked.toUtf8() + ": "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(r.out, QByteArray("1\n-\n1\n")); // the query itself ran and printed its rows
    }
};

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_cli_history.moc"
