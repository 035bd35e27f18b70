// The maintenance dashboard: health, sizes, settings and every action,
// run through the tab the way the user does, checked against SQLite.

#include <mainwindow/mainwindow.h>
#include <maintenance/maintenancetab.h>

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Litehouse;

class TestMaintenanceTab : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static bool finishes(MaintenanceTab *t, bool *ok, QString *message)
    {
        QSignalSpy done(t, &MaintenanceTab::actionFinished);
        if (!done.wait(20000))
            return false;
        *ok = done.first().at(0).toBool();
        *message = done.first().at(1).toString();
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_maintenancetab"));
        QSettings().clear();
    }

    void dashboardShowsAndRunsEverything()
    {
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state")));
        const QString db = m_dir.filePath(QStringLiteral("m.db"));
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(db, QStringLiteral(
                               "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                               "CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id REFERENCES parent(id));"
                               "CREATE TABLE big(x); CREATE INDEX big_x ON big(x);"
                               "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n < 20000)"
                               " INSERT INTO big SELECT randomblob(64) FROM c;"
                               "INSERT INTO parent VALUES (1);"
                               "PRAGMA foreign_keys = OFF; INSERT INTO child VALUES (1, 1), (2, 99);"));
        QVERIFY(opened.wait(10000));
        MaintenanceTab *t = w.openMaintenance(db);
        QVERIFY(t);
        QCOMPARE(w.openMaintenance(db), t); // one dashboard per database

        // Health, sizes and settings arrive from the background.
        QTRY_VERIFY_WITH_TIMEOUT(t->healthText().contains(QStringLiteral("healthy")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(t->sizes().fileBytes > 0, 10000);
        bool hasBig = false, hasIndex = false;
        for (const ObjectSize &o : t->sizes().objects) {
            hasBig |= o.name == QLatin1String("big") && o.bytes > 20000 * 64;
            hasIndex |= o.name == QLatin1String("big_x") && o.type == QLatin1String("index");
        }
        QVERIFY(hasBig);
        QVERIFY(hasIndex);
        QTRY_COMPARE_WITH_TIMEOUT(t->settingValue(QStringLiteral("journal_mode")), QStringLiteral("wal"), 10000);

        bool ok = false;
        QString message;
        QVERIFY(t->run(MaintenanceTab::Action::IntegrityCheck));
        QVERIFY(!t->run(MaintenanceTab::Action::QuickCheck)); // one at a time
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY(ok);
        QCOMPARE(message, QStringLiteral("ok"));

        // The orphan row is found and named.
        QVERIFY(t->run(MaintenanceTab::Action::ForeignKeyCheck));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY(ok);
        QVERIFY2(message.contains(QStringLiteral("child row 2")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("parent")));

        QVERIFY(t->run(MaintenanceTab::Action::Analyze));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY(ok);
        // ANALYZE wrote its statistics table.
        QVERIFY(await(m.execute(db, QStringLiteral("SELECT count(*) FROM sqlite_stat1"))).value().rows.at(0, 0).toInt() > 0);

        // Free pages after a delete; VACUUM gives them back.
        QVERIFY(await(m.execute(db, QStringLiteral("DELETE FROM big WHERE rowid > 1000"))).ok());
        t->refresh(); // reads that started before the delete may still land first
        QTRY_VERIFY_WITH_TIMEOUT(t->sizes().bytesFree > 0, 10000);
        QVERIFY(t->run(MaintenanceTab::Action::Vacuum));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY2(ok, qPrintable(message));
        QTRY_COMPARE_WITH_TIMEOUT(t->sizes().bytesFree, 0, 10000); // finishing reads the sizes again

        QVERIFY(t->run(MaintenanceTab::Action::Checkpoint));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("frames copied")));

        // An online backup is a database with the same rows.
        const QString copy = m_dir.filePath(QStringLiteral("copy.db"));
        QVERIFY(t->backupTo(copy));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY2(ok, qPrintable(message));
        sqlite3 *c = nullptr;
        QCOMPARE(sqlite3_open_v2(copy.toUtf8().constData(), &c, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        QCOMPARE(sqlite3_prepare_v2(c, "SELECT count(*) FROM big", -1, &st, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(st, 0), 1000);
        sqlite3_finalize(st);
        sqlite3_close(c);
        // A second backup onto the same file is refused, with the reason.
        QVERIFY(t->backupTo(copy));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY(!ok);
        QVERIFY2(message.contains(QStringLiteral("exists")), qPrintable(message));
        QVERIFY(t->logText().contains(QStringLiteral("Backup to")));
    }

    void vacuumInsideATransactionIsRefused()
    {
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state2")));
        const QString db = m_dir.filePath(QStringLiteral("tx.db"));
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(db, QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));
        QVERIFY(await(m.begin(db)).ok());
        MaintenanceTab *t = w.openMaintenance(db);
        bool ok = true;
        QString message;
        QVERIFY(t->run(MaintenanceTab::Action::Vacuum));
        QVERIFY(finishes(t, &ok, &message));
        QVERIFY(!ok);
        QVERIFY2(message.contains(QStringLiteral("transaction")), qPrintable(message));
        QVERIFY(await(m.rollback(db)).ok());
    }
};

QTEST_MAIN(TestMaintenanceTab)
#include "tst_maintenancetab.moc"
