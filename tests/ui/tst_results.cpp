// The result grid over results larger than the rows it holds: the sliding
// row window keeps the grid's row count bounded, keeps the user's place,
// numbers rows as in the whole result, and maps selections and keys to the
// result's rows.

#include <results/resultmodel.h>
#include <results/resultview.h>
#include <results/rowwindow.h>

#include <core/manager.h>

#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

namespace {

// Rows n = 1..count in one column "n".
ResultSet numbers(int count)
{
    ResultSet rs(QStringList{QStringLiteral("n")}, QStringList{QStringLiteral("INTEGER")});
    for (int i = 1; i <= count; ++i)
        rs.append(Value(qint64(i)));
    return rs;
}

// Shows the grid with a window of at most 1,000 rows.
void showWindowed(ResultView &v)
{
    v.window()->setCapacity(1000);
    v.resize(400, 300);
    v.show();
}

qint64 topSourceRow(ResultView &v)
{
    return v.window()->toSource(v.rowAt(0));
}

} // namespace

class TestResults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void smallResultIsShownWhole()
    {
        ResultModel model;
        model.setResult(numbers(500));
        ResultView v(&model);
        QCOMPARE(v.model()->rowCount(), 500);
        QCOMPARE(v.window()->base(), 0);
        QCOMPARE(v.model()->headerData(499, Qt::Vertical).toLongLong(), 500);
    }

    void scrollingSlidesTheWindowAndKeepsThePlace()
    {
        ResultModel model;
        model.setResult(numbers(10000));
        ResultView v(&model);
        showWindowed(v);
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QCOMPARE(v.model()->rowCount(), 1000);

        QScrollBar *bar = v.verticalScrollBar();
        int slides = 0;
        connect(v.window(), &RowWindowModel::slid, this, [&] { ++slides; });
        // Down to the end, a page at a time: the row at the top is always the
        // one the scroll asked for, whether or not the window slid under it.
        qint64 last = -1;
        while (v.window()->base() + v.model()->rowCount() < 10000 || bar->value() < bar->maximum()) {
            const qint64 wanted = v.window()->base() + qMin(bar->value() + bar->pageStep(), bar->maximum());
            bar->setValue(bar->value() + bar->pageStep());
            QCoreApplication::processEvents();
            QCOMPARE(topSourceRow(v), wanted);
            QVERIFY(v.model()->rowCount() <= 1000);
            QVERIFY(topSourceRow(v) > last);
            last = topSourceRow(v);
        }
        QVERIFY2(slides >= 15, qPrintable(QString::number(slides)));
        const int lastRow = v.model()->rowCount() - 1;
        QCOMPARE(v.window()->toSource(lastRow), 9999);
        QCOMPARE(v.model()->headerData(lastRow, Qt::Vertical).toLongLong(), 10000);
        QCOMPARE(v.model()->data(v.model()->index(lastRow, 0)).toString(), QStringLiteral("10000"));
        // Every row shows the value of the result's row it is numbered as.
        for (int r = 0; r < v.model()->rowCount(); r += 97)
            QCOMPARE(v.model()->data(v.model()->index(r, 0)).toLongLong(),
                     v.model()->headerData(r, Qt::Vertical).toLongLong());

        // And back up to the first row.
        while (v.window()->base() > 0 || bar->value() > 0) {
            const qint64 wanted = v.window()->base() + qMax(bar->value() - bar->pageStep(), 0);
            bar->setValue(bar->value() - bar->pageStep());
            QCoreApplication::processEvents();
            QCOMPARE(topSourceRow(v), wanted);
        }
        QCOMPARE(v.model()->data(v.model()->index(0, 0)).toString(), QStringLiteral("1"));
    }

    void selectionFollowsItsRowsAndCopiesThem()
    {
        ResultModel model;
        model.setResult(numbers(5000));
        ResultView v(&model);
        showWindowed(v);
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QScrollBar *bar = v.verticalScrollBar();
        bar->setValue(800);
        QCoreApplication::processEvents();
        // Select the row numbered 901 in the result, then slide further on.
        const int row = int(900 - v.window()->base());
        v.selectionModel()->select(v.model()->index(row, 0), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(v.selectionAsTsv(), QStringLiteral("901"));
        const qint64 before = v.window()->base();
        bar->setValue(bar->maximum());
        QCoreApplication::processEvents();
        QVERIFY(v.window()->base() > before); // it slid, yet 901 is still in the window
        QVERIFY(v.window()->base() <= 900);
        QCOMPARE(v.selectionAsTsv(), QStringLiteral("901"));
    }

    void ctrlEndAndCtrlHomeGoToTheResultsEnds()
    {
        ResultModel model;
        model.setResult(numbers(10000));
        ResultView v(&model);
        showWindowed(v);
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setCurrentIndex(v.model()->index(0, 0));
        QTest::keyClick(&v, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(v.window()->toSource(v.currentIndex().row()), 9999);
        QCOMPARE(v.currentIndex().data().toString(), QStringLiteral("10000"));
        QVERIFY(v.model()->rowCount() <= 1000);
        QTest::keyClick(&v, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(v.window()->toSource(v.currentIndex().row()), 0);
        QCOMPARE(v.currentIndex().data().toString(), QStringLiteral("1"));
    }

    void streamedRowsArriveThroughTheWindow()
    {
        Manager m;
        const QString path = m_dir.filePath(QStringLiteral("stream.db"));
        auto opened = m.open(path);
        QVERIFY(await(opened).ok());
        QVERIFY(await(m.executeScript(path, QStringLiteral(
                          "CREATE TABLE t(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c "
                          "WHERE x < 6000) INSERT INTO t SELECT x FROM c;")))
                    .ok());
        auto s = await(m.stream(path, QStringLiteral("SELECT x FROM t ORDER BY x")));
        QVERIFY(s.ok());
        ResultModel model;
        model.setChunkSize(250);
        model.setQuery(&m, path, QStringLiteral("SELECT x FROM t ORDER BY x"));
        model.setStream(s.value());
        ResultView v(&model);
        showWindowed(v);
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QTRY_VERIFY(v.model()->rowCount() > 0);
        // Scroll as a user holding the scroll bar at the bottom: the grid
        // asks its window for more, the window asks the result.
        QElapsedTimer t;
        t.start();
        while (!(model.atEnd() && !model.isFetching()
                 && v.window()->base() + v.model()->rowCount() == model.rowCount()
                 && v.verticalScrollBar()->value() == v.verticalScrollBar()->maximum())) {
            QVERIFY2(t.elapsed() < 20000, "the rows did not all arrive");
            v.verticalScrollBar()->setValue(v.verticalScrollBar()->maximum());
            QTest::qWait(1);
            QVERIFY(v.model()->rowCount() <= 1000);
        }
        QCOMPARE(model.rowCount(), 6000);
        const int lastRow = v.model()->rowCount() - 1;
        QCOMPARE(v.model()->headerData(lastRow, Qt::Vertical).toLongLong(), 6000);
        QCOMPARE(v.model()->data(v.model()->index(lastRow, 0)).toString(), QStringLiteral("6000"));
        QVERIFY(v.window()->base() >= 5000);
    }
};

QTEST_MAIN(TestResults)
#include "tst_results.moc"
