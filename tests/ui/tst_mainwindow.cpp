#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>
#include <query/tabstore.h>
#include <results/resultmodel.h>
#include <results/resultview.h>

#include <QApplication>
#include <QAbstractItemView>
#include <QClipboard>
#include <QMenuBar>
#include <QTranslator>
#include <QCompleter>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QDir>
#include <QProcess>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

class TestMainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    bool openDb(MainWindow &w, const QString &name, const QString &script = {})
    {
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(name), script, false, /*create=*/true);
        return opened.wait(10000);
    }
    QString state() const { return m_dir.filePath(QStringLiteral("state")); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void typeSqlAndSeeRowsStream()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QVERIFY(openDb(w, QStringLiteral("ui.db"),
                       QStringLiteral("CREATE TABLE t(x, y); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                                      "FROM c WHERE x < 5000) INSERT INTO t SELECT x, 'row ' || x FROM c;")));
        w.editor()->setFocus();
        w.editor()->clear();
        QTest::keyClicks(w.editor(), QStringLiteral("SELECT x, y, NULL AS n, '' AS e FROM t ORDER BY x"));
        QSignalSpy done(&w, &MainWindow::runFinished);
        QTest::keyClick(w.editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        ResultModel *model = w.resultModel();
        QVERIFY(model);
        QTRY_VERIFY(model->rowCount() > 0);
        // Streaming: the first chunk, not all 5000 rows at once.
        QVERIFY(model->rowCount() < 5000);
        QCOMPARE(model->columnCount(), 4);
        QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("row 1"));
        // NULL looks different from the empty string.
        QCOMPARE(model->data(model->index(0, 2)).toString(), QStringLiteral("NULL"));
        QVERIFY(model->data(model->index(0, 2), Qt::FontRole).value<QFont>().italic());
        QCOMPARE(model->data(model->index(0, 3)).toString(), QString());
        QVERIFY(!model->data(model->index(0, 3), Qt::FontRole).isValid());
        // Scrolling to the end fetches the rest.
        while (model->canFetchMore({}) || model->isFetching()) {
            if (model->canFetchMore({}))
                model->fetchMore({});
            QTest::qWait(2);
        }
        QCOMPARE(model->rowCount(), 5000);
        QCOMPARE(model->data(model->index(4999, 0)).toString(), QStringLiteral("5000"));
    }

    void everyQueryGetsItsOwnResultTab()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QVERIFY(openDb(w, QStringLiteral("tabs.db")));
        QueryTab *t = w.currentTab();
        t->editor()->setPlainText(QStringLiteral("CREATE TABLE a(x);\nINSERT INTO a VALUES (1), (2);\n"
                                                 "SELECT * FROM a;\nSELECT count(*) AS n FROM a;"));
        QSignalSpy done(t, &QueryTab::runFinished);
        t->run(QueryTab::Scope::All);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        QCOMPARE(t->resultCount(), 2);
        QTRY_COMPARE(t->resultModel(1)->rowCount(), 1);
        QCOMPARE(t->resultModel(1)->data(t->resultModel(1)->index(0, 0)).toString(), QStringLiteral("2"));
        QVERIFY(t->messages().contains(QStringLiteral("2 row(s) affected")));

        // The statement under the cursor only.
        QTextCursor c = t->editor()->textCursor();
        c.setPosition(int(t->editor()->toPlainText().indexOf(QStringLiteral("count"))));
        t->editor()->setTextCursor(c);
        done.clear();
        t->run(QueryTab::Scope::Statement);
        QVERIFY(done.wait(10000));
        QCOMPARE(t->resultCount(), 1);
        QCOMPARE(t->resultModel(0)->columns(), QStringList{QStringLiteral("n")});
    }

    void errorPositionIsMarked()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QVERIFY(openDb(w, QStringLiteral("err.db")));
        const QString sql = QStringLiteral("CREATE TABLE a(x);\nSELECT * FROM a WHERE x = 1 ANDD x = 2;");
        w.editor()->setPlainText(sql);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY2(w.errorText().contains(QStringLiteral("syntax error")), qPrintable(w.errorText()));
        // SQLite names the token it stopped at; the editor marks exactly that place.
        QVERIFY(w.errorText().contains(QStringLiteral("ANDD")));
        QCOMPARE(w.editor()->errorPosition(), int(sql.indexOf(QStringLiteral("ANDD"))));
    }

    void escCancelsARunningQuery()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(openDb(w, QStringLiteral("cancel.db")));
        w.editor()->setPlainText(QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"));
        w.run();
        // The query never ends by itself: it stops only because of Esc.
        QTRY_VERIFY_WITH_TIMEOUT(w.resultModel() && w.resultModel()->isFetching(), 30000);
        QVERIFY(w.isRunning());
        QTest::keyClick(w.editor(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 30000);
        // The database answers at once afterwards.
        w.editor()->setPlainText(QStringLiteral("SELECT 42"));
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QVERIFY(done.wait(5000));
        QTRY_COMPARE(w.resultModel()->data(w.resultModel()->index(0, 0)).toString(), QStringLiteral("42"));
    }

    void boundedMemoryAndReload()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QVERIFY(openDb(w, QStringLiteral("big.db"),
                       QStringLiteral("CREATE TABLE t(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                                      "FROM c WHERE x < 20000) INSERT INTO t SELECT x FROM c;")));
        w.editor()->setPlainText(QStringLiteral("SELECT x FROM t ORDER BY x"));
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QVERIFY(done.wait(10000));
        ResultModel *model = w.resultModel();
        QTRY_VERIFY(model->rowCount() > 0);
        model->setMaxCachedRows(2000);
        while (model->canFetchMore({}) || model->isFetching()) {
            if (model->canFetchMore({}))
                model->fetchMore({});
            QTest::qWait(1);
        }
        QCOMPARE(model->rowCount(), 20000);
        QVERIFY2(model->cachedRows() <= 2000, qPrintable(QString::number(model->cachedRows())));
        // An early row was dropped; asking for it reads it again.
        QCOMPARE(model->data(model->index(10, 0)).toString(), QStringLiteral("…"));
        QTRY_COMPARE(model->data(model->index(10, 0)).toString(), QStringLiteral("11"));
        QVERIFY(model->cachedRows() <= 2000);
        QCOMPARE(model->totalCount(), 20000);
    }

    void totalCountComesInTheBackground()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QVERIFY(openDb(w, QStringLiteral("count.db"),
                       QStringLiteral("CREATE TABLE t(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                                      "FROM c WHERE x < 30000) INSERT INTO t SELECT x FROM c;")));
        QueryTab *t = w.currentTab();
        t->editor()->setPlainText(QStringLiteral("SELECT x FROM t WHERE x % 3 = 0;"));
        QSignalSpy done(t, &QueryTab::runFinished);
        t->run();
        QVERIFY(done.wait(10000));
        ResultModel *model = t->resultModel(0);
        // Only the first chunk is read, yet the total is known.
        QTRY_COMPARE(model->totalCount(), 10000);
        QVERIFY(model->rowCount() < 10000);
        QVERIFY(!model->atEnd());
    }

    void copyAsTsvAndExport()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QVERIFY(openDb(w, QStringLiteral("copy.db"),
                       QStringLiteral("CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'x\ty'), (NULL, 'z');")));
        QueryTab *t = w.currentTab();
        t->editor()->setPlainText(QStringLiteral("SELECT a, b FROM t ORDER BY rowid"));
        QSignalSpy done(t, &QueryTab::runFinished);
        t->run();
        QVERIFY(done.wait(10000));
        QTRY_COMPARE(t->resultModel(0)->rowCount(), 2);
        ResultView *v = t->resultView(0);
        v->selectAll();
        QCOMPARE(v->selectionAsTsv(true), QStringLiteral("a\tb\n1\tx y\n\tz"));
        const QString out = m_dir.filePath(QStringLiteral("out.json"));
        auto f = v->exportTo(out, Format::Json);
        QTRY_VERIFY(f.isFinished());
        QVERIFY(f.result().ok());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray a = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(a.size(), 2);
        QVERIFY(a.at(1).toObject().value(QStringLiteral("a")).isNull());
        QCOMPARE(a.at(0).toObject().value(QStringLiteral("b")).toString(), QStringLiteral("x\ty"));
    }

    void aMissingFileIsAnErrorNotANewDatabase()
    {
        // What Open Recent, drag and drop and the command line do with a
        // path that is gone (or mistyped): say so, and make no file.
        Manager m;
        MainWindow w(&m, nullptr, state());
        const QString gone = m_dir.filePath(QStringLiteral("moved-away.db"));
        w.openDatabase(gone);
        QTRY_VERIFY_WITH_TIMEOUT(w.errorText().contains(QStringLiteral("does not exist")), 10000);
        QVERIFY2(w.errorText().contains(QStringLiteral("New Database")), qPrintable(w.errorText()));
        QVERIFY(!QFileInfo::exists(gone));
        QVERIFY(w.openDatabases().isEmpty());
        // New Database does make it.
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(gone, {}, false, /*create=*/true);
        QVERIFY(opened.wait(10000));
        QVERIFY(QFileInfo::exists(gone));
    }

    void firstStartSignalsTabsRestoredAfterConstruction()
    {
        // main() connects after constructing the window (to run the demo
        // query once tabs are back): the signal must come after that.
        QSettings().remove(QStringLiteral("tabs"));
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("first-start")));
        QSignalSpy restored(&w, &MainWindow::tabsRestored);
        QVERIFY(restored.wait(5000));
        QCOMPARE(w.tabCount(), 1);
    }

    void tabsComeBackAfterRestart()
    {
        const QString dir = m_dir.filePath(QStringLiteral("restore"));
        {
            Manager m;
            MainWindow w(&m, nullptr, dir);
            QSignalSpy restored(&w, &MainWindow::tabsRestored);
            QVERIFY(restored.count() == 1 || restored.wait(5000));
            w.currentTab()->editor()->setPlainText(QStringLiteral("SELECT 'first tab';"));
            w.newTab(QStringLiteral("SELECT 'second tab'; -- größe"));
            QCOMPARE(w.tabCount(), 2);
            QTest::keyClicks(w.currentTab()->editor(), QStringLiteral(" typed"));
        } // the window is destroyed: what was typed is on disk
        Manager m;
        MainWindow w(&m, nullptr, dir);
        QSignalSpy restored(&w, &MainWindow::tabsRestored);
        QVERIFY(restored.count() == 1 || restored.wait(5000));
        QCOMPARE(w.tabCount(), 2);
        QCOMPARE(w.tab(0)->editor()->toPlainText(), QStringLiteral("SELECT 'first tab';"));
        QVERIFY(w.tab(1)->editor()->toPlainText().contains(QStringLiteral("SELECT 'second tab'; -- größe")));
        QVERIFY(w.tab(1)->editor()->toPlainText().contains(QStringLiteral("typed")));
        QCOMPARE(w.currentTab(), w.tab(1));
    }

    void steadyTypingIsSavedAndSurvivesAKill()
    {
        // A key every 20 ms never leaves the 300 ms pause a save waits for:
        // the save's maximum delay must write it anyway, while typing goes
        // on. Then SIGKILL, and the text comes back.
        const QString dir = m_dir.filePath(QStringLiteral("killed"));
        const QString app = QStringLiteral("tst_mainwindow_kill");
        QProcess helper;
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        helper.start(QStringLiteral(TYPING_HELPER), {dir, app});
        QVERIFY(helper.waitForStarted(30000));
        qint64 typed = 0;
        auto typedSoFar = [&helper, &typed] {
            const QList<QByteArray> lines = helper.readAllStandardOutput().trimmed().split('\n');
            if (!lines.last().isEmpty())
                typed = qMax(typed, lines.last().toLongLong());
            return typed;
        };
        auto saved = [&dir] {
            qint64 best = 0;
            for (const QFileInfo &f : QDir(dir).entryInfoList({QStringLiteral("*.sql")}, QDir::Files))
                best = qMax(best, f.size());
            return best;
        };
        // Saved while the typing goes on past it.
        qint64 onDisk = 0;
        QTRY_VERIFY_WITH_TIMEOUT((onDisk = saved()) >= 10 && typedSoFar() > onDisk + 10
                                     && helper.state() == QProcess::Running,
                                 60000);
        helper.kill(); // SIGKILL: no destructor runs, nothing is flushed
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

        const QString ownName = QCoreApplication::applicationName();
        QCoreApplication::setApplicationName(app); // the helper's settings: its list of tabs
        const auto restoreName = qScopeGuard([&ownName] { QCoreApplication::setApplicationName(ownName); });
        Manager m;
        MainWindow w(&m, nullptr, dir);
        QSignalSpy restored(&w, &MainWindow::tabsRestored);
        QVERIFY(restored.count() == 1 || restored.wait(10000));
        const QString text = w.currentTab()->editor()->toPlainText();
        QVERIFY2(text.size() >= onDisk, qPrintable(QString::number(text.size())));
        QVERIFY(text.size() <= typedSoFar());
        QCOMPARE(text, QString(text.size(), QLatin1Char('x')));
    }

    void aTabThatCannotBeSavedSaysSoAndStaysPending()
    {
        // The folder cannot be made: a file stands where it should be.
        const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        TabStore store(blocker + QStringLiteral("/tabs"));
        QSignalSpy failed(&store, &TabStore::saveFailed);
        store.save(QStringLiteral("t1"), QStringLiteral("SELECT 'kept';"));
        store.flush();
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("t1.sql")), qPrintable(failed.at(0).at(0).toString()));
        // Still pending: once the folder can be made, the next save writes it.
        QVERIFY(QFile::remove(blocker));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(blocker + QStringLiteral("/tabs/t1.sql")), 30000);
        QFile saved(blocker + QStringLiteral("/tabs/t1.sql"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray("SELECT 'kept';"));
    }

    void completionOffersKeywordsAndSchemaNames()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QVERIFY(openDb(w, QStringLiteral("complete.db"),
                       QStringLiteral("CREATE TABLE customer_orders(order_id INTEGER, \"placed at\" TEXT);")));
        SqlEditor *e = w.editor();
        // SQLite's own keywords and functions, and this database's names.
        QTRY_VERIFY(e->completionWords().contains(QStringLiteral("customer_orders")));
        const QStringList words = e->completionWords();
        QVERIFY(words.contains(QStringLiteral("AUTOINCREMENT")));
        QVERIFY(words.contains(QStringLiteral("VACUUM")));
        QVERIFY(words.contains(QStringLiteral("json_extract")));
        QVERIFY(words.contains(QStringLiteral("order_id")));
        QVERIFY(words.contains(QStringLiteral("placed at")));
        e->clear();
        e->setFocus();
        QTest::keyClicks(e, QStringLiteral("SELECT * FROM custo"));
        QTRY_VERIFY(e->completer()->popup()->isVisible());
        QCOMPARE(e->completer()->currentCompletion(), QStringLiteral("customer_orders"));
        QTest::keyClick(e->completer()->popup(), Qt::Key_Return);
        QCOMPARE(e->toPlainText(), QStringLiteral("SELECT * FROM customer_orders"));
    }

    void germanTranslationIsBuiltIn()
    {
        QTranslator de;
        QVERIFY(de.load(QLocale(QLocale::German), QStringLiteral("litehouse"), QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&de);
        Manager m;
        MainWindow w(&m, nullptr, state());
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCoreApplication::removeTranslator(&de);
        QCOMPARE(menus.first(), QStringLiteral("&Datei"));
        QVERIFY(menus.contains(QStringLiteral("&Abfrage")));
    }

    void highlightingUsesOurSqliteDefinition()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QCOMPARE(w.editor()->definitionName(), QStringLiteral("SQL (SQLite)"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
