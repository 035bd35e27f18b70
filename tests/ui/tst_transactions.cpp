// The transaction and savepoint panels and the close guard, driven through
// their buttons and through SQL the user types, checked against SQLite's own
// state (sqlite3_get_autocommit on the writer) and the Manager's tracked stack.

#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <transactions/closeguard.h>
#include <transactions/savepointpanel.h>
#include <transactions/transactionpanel.h>

#include <core/manager.h>

#include <sqlite3.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Litehouse;

namespace {

/// SQLite's own answer, read on the writer connection.
bool realAutocommit(Manager &m, const QString &db)
{
    auto r = await(m.withConnection<bool>(db, Route::Writer, [](Connection &c) -> Outcome<bool> {
        return sqlite3_get_autocommit(c.handle()) != 0;
    }));
    return r.ok() && r.value();
}

/// Runs raw SQL on the writer, past the Manager's tracking; returns SQLite's
/// error message (empty on success).
QString rawExec(Manager &m, const QString &db, const QByteArray &sql)
{
    auto r = await(m.withConnection<QString>(db, Route::Writer, [sql](Connection &c) -> Outcome<QString> {
        char *err = nullptr;
        const int rc = sqlite3_exec(c.handle(), sql.constData(), nullptr, nullptr, &err);
        const QString msg = rc == SQLITE_OK ? QString() : QString::fromUtf8(err ? err : "error");
        sqlite3_free(err);
        return msg;
    }));
    return r.ok() ? r.value() : r.error().message();
}

/// True when SQLite says no savepoint of that name is open. (ROLLBACK TO an
/// unknown name fails and changes nothing.)
bool realSavepointGone(Manager &m, const QString &db, const QString &name)
{
    return rawExec(m, db, "ROLLBACK TO " + quoteIdentifier(name).toUtf8()).contains(QLatin1String("no such savepoint"));
}

qint64 countRows(Manager &m, const QString &db, Route route, const QString &table = QStringLiteral("t"))
{
    ExecOptions o;
    o.route = route;
    auto r = await(m.execute(db, QStringLiteral("SELECT count(*) FROM ") + table, {}, o));
    return r.ok() ? r.value().rows.at(0, 0).toInt() : -1;
}

bool exec(Manager &m, const QString &db, const QString &sql)
{
    auto r = await(m.execute(db, sql));
    if (!r.ok())
        qWarning("%s: %s", qPrintable(sql), qPrintable(r.error().message()));
    return r.ok();
}

} // namespace

#define CHECK_SQLITE(m, db, tp, sp)                                                                         \
    do {                                                                                                       \
        checkAgainstSqlite(m, db, tp, sp);                                                                     \
        if (QTest::currentTestFailed())                                                                        \
            return;                                                                                            \
    } while (false)

