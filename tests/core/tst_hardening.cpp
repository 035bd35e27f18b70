// Every connection Litehouse opens is hardened (hardenConnection()): the
// writer, readers, stream and checkpoint connections, the history store,
// VACUUM INTO's and the backup's own. An SQLite auto-extension, which SQLite
// runs for each connection this process opens, traces each one: every
// statement it runs and its close are checked against missingHardening().
// Then what the settings are for: hostile SQL and a hostile schema do
// nothing unsafe.

#include "testutil.h"

#include <core/hardening.h>
#include <core/history/historystore.h>
#include <core/maintenance/maintenance.h>
#include <core/querystream.h>

#include <QTemporaryDir>

#include <sqlite3.h>

#include <mutex>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

struct Seen
{
    std::mutex mutex;
    int closes = 0;
    QStringList unsafe; // what ran, or closed, without a setting
};

Seen &seen()
{
    static Seen s;
    return s;
}

int traced(unsigned type, void *, void *p, void *x)
{
    auto *db = type == SQLITE_TRACE_CLOSE ? static_cast<sqlite3 *>(p) : sqlite3_db_handle(static_cast<sqlite3_stmt *>(p));
    const QStringList missing = missingHardening(db);
    std::lock_guard lock(seen().mutex);
    if (type == SQLITE_TRACE_CLOSE)
        ++seen().closes;
    if (!missing.isEmpty()) {
        const QString what = type == SQLITE_TRACE_CLOSE
            ? QStringLiteral("a connection closed")
            : QStringLiteral("\"%1\"").arg(QString::fromUtf8(static_cast<const char *>(x)).left(80));
        seen().unsafe << QStringLiteral("%1 without %2").arg(what, missing.join(QStringLiteral(", ")));
    }
    return 0;
}

int watch(sqlite3 *db, char **, const sqlite3_api_routines *)
{
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT | SQLITE_TRACE_CLOSE, traced, nullptr);
    return SQLITE_OK;
}

QString firstError(Manager &m, const QString &db, const QString &sql)
{
    auto r = await(m.executeScript(db, sql));
    return r ? QString() : r.error().message();
}

} // namespace

class TestHardening : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(sqlite3_auto_extension(reinterpret_cast<void (*)()>(watch)), SQLITE_OK);
    }

    void cleanupTestCase() { sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(watch)); }

    void everyConnectionIsHardened()
    {
        const QString db = m_dir.filePath(QStringLiteral("all.db"));
        {
            Manager m;
            OpenOptions o;
            QVERIFY(LH_OK(m.open(db, o)).ok());
            QVERIFY(LH_OK(m.executeScript(db, QStringLiteral("PRAGMA wal_autocheckpoint=20; CREATE TABLE t(x);"))).ok());
            for (int i = 0; i < 200; ++i) // past the threshold: background checkpoints
                QVERIFY(LH_OK(m.execute(db, QStringLiteral("INSERT INTO t VALUES (randomblob(500))"))).ok());
            ExecOptions reader;
            reader.route = Route::Reader;
            QVERIFY(LH_OK(m.execute(db, QStringLiteral("SELECT count(*) FROM t"), {}, reader)).ok());
            auto s = LH_OK(m.stream(db, QStringLiteral("SELECT x FROM t"), {}, reader));
            QVERIFY(s.ok());
            QVERIFY(await(s.value()->fetch(10)).ok());
            QVERIFY(await(s.value()->close()).ok());
            Maintenance maint(m, db);
            QVERIFY(LH_OK(maint.vacuumInto(m_dir.filePath(QStringLiteral("copy.db")))).ok());
            QVERIFY(LH_OK(maint.backup(m_dir.filePath(QStringLiteral("backup.db")))).ok());
            QVERIFY(m.checkpointStats(db).background > 0);
            QVERIFY(LH_OK(m.close(db)).ok());
        }
        {
            HistoryStore store(m_dir.filePath(QStringLiteral("history.db")));
            HistoryItem it;
            it.sql = QStringLiteral("SELECT 1");
            it.kind = QStringLiteral("query");
            it.outcome = QStringLiteral("ok");
            store.record(std::move(it));
            QVERIFY(await(store.flush()).ok());
        }
        std::lock_guard lock(seen().mutex);
        // Writer, reader, stream, checkpoint, VACUUM INTO, backup destination
        // and history (the backup reads through a reader): seven at least
        // (addresses may be reused, so closes are counted).
        QVERIFY2(seen().closes >= 7, qPrintable(QString::number(seen().closes)));
        QVERIFY2(seen().unsafe.isEmpty(), qPrintable(seen().unsafe.join(QLatin1Char('\n'))));
    }

    void hostileSqlAndSchemaRunNothingUnsafe()
    {
        const QString db = m_dir.filePath(QStringLiteral("hostile.db"));
        // Made by the sqlite3 shell, whose defaults trust the schema: a view
        // and a trigger that call a function the schema must not call
        // (load_extension), and a table whose CHECK uses one.
        int code = -1;
        sqlite3Shell(db, {}, "CREATE TABLE t(x);"
                             "CREATE VIEW v AS SELECT load_extension('/nonexistent/evil') AS boom;"
                             "CREATE TABLE log(m);"
                             "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT load_extension('/nonexistent/evil'); END;"
                             // Written straight into sqlite_schema, as a crafted file would have it.
                             "PRAGMA writable_schema=ON;"
                             "INSERT INTO sqlite_schema(type, name, tbl_name, rootpage, sql) VALUES ('view', 'crafted', "
                             "'crafted', 0, 'CREATE VIEW crafted AS SELECT load_extension(''/nonexistent/evil'') AS boom');\n",
                     &code);
        QCOMPARE(code, 0);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        QVERIFY(firstError(m, db, QStringLiteral("SELECT * FROM v")).contains(QStringLiteral("unsafe use of load_extension")));
        QVERIFY(firstError(m, db, QStringLiteral("SELECT * FROM crafted")).contains(QStringLiteral("unsafe use of load_extension")));
        QVERIFY(firstError(m, db, QStringLiteral("INSERT INTO t VALUES (1)")).contains(QStringLiteral("unsafe use")));
        // Directly: extension loading is off.
        QVERIFY(firstError(m, db, QStringLiteral("SELECT load_extension('/nonexistent/evil')")).contains(QStringLiteral("not authorized")));
        // Defensive: the schema cannot be rewritten by SQL.
        const QString rewrite =
            firstError(m, db, QStringLiteral("PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = 'x' WHERE name = 't';"));
        QVERIFY2(rewrite.contains(QStringLiteral("may not be modified")), qPrintable(rewrite));
        QCOMPARE(sqlite3Shell(db, {}, "SELECT sql FROM sqlite_schema WHERE name = 't';\n").trimmed(), QByteArray("CREATE TABLE t(x)"));
        // No double-quoted strings: a misspelt column is an error, not a string.
        QVERIFY(firstError(m, db, QStringLiteral("SELECT \"nosuchcolumn\" FROM t")).contains(QStringLiteral("no such column")));
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {}, "PRAGMA integrity_check;\n").trimmed(), QByteArray("ok"));
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
