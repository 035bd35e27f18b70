#include "testutil.h"

#include <core/migrations/migrationfile.h>
#include <core/migrations/migrationrunner.h>
#include <core/processlock.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <sqlite3.h>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

/// Rows of a query as text, read with a plain read-only sqlite3 connection.
QList<QStringList> rowsOf(const QString &db, const char *sql)
{
    QList<QStringList> out;
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        qWarning("cannot open %s", qPrintable(db));
        sqlite3_close(h);
        return out;
    }
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &s, nullptr) != SQLITE_OK)
        qWarning("%s: %s", sql, sqlite3_errmsg(h));
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        QStringList row;
        for (int c = 0; c < sqlite3_column_count(s); ++c)
            row << (sqlite3_column_type(s, c) == SQLITE_NULL
                        ? QStringLiteral("NULL")
                        : QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, c))));
        out << row;
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    return out;
}

QString scalarOf(const QString &db, const char *sql)
{
    const auto rows = rowsOf(db, sql);
    return rows.isEmpty() ? QString() : rows.first().value(0);
}

QList<QStringList> schemaOf(const QString &db)
{
    return rowsOf(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name <> '_migrations' ORDER BY name");
}

class SinkSpy final : public OperationSink
{
public:
    void record(const OperationRecord &op) override
    {
        QMutexLocker l(&mutex);
        ops.append(op);
    }
    QMutex mutex;
    QList<OperationRecord> ops;
};

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_serial = 0;

    /// A fresh folder and database path for one test.
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
    /// Three migrations with down files: authors, books, an index.
    static void writeLibrary(const QString &dir)
    {
        write(dir, QStringLiteral("001_authors.up.sql"),
              "CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
              "INSERT INTO authors(name) VALUES ('Le Guin'), ('Calvino');\n");
        write(dir, QStringLiteral("001_authors.down.sql"), "DROP TABLE authors;\n");
        write(dir, QStringLiteral("002_books.up.sql"),
              "CREATE TABLE books(id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors(id), title TEXT);\n"
              "CREATE VIEW book_titles AS SELECT title FROM books;\n");
        write(dir, QStringLiteral("002_books.down.sql"), "DROP VIEW book_titles;\nDROP TABLE books;\n");
        write(dir, QStringLiteral("010_books_index.up.sql"), "CREATE INDEX books_by_author ON books(author_id);\n");
        write(dir, QStringLiteral("010_books_index.down.sql"), "DROP INDEX books_by_author;\n");
    }
    static QStringList states(const QList<MigrationStatus> &l)
    {
        QStringList s;
        for (const MigrationStatus &m : l)
            s << QStringLiteral("%1:%2").arg(m.version).arg(migrationStateName(m.state));
        return s;
    }

private Q_SLOTS:
    void noTransactionMarker_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<bool>("expected");
        QTest::newRow("marker") << QByteArray("-- litehouse:no-transaction\nPRAGMA journal_mode=delete;") << true;
        QTest::newRow("marker, CRLF") << QByteArray("-- litehouse:no-transaction\r\nVACUUM;") << true;
        QTest::newRow("marker only") << QByteArray("-- litehouse:no-transaction") << true;
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF-- litehouse:no-transaction\nVACUUM;") << true;
        QTest::newRow("second line") << QByteArray("-- hello\n-- litehouse:no-transaction\n") << false;
        QTest::newRow("plain") << QByteArray("CREATE TABLE t(x);") << false;
        QTest::newRow("other comment") << QByteArray("-- litehouse:no-transactions\n") << false;
    }
    void noTransactionMarker()
    {
        QFETCH(QByteArray, sql);
        QFETCH(bool, expected);
        QCOMPARE(MigrationFile::isNoTransaction(sql), expected);
    }

    void scanReadsPairsInVersionOrder()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        write(c.dir, QStringLiteral("0003_no_down.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("README.md"), "not a migration");
        auto r = MigrationFile::scan(c.dir);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        const auto &files = r.value();
        QCOMPARE(files.size(), 4);
        QCOMPARE(files.at(0).version, 1);
        QCOMPARE(files.at(1).version, 2);
        QCOMPARE(files.at(2).version, 3); // leading zeros allowed
        QCOMPARE(files.at(3).version, 10); // numeric order, not text order
        QCOMPARE(files.at(2).name, QStringLiteral("no_down"));
        QCOMPARE(files.at(2).fileName(), QStringLiteral("0003_no_down.up.sql"));
        QVERIFY(!files.at(2).hasDown());
        QVERIFY(files.at(0).hasDown());
        QCOMPARE(files.at(0).fileName(true), QStringLiteral("001_authors.down.sql"));
        QCOMPARE(files.at(1).downSql, QByteArray("DROP VIEW book_titles;\nDROP TABLE books;\n"));
        QFile up(c.dir + QStringLiteral("/001_authors.up.sql"));
        QVERIFY(up.open(QIODevice::ReadOnly));
        const QString expected = QString::fromLatin1(QCryptographicHash::hash(up.readAll(), QCryptographicHash::Sha256).toHex());
        QCOMPARE(files.at(0).checksum, expected);
        QCOMPARE(files.at(0).checksum, files.at(0).checksum.toLower());
        QCOMPARE(files.at(0).checksum.size(), 64);
    }

    void badNamesAreListedInOneError()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        write(c.dir, QStringLiteral("1-dash.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("0_zero.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("schema.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("004_bad-name.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("005_sideways.left.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("notes.txt"), "ignored");
        auto r = MigrationFile::scan(c.dir);
        QVERIFY(!r.ok());
        const QString msg = r.error().message();
        for (const char *bad : {"1-dash.up.sql", "0_zero.up.sql", "schema.sql", "004_bad-name.up.sql", "005_sideways.left.sql"})
            QVERIFY2(msg.contains(QLatin1String(bad)), qPrintable(msg));
        QVERIFY(!msg.contains(QLatin1String("notes.txt")));
        QVERIFY(!msg.contains(QLatin1String("001_authors")));
        QVERIFY(!msg.contains(QLatin1Char('\n')));
    }

    void duplicateVersionsAndOrphanDownsFail()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_a.up.sql"), "SELECT 1;");
        write(c.dir, QStringLiteral("1_b.up.sql"), "SELECT 2;");
        write(c.dir, QStringLiteral("007_orphan.down.sql"), "SELECT 3;");
        write(c.dir, QStringLiteral("008_x.up.sql"), "SELECT 4;");
        write(c.dir, QStringLiteral("008_y.down.sql"), "SELECT 5;");
        auto r = MigrationFile::scan(c.dir);
        QVERIFY(!r.ok());
        const QString msg = r.error().message();
        QVERIFY2(msg.contains(QLatin1String("duplicate version 1: 001_a.up.sql, 1_b.up.sql")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("007_orphan.down.sql")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("008_y.down.sql does not match")), qPrintable(msg));
    }

    void upToLatest()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        QSignalSpy started(&runner, &MigrationRunner::migrationStarted);
        QSignalSpy finished(&runner, &MigrationRunner::migrationFinished);
        auto r = LH_OK(runner.up());
        QVERIFY(r.ok());
        QCOMPARE(r.value().steps.size(), 3);
        QCOMPARE(r.value().fromVersion, 0);
        QCOMPARE(r.value().toVersion, 10);
        QTRY_COMPARE(finished.size(), 3);
        QCOMPARE(started.size(), 3);
        QCOMPARE(started.at(2).at(1).toString(), QStringLiteral("010_books_index.up.sql"));
        QCOMPARE(started.at(2).at(2).toInt(), 2);
        QCOMPARE(started.at(2).at(3).toInt(), 3);

        QVERIFY(QFile::exists(c.db));
        QVERIFY(!m.isOpen(c.db)); // the runner closes what it opened
        QCOMPARE(scalarOf(c.db, "PRAGMA journal_mode"), QStringLiteral("wal")); // a Litehouse-created file
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM authors"), QStringLiteral("2"));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'books_by_author'"), QStringLiteral("1"));
        const auto rows = rowsOf(c.db, "SELECT version, name, checksum, applied_at, duration_ms FROM _migrations ORDER BY version");
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).at(0), QStringLiteral("1"));
        QCOMPARE(rows.at(2).at(0), QStringLiteral("10"));
        QCOMPARE(rows.at(1).at(1), QStringLiteral("books"));
        auto files = MigrationFile::scan(c.dir);
        QCOMPARE(rows.at(1).at(2), files.value().at(1).checksum);
        const QDateTime at = QDateTime::fromString(rows.at(0).at(3), Qt::ISODateWithMs);
        QVERIFY(at.isValid());
        QCOMPARE(at.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        QVERIFY(rows.at(0).at(4).toLongLong() >= 0);

        auto st = LH_OK(runner.status());
        QCOMPARE(states(st.value()), QStringList({"1:applied", "2:applied", "10:applied"}));
        QVERIFY(!st.value().at(0).appliedAt.isEmpty());
        // Nothing left: a second up does nothing.
        auto again = LH_OK(runner.up());
        QVERIFY(again.ok());
        QCOMPARE(again.value().steps.size(), 0);
        QCOMPARE(again.value().toVersion, 10);
        QCOMPARE(rowsOf(c.db, "SELECT count(*) FROM _migrations").at(0).at(0), QStringLiteral("3"));
    }

    void upToTargetThenBelowPointsToDown()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions o;
        o.target = 5; // between versions: applies 1 and 2
        auto r = LH_OK(runner.up(o));
        QVERIFY(r.ok());
        QCOMPARE(r.value().toVersion, 2);
        QCOMPARE(states(LH_OK(runner.status()).value()), QStringList({"1:applied", "2:applied", "10:pending"}));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'books_by_author'"), QStringLiteral("0"));
        o.target = 1;
        auto below = await(runner.up(o));
        QVERIFY(!below.ok());
        QVERIFY2(below.error().message().contains(QLatin1String("down --target 1")), qPrintable(below.error().message()));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("2"));
    }

    void downAndUpRestoreTheSchema()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        QVERIFY(LH_OK(runner.up()).ok());
        const auto full = schemaOf(c.db);
        QCOMPARE(full.size(), 4); // authors, books, book_titles, books_by_author
        const auto allMigrations = rowsOf(c.db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");

        // Default down: one step.
        auto one = LH_OK(runner.down());
        QVERIFY(one.ok());
        QCOMPARE(one.value().steps.size(), 1);
        QCOMPARE(one.value().steps.at(0).file, QStringLiteral("010_books_index.down.sql"));
        QCOMPARE(one.value().toVersion, 2);
        QCOMPARE(states(LH_OK(runner.status()).value()), QStringList({"1:applied", "2:applied", "10:pending"}));

        MigrationOptions zero;
        zero.target = 0;
        auto all = LH_OK(runner.down(zero));
        QVERIFY(all.ok());
        QCOMPARE(all.value().steps.size(), 2);
        QCOMPARE(all.value().steps.at(0).version, 2); // newest first
        QCOMPARE(all.value().toVersion, 0);
        QCOMPARE(schemaOf(c.db), QList<QStringList>());
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("0"));

        QVERIFY(LH_OK(runner.up()).ok());
        QCOMPARE(schemaOf(c.db), full);
        QCOMPARE(rowsOf(c.db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"), allMigrations);
        MigrationOptions above;
        above.target = 11;
        auto bad = await(runner.down(above));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message().contains(QLatin1String("use up")));
    }

    void demoMigrationsRoundTrip()
    {
        const Case c = fresh();
        Manager m;
        MigrationRunner runner(m, c.db, QStringLiteral(DEMO_MIGRATIONS));
        auto r = LH_OK(runner.up());
        QVERIFY(r.ok());
        QCOMPARE(r.value().toVersion, 2);
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM books JOIN authors ON authors.id = books.author_id"),
                 QStringLiteral("3"));
        MigrationOptions zero;
        zero.target = 0;
        QVERIFY(LH_OK(runner.down(zero)).ok());
        QCOMPARE(schemaOf(c.db), QList<QStringList>());
    }

    void failingMigrationRollsBackAlone()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_first.up.sql"), "CREATE TABLE first(x);\n");
        write(c.dir, QStringLiteral("002_broken.up.sql"),
              "CREATE TABLE second(x);\n"
              "INSERT INTO second VALUES (1);\n"
              "-- the next statement fails\n"
              "INSERT INTO nope VALUES (2);\n"
              "CREATE TABLE never(x);\n");
        write(c.dir, QStringLiteral("003_third.up.sql"), "CREATE TABLE third(x);\n");
        Manager m;
        auto sink = std::make_shared<SinkSpy>();
        m.addSink(sink);
        MigrationRunner runner(m, c.db, c.dir);
        QSignalSpy failed(&runner, &MigrationRunner::migrationFailed);
        auto r = await(runner.up());
        QVERIFY(!r.ok());
        const QString msg = r.error().message();
        QVERIFY2(msg.contains(QLatin1String("002_broken.up.sql")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("no such table: nope")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("statement: INSERT INTO nope VALUES (2);")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("line 4")), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("stays at version 1")), qPrintable(msg));
        QVERIFY(r.error().sql().contains(QLatin1String("CREATE TABLE second")));
        QVERIFY(r.error().offset() >= int(QByteArray("CREATE TABLE second(x);\nINSERT INTO second VALUES (1);\n").size()));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toLongLong(), 2);

        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'first'"), QStringLiteral("1"));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('second', 'never', 'third')"),
                 QStringLiteral("0"));
        QCOMPARE(rowsOf(c.db, "SELECT version FROM _migrations"), QList<QStringList>({{"1"}}));
        QCOMPARE(states(LH_OK(runner.status()).value()), QStringList({"1:applied", "2:pending", "3:pending"}));

        // History sees both migrations, the failure with its message.
        QMutexLocker l(&sink->mutex);
        QCOMPARE(sink->ops.size(), 2);
        QCOMPARE(sink->ops.at(0).kind, OperationRecord::Kind::Migration);
        QCOMPARE(sink->ops.at(0).outcome, OperationRecord::Outcome::Ok);
        QVERIFY(sink->ops.at(0).sql.contains(QLatin1String("001_first.up.sql")));
        QCOMPARE(sink->ops.at(1).outcome, OperationRecord::Outcome::Error);
        QVERIFY(sink->ops.at(1).error.contains(QLatin1String("no such table: nope")));
    }

    void failingStatementAfterATriggerBody()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_audit.up.sql"),
              "CREATE TABLE t(x);\n"
              "CREATE TABLE log(msg TEXT);\n"
              "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN\n"
              "    INSERT INTO log VALUES ('one; two');\n"
              "    INSERT INTO log VALUES ('three');\n"
              "END;\n"
              "/* a comment; with a semicolon */\n"
              "INSERT INTO t VALUES ('a;b', 2);\n");
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        auto r = await(runner.up());
        QVERIFY(!r.ok());
        const QString msg = r.error().message();
        QVERIFY2(msg.contains(QLatin1String("failed at line 8: table t has 1 columns but 2 values were supplied; "
                                            "statement: INSERT INTO t VALUES ('a;b', 2);")), qPrintable(msg));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('t', 'log', 't_log')"),
                 QStringLiteral("0"));
    }

    void editedAppliedFileIsDetected()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions two;
        two.target = 2;
        QVERIFY(LH_OK(runner.up(two)).ok());
        QVERIFY(LH_OK(runner.validate()).value().isEmpty());
        write(c.dir, QStringLiteral("001_authors.up.sql"),
              "CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);\n");
        QCOMPARE(states(LH_OK(runner.status()).value()), QStringList({"1:changed", "2:applied", "10:pending"}));
        const QStringList problems = LH_OK(runner.validate()).value();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QLatin1String("1 (authors) was changed")), qPrintable(problems.first()));
        auto refused = await(runner.up());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(QLatin1String("--allow-changed")), qPrintable(refused.error().message()));
        auto refusedDown = await(runner.down());
        QVERIFY(!refusedDown.ok());
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("2"));
        MigrationOptions allow;
        allow.allowChanged = true;
        QVERIFY(LH_OK(runner.validate(allow)).value().isEmpty());
        auto r = LH_OK(runner.up(allow));
        QVERIFY(r.ok());
        QCOMPARE(r.value().steps.size(), 1);
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("3"));
    }

    void outOfOrderNeedsPermission()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("20240101_first.up.sql"), "CREATE TABLE a(x);\n");
        write(c.dir, QStringLiteral("20240301_third.up.sql"), "CREATE TABLE c(x);\n");
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        QVERIFY(LH_OK(runner.up()).ok()); // timestamps as versions: gaps are normal
        write(c.dir, QStringLiteral("20240201_second.up.sql"), "CREATE TABLE b(x);\n");
        QCOMPARE(states(LH_OK(runner.status()).value()),
                 QStringList({"20240101:applied", "20240201:pending", "20240301:applied"}));
        QCOMPARE(LH_OK(runner.validate()).value().size(), 1);
        auto refused = await(runner.up());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(QLatin1String("--allow-out-of-order")),
                 qPrintable(refused.error().message()));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), QStringLiteral("0"));
        MigrationOptions allow;
        allow.allowOutOfOrder = true;
        auto r = LH_OK(runner.up(allow));
        QVERIFY(r.ok());
        QCOMPARE(r.value().steps.size(), 1);
        QCOMPARE(r.value().steps.at(0).version, 20240201);
        QCOMPARE(r.value().toVersion, 20240301);
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), QStringLiteral("1"));
    }

    void noTransactionMigration()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_table.up.sql"), "CREATE TABLE t(x);\n");
        write(c.dir, QStringLiteral("002_journal.up.sql"), "-- litehouse:no-transaction\nPRAGMA journal_mode=delete;\n");
        write(c.dir, QStringLiteral("003_after.up.sql"), "INSERT INTO t VALUES (3);\n");
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions dry;
        dry.dryRun = true;
        auto plan = LH_OK(runner.up(dry));
        QVERIFY(plan.ok());
        QCOMPARE(plan.value().steps.size(), 3);
        QVERIFY(!plan.value().steps.at(0).noTransaction);
        QVERIFY(plan.value().steps.at(1).noTransaction);
        auto r = LH_OK(runner.up());
        QVERIFY(r.ok());
        QCOMPARE(r.value().steps.size(), 3);
        QCOMPARE(scalarOf(c.db, "PRAGMA journal_mode"), QStringLiteral("delete")); // was wal
        QCOMPARE(scalarOf(c.db, "SELECT group_concat(version) FROM _migrations"), QStringLiteral("1,2,3"));
        QCOMPARE(scalarOf(c.db, "SELECT x FROM t"), QStringLiteral("3"));
        // Without the marker the migration runs inside BEGIN IMMEDIATE: SQLite
        // ignores the journal mode change there and refuses VACUUM outright.
        const Case d = fresh();
        write(d.dir, QStringLiteral("001_journal.up.sql"), "CREATE TABLE t(x);\nPRAGMA journal_mode=delete;\n");
        write(d.dir, QStringLiteral("002_vacuum.up.sql"), "CREATE TABLE u(x);\nVACUUM;\n");
        MigrationRunner inTx(m, d.db, d.dir);
        auto failed = await(inTx.up());
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message().contains(QLatin1String("cannot VACUUM from within a transaction")),
                 qPrintable(failed.error().message()));
        QCOMPARE(scalarOf(d.db, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(scalarOf(d.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'u'"), QStringLiteral("0"));
        QCOMPARE(scalarOf(d.db, "SELECT group_concat(version) FROM _migrations"), QStringLiteral("1"));
        // With it, VACUUM runs too.
        write(d.dir, QStringLiteral("002_vacuum.up.sql"), "-- litehouse:no-transaction\nCREATE TABLE u(x);\nVACUUM;\n");
        QVERIFY(LH_OK(inTx.up()).ok());
        QCOMPARE(scalarOf(d.db, "SELECT group_concat(version) FROM _migrations"), QStringLiteral("1,2"));
    }

    void readingNeverCreatesTheDatabase()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        auto st = LH_OK(runner.status());
        QVERIFY(st.ok());
        QCOMPARE(states(st.value()), QStringList({"1:pending", "2:pending", "10:pending"}));
        QVERIFY(st.value().at(0).appliedAt.isEmpty());
        QVERIFY(LH_OK(runner.validate()).value().isEmpty());
        MigrationOptions dry;
        dry.dryRun = true;
        auto plan = LH_OK(runner.up(dry));
        QVERIFY(plan.ok());
        QVERIFY(plan.value().dryRun);
        QCOMPARE(plan.value().steps.size(), 3);
        QCOMPARE(plan.value().steps.at(1).sql, QByteArray("CREATE TABLE books(id INTEGER PRIMARY KEY, author_id INTEGER "
                                                          "REFERENCES authors(id), title TEXT);\nCREATE VIEW book_titles "
                                                          "AS SELECT title FROM books;\n"));
        QCOMPARE(plan.value().toVersion, 10);
        QVERIFY(LH_OK(runner.down()).value().steps.isEmpty());
        QVERIFY(!QFile::exists(c.db));
        QVERIFY(!m.isOpen(c.db));

        // An existing database without _migrations: everything pending, nothing added.
        int code = -1;
        sqlite3Shell(c.db, {}, "CREATE TABLE other(x);", &code);
        QCOMPARE(code, 0);
        const QByteArray before = [&] { QFile f(c.db); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        QCOMPARE(states(LH_OK(runner.status()).value()), QStringList({"1:pending", "2:pending", "10:pending"}));
        QCOMPARE(LH_OK(runner.up(dry)).value().steps.size(), 3);
        const QByteArray after = [&] { QFile f(c.db); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        QCOMPARE(after, before);
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = '_migrations'"), QStringLiteral("0"));
    }

    void downWithoutDownFileNamesIt()
    {
        const Case c = fresh();
        write(c.dir, QStringLiteral("001_a.up.sql"), "CREATE TABLE a(x);\n");
        write(c.dir, QStringLiteral("001_a.down.sql"), "DROP TABLE a;\n");
        write(c.dir, QStringLiteral("002_b.up.sql"), "CREATE TABLE b(x);\n");
        write(c.dir, QStringLiteral("003_c.up.sql"), "CREATE TABLE c(x);\n");
        write(c.dir, QStringLiteral("003_c.down.sql"), "DROP TABLE c;\n");
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        QVERIFY(LH_OK(runner.up()).ok());
        QVERIFY(LH_OK(runner.validate()).value().isEmpty()); // a missing down file is no problem
        QVERIFY(!LH_OK(runner.status()).value().at(1).hasDown);
        MigrationOptions zero;
        zero.target = 0;
        auto r = await(runner.down(zero));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("002_b.down.sql")), qPrintable(r.error().message()));
        // Checked before anything runs: 3 is still applied.
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("3"));
        auto one = LH_OK(runner.down());
        QVERIFY(one.ok());
        QCOMPARE(one.value().toVersion, 2);
    }

    void missingAppliedFile()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        QVERIFY(LH_OK(runner.up()).ok());
        QVERIFY(QFile::remove(c.dir + QStringLiteral("/010_books_index.up.sql")));
        QVERIFY(QFile::remove(c.dir + QStringLiteral("/010_books_index.down.sql")));
        const auto st = LH_OK(runner.status()).value();
        QCOMPARE(states(st), QStringList({"1:applied", "2:applied", "10:missing"}));
        QCOMPARE(st.at(2).name, QStringLiteral("books_index"));
        QVERIFY(!st.at(2).appliedAt.isEmpty());
        QCOMPARE(LH_OK(runner.validate()).value().size(), 1);
        auto r = await(runner.down());
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains(QLatin1String("10 (books_index)")));
    }

    void cancelStopsBetweenMigrations()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions o;
        connect(&runner, &MigrationRunner::migrationFinished, this,
                [cancel = o.cancel](qint64, const QString &, qint64) { cancel.cancel(); }, Qt::DirectConnection);
        auto r = await(runner.up(o));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        QVERIFY2(r.error().message().contains(QLatin1String("version 1")), qPrintable(r.error().message()));
        QCOMPARE(scalarOf(c.db, "SELECT group_concat(version) FROM _migrations"), QStringLiteral("1"));
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'books'"), QStringLiteral("0"));
    }

    void lockHeldByAnotherRunnerTimesOut()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        ProcessLock held(c.db);
        QVERIFY(held.acquire(0).ok());
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions o;
        o.lockTimeoutMs = 300;
        QElapsedTimer t;
        t.start();
        auto r = await(runner.up(o));
        QVERIFY(!r.ok());
        QVERIFY(t.elapsed() >= 250);
        QCOMPARE(r.error().kind(), Error::Kind::Locked);
        QVERIFY2(r.error().message().contains(QLatin1String("another migration is running")), qPrintable(r.error().message()));
        QVERIFY(!QFile::exists(c.db)); // nothing was opened while waiting
        held.release();
        QVERIFY(LH_OK(runner.up(o)).ok());
        QCOMPARE(scalarOf(c.db, "SELECT count(*) FROM _migrations"), QStringLiteral("3"));
    }

    void cancelWhileWaitingForTheLock()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        ProcessLock held(c.db);
        QVERIFY(held.acquire(0).ok());
        Manager m;
        MigrationRunner runner(m, c.db, c.dir);
        MigrationOptions o;
        o.lockTimeoutMs = 60000;
        QElapsedTimer t;
        t.start();
        auto future = runner.up(o);
        QTest::qWait(200);
        QVERIFY(!future.isFinished());
        o.cancel.cancel();
        auto r = await(future);
        QVERIFY(!r.ok());
        // Interrupted, not Locked: the cancel ended the wait, not the timeout.
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        QVERIFY(!QFile::exists(c.db));
    }

    void runsOnADatabaseTheManagerHasOpen()
    {
        const Case c = fresh();
        writeLibrary(c.dir);
        Manager m;
        QVERIFY(LH_OK(m.open(c.db, {}, QStringLiteral("lib"))).ok());
        MigrationRunner runner(m, QStringLiteral("lib"), c.dir);
        QVERIFY(LH_OK(runner.up()).ok());
        QVERIFY(m.isOpen(QStringLiteral("lib"))); // left open for its owner
        auto n = LH_OK(m.execute(QStringLiteral("lib"), QStringLiteral("SELECT count(*) FROM _migrations")));
        QCOMPARE(n.value().rows.at(0, 0).toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
