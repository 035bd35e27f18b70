// The History dock: what the workbench runs shows up, search and the
// outcome filter narrow it, an item opens in the editor, export writes the
// matching items.

#include <editor/sqleditor.h>
#include <history/historydock.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>

#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

class TestHistoryDock : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static bool run(MainWindow &w, const QString &sql)
    {
        QueryTab *t = w.currentTab();
        t->editor()->setPlainText(sql);
        QSignalSpy done(t, &QueryTab::runFinished);
        t->run(QueryTab::Scope::All);
        return done.wait(10000);
    }
    static QStringList statements(HistoryModel *m)
    {
        QStringList out;
        for (int r = 0; r < m->rowCount(); ++r)
            out << m->item(r).sql;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_historydock"));
        QSettings().clear();
    }

    void withoutAStoreHistoryIsOff()
    {
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state0")));
        QVERIFY(w.historyDock());
        QVERIFY(!w.historyDock()->searchBox()->isEnabled());
        QCOMPARE(w.historyDock()->model()->rowCount(), 0);
        auto f = w.historyDock()->exportTo(m_dir.filePath(QStringLiteral("none.json")), ExportFormat::Json);
        QVERIFY(f.isFinished());
        QVERIFY(!f.result().ok());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.json"))));
    }

    void showsSearchesOpensAndExports()
    {
        HistoryStoreOptions opts;
        opts.flushIntervalMs = 50;
        auto store = std::make_shared<HistoryStore>(m_dir.filePath(QStringLiteral("history.db")), opts);
        Manager m;
        m.addSink(std::make_shared<HistoryRecorder>(store));
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state1")));
        w.setHistory(store);
        w.show();
        HistoryDock *dock = w.historyDock();
        QVERIFY(dock->isVisible());
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("h.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));

        QVERIFY(run(w, QStringLiteral("INSERT INTO t VALUES (42)")));
        // Recorded (a statement run through a stream is recorded when its
        // stream ends) before the next runs: the export below checks order.
        QTRY_VERIFY_WITH_TIMEOUT(statements(dock->model()).contains(QStringLiteral("INSERT INTO t VALUES (42)")), 10000);
        QVERIFY(run(w, QStringLiteral("SELECT x AS answer FROM t")));
        // Its row read to the end; the next run would close the stream first
        // and the history would say, rightly, that no row was read.
        QTRY_VERIFY_WITH_TIMEOUT(statements(dock->model()).contains(QStringLiteral("SELECT x AS answer FROM t")), 10000);
        QVERIFY(run(w, QStringLiteral("SELEC broken")));
        // Each flush makes the shown dock read again: newest first.
        QTRY_VERIFY_WITH_TIMEOUT(statements(dock->model()).contains(QStringLiteral("SELEC broken")), 10000);
        QStringList shown = statements(dock->model());
        QVERIFY(shown.indexOf(QStringLiteral("SELEC broken")) < shown.indexOf(QStringLiteral("SELECT x AS answer FROM t")));
        QVERIFY(shown.indexOf(QStringLiteral("SELECT x AS answer FROM t")) < shown.indexOf(QStringLiteral("INSERT INTO t VALUES (42)")));
        const int broken = int(shown.indexOf(QStringLiteral("SELEC broken")));
        QCOMPARE(dock->model()->item(broken).outcome, QStringLiteral("error"));
        QVERIFY(dock->model()->item(broken).error.contains(QStringLiteral("syntax error")));
        QCOMPARE(dock->model()->index(broken, HistoryModel::Outcome).data().toString(), QStringLiteral("error"));

        // The outcome filter.
        QSignalSpy refreshed(dock, &HistoryDock::refreshed);
        dock->outcomeBox()->setCurrentIndex(dock->outcomeBox()->findData(QStringLiteral("error")));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(statements(dock->model()), QStringList{QStringLiteral("SELEC broken")});
        // Search (over SQL and errors), with the filter back to all.
        dock->outcomeBox()->setCurrentIndex(0);
        QVERIFY(refreshed.wait(5000));
        QTest::keyClicks(dock->searchBox(), QStringLiteral("answer"));
        QTRY_COMPARE_WITH_TIMEOUT(statements(dock->model()), QStringList{QStringLiteral("SELECT x AS answer FROM t")}, 5000);
        QCOMPARE(dock->model()->index(0, HistoryModel::Rows).data().toLongLong(), 1);

        // Activating an item opens its SQL in a new editor tab.
        const int tabs = w.tabCount();
        Q_EMIT dock->view()->activated(dock->model()->index(0, HistoryModel::Statement));
        QCOMPARE(w.tabCount(), tabs + 1);
        QCOMPARE(w.currentTab()->editor()->toPlainText(), QStringLiteral("SELECT x AS answer FROM t"));

        // Export writes what matches the filter, oldest first.
        dock->searchBox()->clear();
        dock->outcomeBox()->setCurrentIndex(dock->outcomeBox()->findData(QStringLiteral("ok")));
        const QString out = m_dir.filePath(QStringLiteral("history.json"));
        auto f = dock->exportTo(out, ExportFormat::Json);
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
        QVERIFY2(f.result().ok(), qPrintable(f.result() ? QString() : f.result().error().message()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray a = QJsonDocument::fromJson(file.readAll()).array();
        QStringList exported;
        for (const QJsonValue &v : a)
            exported << v.toObject().value(QStringLiteral("sql")).toString();
        QVERIFY(exported.contains(QStringLiteral("INSERT INTO t VALUES (42)")));
        QVERIFY(exported.indexOf(QStringLiteral("INSERT INTO t VALUES (42)"))
                < exported.indexOf(QStringLiteral("SELECT x AS answer FROM t")));
        QVERIFY(!exported.contains(QStringLiteral("SELEC broken"))); // it failed
        QCOMPARE(qint64(a.size()), f.result().value().total);
    }

    void everyStatementOfTheEditorIsRecordedFailuresIncluded()
    {
        HistoryStoreOptions opts;
        opts.flushIntervalMs = 50;
        auto store = std::make_shared<HistoryStore>(m_dir.filePath(QStringLiteral("history2.db")), opts);
        Manager m;
        m.addSink(std::make_shared<HistoryRecorder>(store));
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state2")));
        w.setHistory(store);
        w.show();
        HistoryDock *dock = w.historyDock();
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("h2.db")), QStringLiteral("CREATE TABLE t(x);"));
        QVERIFY(opened.wait(10000));

        // A query that cannot start, a statement that writes behind a WITH,
        // one that fails the same way, and a script that stops at an error.
        const QString noTable = QStringLiteral("SELECT * FROM nosuch");
        const QString cteInsert = QStringLiteral("WITH c(v) AS (VALUES (1),(2)) INSERT INTO t SELECT v FROM c");
        const QString cteBroken = QStringLiteral("WITH c(v) AS (SELECT 1) INSERT INTO gone SELECT v FROM c");
        const QString tooMany = QStringLiteral("SELECT 1; SELECT 2 +");
        QVERIFY(run(w, noTable));
        QVERIFY(run(w, cteInsert));
        QVERIFY(run(w, cteBroken));
        QVERIFY(run(w, tooMany));
        auto find = [dock](const QString &sql) -> int {
            for (int r = 0; r < dock->model()->rowCount(); ++r)
                if (dock->model()->item(r).sql == sql)
                    return r;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(find(noTable) >= 0 && find(cteInsert) >= 0 && find(cteBroken) >= 0
                                     && find(QStringLiteral("SELECT 2 +")) >= 0,
                                 10000);
        const HistoryItem failedQuery = dock->model()->item(find(noTable));
        QCOMPARE(failedQuery.outcome, QStringLiteral("error"));
        QVERIFY2(failedQuery.error.contains(QStringLiteral("no such table: nosuch")), qPrintable(failedQuery.error));
        const HistoryItem inserted = dock->model()->item(find(cteInsert));
        QCOMPARE(inserted.outcome, QStringLiteral("ok"));
        QCOMPARE(inserted.rowsAffected, 2);
        const HistoryItem failedInsert = dock->model()->item(find(cteBroken));
        QCOMPARE(failedInsert.outcome, QStringLiteral("error"));
        QVERIFY2(failedInsert.error.contains(QStringLiteral("no such table: gone")), qPrintable(failedInsert.error));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("SELECT 1;")) >= 0, 10000);
        QCOMPARE(dock->model()->item(find(QStringLiteral("SELECT 1;"))).outcome, QStringLiteral("ok"));
        const HistoryItem syntax = dock->model()->item(find(QStringLiteral("SELECT 2 +")));
        QCOMPARE(syntax.outcome, QStringLiteral("error"));
        QVERIFY2(syntax.error.contains(QStringLiteral("incomplete input")), qPrintable(syntax.error));
    }
};

QTEST_MAIN(TestHistoryDock)
#include "tst_historydock.moc"
