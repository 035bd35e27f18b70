// Tools ▸ Migrations…: status, preview, apply, revert, a failing migration
// and a changed file, through the dialog, checked against the database.

#include <mainwindow/mainwindow.h>
#include <migrations/migrationsdialog.h>

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

class TestMigrationsDialog : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    bool write(const QString &folder, const QString &name, const QByteArray &sql)
    {
        QDir().mkpath(folder);
        QFile f(folder + QLatin1Char('/') + name);
        return f.open(QIODevice::WriteOnly) && f.write(sql) == sql.size();
    }
    static QStringList states(const MigrationsDialog *d)
    {
        QStringList out;
        for (const MigrationStatus &s : d->statuses())
            out << QStringLiteral("%1:%2").arg(s.version).arg(migrationStateName(s.state));
        return out;
    }
    static bool finished(MigrationsDialog *d, bool *ok, QString *message)
    {
        QSignalSpy done(d, &MigrationsDialog::runFinished);
        QSignalSpy refreshed(d, &MigrationsDialog::refreshed);
        if (!done.wait(20000))
            return false;
        *ok = done.first().at(0).toBool();
        *message = done.first().at(1).toString();
        return refreshed.count() > 0 || refreshed.wait(10000);
    }
    static QStringList tables(Manager &m, const QString &db)
    {
        auto r = await(m.execute(db, QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                                    "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")));
        QStringList out;
        for (qsizetype i = 0; r && i < r.value().rows.rowCount(); ++i)
            out << r.value().rows.at(i, 0).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_migrationsdialog"));
        QSettings().clear();
    }

    void previewApplyRevertAndFailures()
    {
        const QString folder = m_dir.filePath(QStringLiteral("migrations"));
        QVERIFY(write(folder, QStringLiteral("001_authors.up.sql"), "CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT);"));
        QVERIFY(write(folder, QStringLiteral("001_authors.down.sql"), "DROP TABLE authors;"));
        QVERIFY(write(folder, QStringLiteral("002_books.up.sql"), "CREATE TABLE books(id INTEGER PRIMARY KEY, author_id);"));
        QVERIFY(write(folder, QStringLiteral("002_books.down.sql"), "DROP TABLE books;"));

        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state")));
        const QString db = m_dir.filePath(QStringLiteral("mig.db"));
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(db, {}, false, /*create=*/true);
        QVERIFY(opened.wait(10000));
        MigrationsDialog *d = w.openMigrations(db);
        QVERIFY(d->isVisible());
        QCOMPARE(w.openMigrations(db), d);
        QVERIFY(!d->apply()); // no folder yet
        QSignalSpy refreshed(d, &MigrationsDialog::refreshed);
        d->setFolder(folder);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(states(d), (QStringList{"1:pending", "2:pending"}));
        QVERIFY(d->problems().isEmpty());

        // A preview shows the SQL and runs nothing.
        bool ok = false;
        QString message;
        QVERIFY(d->apply(-1, true));
        QVERIFY(finished(d, &ok, &message));
        QVERIFY(ok);
        QVERIFY(d->logText().contains(QStringLiteral("CREATE TABLE books")));
        QVERIFY(tables(m, db).isEmpty());
        QCOMPARE(states(d), (QStringList{"1:pending", "2:pending"}));

        // Apply up to version 1, then the rest.
        QVERIFY(d->apply(1));
        QVERIFY(finished(d, &ok, &message));
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(tables(m, db), QStringList{QStringLiteral("authors")});
        QCOMPARE(states(d), (QStringList{"1:applied", "2:pending"}));
        QVERIFY(d->apply());
        QVERIFY(finished(d, &ok, &message));
        QVERIFY(ok);
        QCOMPARE(tables(m, db), (QStringList{"authors", "books"}));
        QVERIFY2(message.contains(QStringLiteral("1 → 2")), qPrintable(message));

        // Revert the newest one.
        QVERIFY(d->revert());
        QVERIFY(finished(d, &ok, &message));
        QVERIFY(ok);
        QCOMPARE(tables(m, db), QStringList{QStringLiteral("authors")});
        QCOMPARE(states(d), (QStringList{"1:applied", "2:pending"}));

        // A failing migration is rolled back whole; the one before it stays.
        QVERIFY(write(folder, QStringLiteral("003_bad.up.sql"), "CREATE TABLE half(x);\nINSERT INTO nowhere VALUES (1);"));
        d->refresh();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(d->apply());
        QVERIFY(finished(d, &ok, &message));
        QVERIFY(!ok);
        QVERIFY2(message.contains(QStringLiteral("nowhere")), qPrintable(message));
        QVERIFY(d->logText().contains(QStringLiteral("003_bad.up.sql failed and was rolled back")));
        QCOMPARE(tables(m, db), (QStringList{"authors", "books"}));
        QCOMPARE(states(d), (QStringList{"1:applied", "2:applied", "3:pending"}));

        // An applied file that changed is a problem, and Apply refuses.
        QVERIFY(QFile::remove(folder + QStringLiteral("/003_bad.up.sql")));
        QVERIFY(write(folder, QStringLiteral("001_authors.up.sql"), "CREATE TABLE authors(id INTEGER PRIMARY KEY);"));
        d->refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(states(d), (QStringList{"1:changed", "2:applied"}));
        QVERIFY(!d->problems().isEmpty());
        QVERIFY(d->apply());
        QVERIFY(finished(d, &ok, &message));
        QVERIFY(!ok);

        // The folder is remembered for the database.
        d->close();
        MainWindow w2(&m, nullptr, m_dir.filePath(QStringLiteral("state2")));
        w2.openDatabase(db);
        MigrationsDialog *d2 = w2.openMigrations(db);
        QCOMPARE(d2->folder(), QDir::cleanPath(folder));
    }
};

QTEST_MAIN(TestMigrationsDialog)
#include "tst_migrationsdialog.moc"