class TestTransactions : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    /// A fresh database with table t(x) in the temporary folder.
    QString openDb(Manager &m)
    {
        const QString path = m_dir.filePath(QStringLiteral("tx%1.db").arg(++m_n));
        auto r = await(m.open(path));
        if (!r.ok()) {
            qWarning("open: %s", qPrintable(r.error().message()));
            return {};
        }
        if (!exec(m, r.value().path, QStringLiteral("CREATE TABLE t(x)")))
            return {};
        return r.value().path;
    }

    /// Panel and Manager agree with SQLite: the same in-transaction flag and
    /// the same savepoint stack. (Use through CHECK_SQLITE.)
    static void checkAgainstSqlite(Manager &m, const QString &db, TransactionPanel &tp, SavepointPanel &sp)
    {
        const TransactionState tracked = m.transactionState(db);
        QCOMPARE(tracked.active, !realAutocommit(m, db));
        QCOMPARE(tp.state().active, tracked.active);
        QCOMPARE(tp.stateText(), tracked.active ? QStringLiteral("In transaction") : QStringLiteral("Autocommit"));
        QCOMPARE(sp.savepoints(), tracked.savepoints);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true); // settings and saved tabs stay out of the user's folders
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_transactions"));
    }

    void buttonsBeginCommitAndRollBack()
    {
        Manager m;
        const QString db = openDb(m);
        QVERIFY(!db.isEmpty());
        TransactionPanel panel(&m);
        panel.setDatabase(db);
        panel.show();

        QCOMPARE(panel.stateText(), QStringLiteral("Autocommit"));
        QVERIFY(panel.beginButton()->isEnabled());
        QVERIFY(!panel.commitButton()->isEnabled());
        QVERIFY(!panel.rollbackButton()->isEnabled());

        // Begin Immediate: the panel says so, Commit enables, SQLite agrees.
        QSignalSpy done(&panel, &TransactionPanel::operationFinished);
        panel.beginAction(Manager::BeginMode::Immediate)->trigger();
        QVERIFY(!panel.beginButton()->isEnabled()); // nothing can be clicked twice while it runs
        QVERIFY(done.wait(5000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(panel.stateText(), QStringLiteral("In transaction"));
        QCOMPARE(panel.modeText(), QStringLiteral("immediate"));
        QVERIFY(panel.sinceText().contains(QLatin1Char(':')));
        QVERIFY(panel.commitButton()->isEnabled());
        QVERIFY(panel.rollbackButton()->isEnabled());
        QVERIFY(!panel.beginButton()->isEnabled());
        QVERIFY(!panel.beginAction(Manager::BeginMode::Deferred)->isEnabled());
        QVERIFY(!realAutocommit(m, db));

        // Commit: the row written inside becomes visible to readers.
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        QCOMPARE(countRows(m, db, Route::Reader), 0);
        QTest::mouseClick(panel.commitButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(panel.stateText(), QStringLiteral("Autocommit"));
        QVERIFY(!panel.commitButton()->isEnabled());
        QVERIFY(panel.beginButton()->isEnabled());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
        QVERIFY(panel.errorText().isEmpty());

        // Rollback: the row written inside is gone.
        panel.beginAction(Manager::BeginMode::Deferred)->trigger();
        QVERIFY(done.wait(5000));
        QCOMPARE(panel.modeText(), QStringLiteral("deferred"));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (2)")));
        QCOMPARE(countRows(m, db, Route::Writer), 2);
        QTest::mouseClick(panel.rollbackButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(panel.stateText(), QStringLiteral("Autocommit"));
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Writer), 1);

        panel.beginAction(Manager::BeginMode::Exclusive)->trigger();
        QVERIFY(done.wait(5000));
        QCOMPARE(panel.modeText(), QStringLiteral("exclusive"));
        QVERIFY(!realAutocommit(m, db));
        QTest::mouseClick(panel.rollbackButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QVERIFY(realAutocommit(m, db));

        // The database closes: nothing can be clicked any more.
        QVERIFY(await(m.close(db)).ok());
        QTRY_COMPARE(panel.stateText(), QStringLiteral("No database"));
        QVERIFY(!panel.beginButton()->isEnabled());
        QVERIFY(!panel.commitButton()->isEnabled());
        QVERIFY(!panel.rollbackButton()->isEnabled());
        // ensureTransaction() says why instead of resolving silently.
        QFuture<Outcome<TransactionState>> f = panel.ensureTransaction();
        QVERIFY(f.isFinished());
        QCOMPARE(f.result().error().kind(), Error::Kind::NotOpen);
    }

    void failingCommitShowsSqliteMessage()
    {
        Manager m;
        const QString db = openDb(m);
        QVERIFY(exec(m, db, QStringLiteral("CREATE TABLE parent(id INTEGER PRIMARY KEY)")));
        QVERIFY(exec(m, db, QStringLiteral("CREATE TABLE child(p REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")));
        TransactionPanel panel(&m);
        panel.setDatabase(db);
        panel.show();
        QSignalSpy done(&panel, &TransactionPanel::operationFinished);
        panel.begin(Manager::BeginMode::Deferred);
        QVERIFY(done.wait(5000));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO child VALUES (42)"))); // checked at COMMIT
        QTest::mouseClick(panel.commitButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY2(panel.errorText().contains(QLatin1String("FOREIGN KEY constraint failed")),
                 qPrintable(panel.errorText()));
        // The transaction stays open, as in SQLite, so the user can fix it or roll back.
        QVERIFY(!realAutocommit(m, db));
        QCOMPARE(panel.stateText(), QStringLiteral("In transaction"));
        QVERIFY(panel.commitButton()->isEnabled());
        QTest::mouseClick(panel.rollbackButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), true);
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader, QStringLiteral("child")), 0);
    }

    void typedSqlShowsInBothPanels()
    {
        Manager m;
        const QString db = openDb(m);
        TransactionPanel tp(&m);
        SavepointPanel sp(&m);
        tp.setDatabase(db);
        sp.setDatabase(db);
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("BEGIN")));
        QTRY_COMPARE(tp.stateText(), QStringLiteral("In transaction"));
        QCOMPARE(tp.modeText(), QStringLiteral("deferred"));
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT a")));
        QTRY_COMPARE(sp.savepoints(), QStringList{QStringLiteral("a")});
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT \"b c\"")));
        QTRY_COMPARE(sp.savepoints(), (QStringList{QStringLiteral("a"), QStringLiteral("b c")}));
        QCOMPARE(sp.selectedSavepoint(), QStringLiteral("b c")); // the innermost is selected
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        QVERIFY(exec(m, db, QStringLiteral("ROLLBACK TO \"b c\"")));
        QCOMPARE(countRows(m, db, Route::Writer), 0);
        // ROLLBACK TO keeps the savepoint open.
        QTRY_COMPARE(m.transactionState(db).savepoints, (QStringList{QStringLiteral("a"), QStringLiteral("b c")}));
        QCOMPARE(sp.savepoints(), (QStringList{QStringLiteral("a"), QStringLiteral("b c")}));
        CHECK_SQLITE(m, db, tp, sp);

        // RELEASE a closes a and everything inside it; BEGIN's transaction stays.
        QVERIFY(exec(m, db, QStringLiteral("RELEASE a")));
        QTRY_VERIFY(sp.savepoints().isEmpty());
        QVERIFY(realSavepointGone(m, db, QStringLiteral("a")));
        QVERIFY(realSavepointGone(m, db, QStringLiteral("b c")));
        QCOMPARE(tp.stateText(), QStringLiteral("In transaction"));
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("ROLLBACK")));
        QTRY_COMPARE(tp.stateText(), QStringLiteral("Autocommit"));
        CHECK_SQLITE(m, db, tp, sp);

        // A SAVEPOINT outside a transaction opens one; releasing it commits.
        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT outer_one")));
        QTRY_COMPARE(tp.modeText(), QStringLiteral("savepoint"));
        QCOMPARE(sp.savepoints(), QStringList{QStringLiteral("outer_one")});
        CHECK_SQLITE(m, db, tp, sp);
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(exec(m, db, QStringLiteral("RELEASE SAVEPOINT outer_one")));
        QTRY_COMPARE(tp.stateText(), QStringLiteral("Autocommit"));
        QVERIFY(sp.savepoints().isEmpty());
        CHECK_SQLITE(m, db, tp, sp);
        QCOMPARE(countRows(m, db, Route::Reader), 1);
    }

    void savepointPanelButtons()
    {
        Manager m;
        const QString db = openDb(m);
        TransactionPanel tp(&m);
        SavepointPanel sp(&m);
        tp.setDatabase(db);
        sp.setDatabase(db);
        sp.show();
        QVERIFY(!sp.releaseButton()->isEnabled()); // nothing selected
        QSignalSpy done(&sp, &SavepointPanel::operationFinished);

        sp.nameEdit()->setText(QStringLiteral("sp1"));
        QTest::mouseClick(sp.createButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), true);
        QCOMPARE(sp.savepoints(), QStringList{QStringLiteral("sp1")});
        QVERIFY(sp.nameEdit()->text().isEmpty());
        QTRY_COMPARE(tp.modeText(), QStringLiteral("savepoint"));
        CHECK_SQLITE(m, db, tp, sp);

        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        sp.nameEdit()->setText(QStringLiteral("sp2"));
        QTest::keyClick(sp.nameEdit(), Qt::Key_Return); // Enter creates too
        QVERIFY(done.wait(5000));
        QCOMPARE(sp.savepoints(), (QStringList{QStringLiteral("sp1"), QStringLiteral("sp2")}));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (2)")));
        CHECK_SQLITE(m, db, tp, sp);

        // Rollback to sp1: both rows gone, sp1 stays, sp2 is gone.
        sp.selectSavepoint(0);
        QCOMPARE(sp.selectedSavepoint(), QStringLiteral("sp1"));
        QVERIFY(sp.rollbackToButton()->isEnabled());
        QTest::mouseClick(sp.rollbackToButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), true);
        QCOMPARE(sp.savepoints(), QStringList{QStringLiteral("sp1")});
        QCOMPARE(countRows(m, db, Route::Writer), 0);
        QVERIFY(realSavepointGone(m, db, QStringLiteral("sp2")));
        CHECK_SQLITE(m, db, tp, sp);

        // A savepoint the user typed under a name that needs quoting can be
        // released from the panel too.
        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT \"b c\"")));
        QTRY_COMPARE(sp.savepoints(), (QStringList{QStringLiteral("sp1"), QStringLiteral("b c")}));
        QCOMPARE(sp.selectedSavepoint(), QStringLiteral("b c"));
        QTest::mouseClick(sp.releaseButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), true);
        QCOMPARE(sp.savepoints(), QStringList{QStringLiteral("sp1")});
        QVERIFY(realSavepointGone(m, db, QStringLiteral("b c")));
        CHECK_SQLITE(m, db, tp, sp);

        // Releasing the outermost savepoint that opened the transaction commits it.
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (3)")));
        QCOMPARE(sp.selectedSavepoint(), QStringLiteral("sp1"));
        QTest::mouseClick(sp.releaseButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QVERIFY(sp.savepoints().isEmpty());
        QVERIFY(!sp.releaseButton()->isEnabled());
        QTRY_COMPARE(tp.stateText(), QStringLiteral("Autocommit"));
        CHECK_SQLITE(m, db, tp, sp);
        QCOMPARE(countRows(m, db, Route::Reader), 1);

        // An error from SQLite shows in the panel: release a savepoint that
        // SQLite no longer has (closed behind the tracker's back).
        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT ghost")));
        QTRY_COMPARE(sp.savepoints(), QStringList{QStringLiteral("ghost")});
        QVERIFY(exec(m, db, QStringLiteral("SAVEPOINT inner_one")));
        QTRY_COMPARE(sp.savepoints().size(), 2);
        QCOMPARE(rawExec(m, db, "RELEASE inner_one"), QString()); // untracked
        QCOMPARE(sp.selectedSavepoint(), QStringLiteral("inner_one"));
        QTest::mouseClick(sp.rollbackToButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY2(sp.errorText().contains(QLatin1String("no such savepoint")), qPrintable(sp.errorText()));
        QVERIFY(exec(m, db, QStringLiteral("ROLLBACK")));
        QTRY_VERIFY(sp.savepoints().isEmpty());
    }

    void hostileSavepointNameIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("statement") << QStringLiteral("a; DROP TABLE t");
        QTest::newRow("quote") << QStringLiteral("a\"; DROP TABLE t; --");
        QTest::newRow("space") << QStringLiteral("b c");
        QTest::newRow("digit first") << QStringLiteral("1a");
        QTest::newRow("empty") << QString();
        QTest::newRow("too long") << QString(129, QLatin1Char('a'));
    }

    void hostileSavepointNameIsRefused()
    {
        QFETCH(QString, name);
        Manager m;
        const QString db = openDb(m);
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        SavepointPanel sp(&m);
        sp.setDatabase(db);
        sp.show();
        QSignalSpy ops(&m, &Manager::operationFinished);
        QSignalSpy done(&sp, &SavepointPanel::operationFinished);
        sp.nameEdit()->setText(name);
        QTest::mouseClick(sp.createButton(), Qt::LeftButton);
        QVERIFY(!sp.errorText().isEmpty()); // the reason, at once
        QVERIFY(!sp.isBusy());
        // Nothing was sent: the next operation is the first the manager reports.
        QVERIFY(exec(m, db, QStringLiteral("SELECT 'barrier'")));
        QTRY_COMPARE(ops.count(), 1);
        QCOMPARE(ops.at(0).at(0).value<OperationRecord>().sql, QStringLiteral("SELECT 'barrier'"));
        QCOMPARE(done.count(), 0);
        QVERIFY(sp.savepoints().isEmpty());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1); // the table survives
        // Typing again clears the complaint; a good name then works.
        sp.nameEdit()->clear();
        QTest::keyClicks(sp.nameEdit(), QStringLiteral("good_name"));
        QVERIFY(sp.errorText().isEmpty());
        QTest::mouseClick(sp.createButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(sp.savepoints(), QStringList{QStringLiteral("good_name")});
        QVERIFY(!realAutocommit(m, db));
    }

    void manualCommitKeepsChangesUntilCommit()
    {
        Manager m;
        const QString db = openDb(m);
        TransactionPanel panel(&m);
        panel.setDatabase(db);
        panel.show();
        QSignalSpy changed(&panel, &TransactionPanel::manualCommitChanged);
        QVERIFY(!panel.manualCommit());
        QTest::mouseClick(panel.manualCommitBox(), Qt::LeftButton, {}, QPoint(8, panel.manualCommitBox()->height() / 2));
        QVERIFY(panel.manualCommit());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toBool(), true);
        auto *hint = panel.findChild<QLabel *>(QStringLiteral("manualCommitHint"));
        QVERIFY(hint);
        QVERIFY(hint->isVisible()); // no transaction yet: says the next run begins one

        // No transaction yet: ensureTransaction() begins a DEFERRED one.
        QFuture<Outcome<TransactionState>> f = panel.ensureTransaction();
        QTRY_VERIFY(f.isFinished());
        QVERIFY(f.result().ok());
        QCOMPARE(f.result().value().mode, TransactionState::Mode::Deferred);
        QVERIFY(!realAutocommit(m, db));
        QTRY_COMPARE(panel.modeText(), QStringLiteral("deferred"));
        QVERIFY(!hint->isVisible());

        // Already open: resolves at once, and begins nothing more.
        QSignalSpy ops(&m, &Manager::operationFinished);
        QFuture<Outcome<TransactionState>> again = panel.ensureTransaction();
        QVERIFY(again.isFinished());
        QVERIFY(again.result().ok());
        QVERIFY(again.result().value().active);
        QVERIFY(exec(m, db, QStringLiteral("SELECT 'barrier'")));
        QTRY_COMPARE(ops.count(), 1); // the barrier only: nothing was begun
        QCOMPARE(ops.at(0).at(0).value<OperationRecord>().sql, QStringLiteral("SELECT 'barrier'"));

        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        QCOMPARE(countRows(m, db, Route::Writer), 1);
        QCOMPARE(countRows(m, db, Route::Reader), 0); // not committed yet
        QSignalSpy done(&panel, &TransactionPanel::operationFinished);
        QTest::mouseClick(panel.commitButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
        QVERIFY(realAutocommit(m, db));

        QTest::mouseClick(panel.manualCommitBox(), Qt::LeftButton, {}, QPoint(8, panel.manualCommitBox()->height() / 2));
        QVERIFY(!panel.manualCommit());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().first().toBool(), false);
    }

    void manualCommitInTheMainWindow()
    {
        Manager m;
        MainWindow w(&m);
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("mw_manual.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));
        const QString db = w.currentDatabase();
        // The docks exist, named so QSettings can restore them.
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("transactionDock")));
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("savepointsDock")));
        QCOMPARE(w.transactionPanel()->database(), db);
        QCOMPARE(w.savepointPanel()->database(), db);

        // Manual commit off: the editor's INSERT commits at once.
        QSignalSpy ran(&w, &MainWindow::runFinished);
        w.editor()->setPlainText(QStringLiteral("INSERT INTO t VALUES (1)"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(ran.takeFirst().first().toBool(), true);
        QCOMPARE(countRows(m, db, Route::Reader), 1);
        QVERIFY(realAutocommit(m, db));

        // Manual commit on: the INSERT runs inside a transaction.
        w.transactionPanel()->setManualCommit(true);
        w.editor()->setPlainText(QStringLiteral("INSERT INTO t VALUES (2)"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(ran.takeFirst().first().toBool(), true);
        QVERIFY(!realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Writer), 2);
        QCOMPARE(countRows(m, db, Route::Reader), 1);
        QTRY_COMPARE(w.transactionPanel()->stateText(), QStringLiteral("In transaction"));
        // A second run joins the same transaction.
        w.editor()->setPlainText(QStringLiteral("INSERT INTO t VALUES (3)"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
        QSignalSpy done(w.transactionPanel(), &TransactionPanel::operationFinished);
        QTest::mouseClick(w.transactionPanel()->commitButton(), Qt::LeftButton);
        QVERIFY(done.wait(5000));
        QCOMPARE(countRows(m, db, Route::Reader), 3);
        QVERIFY(realAutocommit(m, db));

        // Transaction control typed in the editor runs as typed: BEGIN
        // IMMEDIATE is not turned into an error by a transaction begun first.
        w.editor()->setPlainText(QStringLiteral("BEGIN IMMEDIATE"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(ran.takeFirst().first().toBool(), true);
        QTRY_COMPARE(w.transactionPanel()->modeText(), QStringLiteral("immediate"));
        w.editor()->setPlainText(QStringLiteral("INSERT INTO t VALUES (4)"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(ran.takeFirst().first().toBool(), true);
        w.editor()->setPlainText(QStringLiteral("  -- done\nCOMMIT"));
        w.run();
        QVERIFY(ran.wait(5000));
        QCOMPARE(ran.takeFirst().first().toBool(), true);
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 4);
    }

    void closeGuardAsksAndObeys()
    {
        Manager m;
        const QString db = openDb(m);
        int asked = 0;
        CloseGuard::Choice answer = CloseGuard::Choice::Cancel;
        TransactionState seen;
        CloseGuard guard(&m, [&](QWidget *, const QString &, const TransactionState &s) {
            ++asked;
            seen = s;
            return answer;
        });

        // No transaction: nothing to ask.
        QVERIFY(!guard.transactionOpen(db));
        QCOMPARE(guard.ask(db).choice, CloseGuard::Choice::NoTransaction);
        QCOMPARE(asked, 0);

        // Cancel: the transaction stays open, nothing runs.
        QVERIFY(exec(m, db, QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        QVERIFY(guard.transactionOpen(db));
        CloseGuard::Decision d = guard.ask(db);
        QCOMPARE(asked, 1);
        QCOMPARE(d.choice, CloseGuard::Choice::Cancel);
        QVERIFY(seen.active);
        QCOMPARE(seen.mode, TransactionState::Mode::Immediate);
        QVERIFY(!d.operation.isValid());
        QVERIFY(!realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Writer), 1);

        // Roll back: autocommit again, the row gone.
        answer = CloseGuard::Choice::RollBack;
        d = guard.ask(db);
        QCOMPARE(d.choice, CloseGuard::Choice::RollBack);
        QVERIFY(await(d.operation).ok());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 0);

        // Commit: the row kept.
        QVERIFY(exec(m, db, QStringLiteral("BEGIN")));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (2)")));
        answer = CloseGuard::Choice::Commit;
        d = guard.ask(db);
        QCOMPARE(asked, 3);
        QCOMPARE(d.choice, CloseGuard::Choice::Commit);
        QVERIFY(await(d.operation).ok());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
    }

    void closingTheWindowAsks()
    {
        Manager m;
        MainWindow w(&m);
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("mw_close.db")),
                       QStringLiteral("CREATE TABLE t(x); CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                                      "CREATE TABLE child(p REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);"));
        QVERIFY(opened.wait(10000));
        const QString db = w.currentDatabase();
        int asked = 0;
        CloseGuard::Choice answer = CloseGuard::Choice::Cancel;
        w.closeGuard().setChooser([&](QWidget *, const QString &, const TransactionState &) {
            ++asked;
            return answer;
        });
        w.show();

        // Nothing open: closes without asking.
        QVERIFY(w.close());
        QCOMPARE(asked, 0);
        QVERIFY(!w.isVisible());
        w.show();

        QVERIFY(exec(m, db, QStringLiteral("BEGIN")));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (1)")));
        // Cancel keeps the window and the transaction.
        QVERIFY(!w.close());
        QCOMPARE(asked, 1);
        QVERIFY(w.isVisible());
        QTest::qWait(50);
        QVERIFY(w.isVisible());
        QVERIFY(!realAutocommit(m, db));

        // A commit that fails keeps the window open and shows why.
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO child VALUES (7)")));
        answer = CloseGuard::Choice::Commit;
        QVERIFY(!w.close());
        QTRY_VERIFY(w.errorText().contains(QLatin1String("FOREIGN KEY constraint failed")));
        QVERIFY(w.isVisible());
        QVERIFY(!realAutocommit(m, db));
        QVERIFY(exec(m, db, QStringLiteral("DELETE FROM child")));

        // Commit: the window closes once the commit succeeded; the row is kept.
        QVERIFY(!w.close()); // closes later, when COMMIT has finished
        QCOMPARE(asked, 3);
        QTRY_VERIFY(!w.isVisible());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1);

        // Roll back: closes, the row is gone.
        w.show();
        QVERIFY(exec(m, db, QStringLiteral("BEGIN")));
        QVERIFY(exec(m, db, QStringLiteral("INSERT INTO t VALUES (2)")));
        answer = CloseGuard::Choice::RollBack;
        QVERIFY(!w.close());
        QTRY_VERIFY(!w.isVisible());
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
    }

    void closingAsksForEveryOpenDatabase()
    {
        Manager m;
        MainWindow w(&m);
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("mw_first.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));
        const QString first = w.currentDatabase();
        QVERIFY(exec(m, first, QStringLiteral("BEGIN")));
        QVERIFY(exec(m, first, QStringLiteral("INSERT INTO t VALUES (1)")));
        // Opening another database leaves the first one's transaction open.
        w.openDatabase(m_dir.filePath(QStringLiteral("mw_second.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));
        const QString second = w.currentDatabase();
        QVERIFY(second != first);
        QVERIFY(exec(m, second, QStringLiteral("BEGIN")));
        QVERIFY(exec(m, second, QStringLiteral("INSERT INTO t VALUES (2)")));

        QStringList asked;
        w.closeGuard().setChooser([&](QWidget *, const QString &db, const TransactionState &) {
            asked << db;
            return db == first ? CloseGuard::Choice::Commit : CloseGuard::Choice::RollBack;
        });
        w.show();
        QVERIFY(!w.close());
        QTRY_VERIFY(!w.isVisible());
        // The current database first, then the other one.
        QCOMPARE(asked, (QStringList{second, first}));
        QVERIFY(realAutocommit(m, first));
        QVERIFY(realAutocommit(m, second));
        QCOMPARE(countRows(m, first, Route::Reader), 1);
        QCOMPARE(countRows(m, second, Route::Reader), 0);
    }

    void closingWhileSqlRunsDecidesAfterIt()
    {
        Manager m;
        MainWindow w(&m);
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("mw_close_running.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));
        const QString db = w.currentDatabase();
        int asked = 0;
        w.closeGuard().setChooser([&](QWidget *, const QString &, const TransactionState &s) {
            ++asked;
            return s.active ? CloseGuard::Choice::RollBack : CloseGuard::Choice::Cancel;
        });
        w.show();
        // A slow statement in autocommit, then a transaction: while the
        // first runs, nothing is open yet, but the script will open one.
        w.editor()->setPlainText(QStringLiteral(
            "INSERT INTO t SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c "
            "WHERE x < 3000000) SELECT x FROM c);\nBEGIN;\nINSERT INTO t VALUES (-1);"));
        QSignalSpy ran(&w, &MainWindow::runFinished);
        w.run();
        QVERIFY(w.isRunning());
        QVERIFY(!w.close()); // not now: the SQL is still running
        QVERIFY(!w.close()); // asking twice still decides once
        QCOMPARE(asked, 0);
        QVERIFY(w.isVisible());
        QVERIFY(ran.wait(20000));
        QCOMPARE(ran.first().first().toBool(), true);
        // Then it asks, and the transaction the script left open is rolled back.
        QTRY_VERIFY(!w.isVisible());
        QCOMPARE(asked, 1);
        QVERIFY(realAutocommit(m, db));
        QCOMPARE(countRows(m, db, Route::Reader), 1);
    }

    void defaultChooserIsAMessageBox()
    {
        TransactionState s;
        s.active = true;
        s.mode = TransactionState::Mode::Immediate;
        s.since = QDateTime::currentDateTimeUtc();
        // Answers the box by clicking the button with that text (or, with an
        // empty text, its Cancel button); rejects it if that is not there.
        struct Seen { bool box = false, mentionsMode = false, cancelIsDefault = false, clicked = false; };
        auto answerWith = [](const QString &button, Seen *seen) {
            QTimer::singleShot(0, [button, seen] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                seen->box = true;
                seen->mentionsMode = box->text().contains(QLatin1String("immediate"));
                // Enter and Esc must neither commit nor lose anything.
                seen->cancelIsDefault = box->defaultButton() == box->button(QMessageBox::Cancel)
                    && box->escapeButton() == box->button(QMessageBox::Cancel);
                QAbstractButton *target = button.isEmpty() ? box->button(QMessageBox::Cancel) : nullptr;
                for (QAbstractButton *b : box->buttons())
                    if (!button.isEmpty() && b->text() == button)
                        target = b;
                seen->clicked = target != nullptr;
                if (target)
                    target->click();
                else
                    box->reject();
            });
        };
        const QString db = QStringLiteral("/tmp/x.db");
        Seen a, b, c;
        answerWith(QStringLiteral("Roll Back"), &a);
        QCOMPARE(CloseGuard::askWithMessageBox(nullptr, db, s), CloseGuard::Choice::RollBack);
        answerWith(QStringLiteral("Commit"), &b);
        QCOMPARE(CloseGuard::askWithMessageBox(nullptr, db, s), CloseGuard::Choice::Commit);
        answerWith(QString(), &c);
        QCOMPARE(CloseGuard::askWithMessageBox(nullptr, db, s), CloseGuard::Choice::Cancel);
        for (const Seen &x : {a, b, c}) {
            QVERIFY(x.box);
            QVERIFY(x.mentionsMode);
            QVERIFY(x.cancelIsDefault);
            QVERIFY(x.clicked);
        }
    }
};

QTEST_MAIN(TestTransactions)
#include "tst_transactions.moc"
