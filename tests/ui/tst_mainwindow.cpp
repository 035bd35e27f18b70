#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <results/resultmodel.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>
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
        w.openDatabase(m_dir.filePath(name), script);
        return opened.wait(10000);
    }

private Q_SLOTS:
    void typeSqlAndSeeRowsStream()
    {
        Manager m;
        MainWindow w(&m);
        w.show();
        QVERIFY(openDb(w, QStringLiteral("ui.db"),
                       QStringLiteral("CREATE TABLE t(x, y); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                                      "FROM c WHERE x < 5000) INSERT INTO t SELECT x, 'row ' || x FROM c;")));
        w.editor()->setFocus();
        QTest::keyClicks(w.editor(), QStringLiteral("SELECT x, y, NULL AS n, '' AS e FROM t ORDER BY x"));
        QSignalSpy done(&w, &MainWindow::runFinished);
        QTest::keyClick(w.editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        ResultModel *model = w.resultModel();
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
            QTest::qWait(5);
        }
        QCOMPARE(model->rowCount(), 5000);
        QCOMPARE(model->data(model->index(4999, 0)).toString(), QStringLiteral("5000"));
    }

    void errorPositionIsMarked()
    {
        Manager m;
        MainWindow w(&m);
        QVERIFY(openDb(w, QStringLiteral("err.db")));
        const QString sql = QStringLiteral("CREATE TABLE a(x);\nSELEC * FROM a;");
        w.editor()->setPlainText(sql);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(w.errorText().contains(QStringLiteral("syntax error")));
        QCOMPARE(w.editor()->errorPosition(), int(sql.indexOf(QStringLiteral("SELEC"))));
    }

    void cancelAnswersWithin100ms()
    {
        Manager m;
        MainWindow w(&m);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(openDb(w, QStringLiteral("cancel.db")));
        w.editor()->setPlainText(QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"));
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTest::qWait(150);
        QVERIFY(w.isRunning() || w.resultModel()->isFetching());
        QElapsedTimer t;
        t.start();
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning() && !w.resultModel()->isFetching(), 2000);
        QVERIFY2(t.elapsed() < 100, qPrintable(QString::number(t.elapsed())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
