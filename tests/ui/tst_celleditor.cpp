// The cell editor dock: it follows the current cell of a browsed table or a
// result, edits text into a pending change, pretty-prints and checks JSON,
// shows BLOBs as hex or as an image, loads from and saves to files, and
// keeps a 10 MB value whole while showing part of it.

#include <browser/browsermodel.h>
#include <browser/tablebrowser.h>
#include <mainwindow/mainwindow.h>
#include <results/celleditor.h>

#include <core/manager.h>

#include <QBuffer>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

class TestCellEditor : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QString m_db;
    TableBrowser *m_browser = nullptr;

    static QByteArray png()
    {
        QImage img(7, 5, QImage::Format_RGB32);
        img.fill(Qt::red);
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        img.save(&b, "PNG");
        return b.data();
    }
    // Makes a cell current and waits until the editor shows it.
    bool select(int row, int column)
    {
        CellEditor *e = m_window->cellEditor();
        QSignalSpy shown(e, &CellEditor::shown);
        m_browser->view()->setCurrentIndex(m_browser->model()->index(row, column));
        return shown.wait(10000);
    }
    int rowOf(const QString &name) const
    {
        for (int r = 0; r < m_browser->model()->rowCount(); ++r)
            if (m_browser->model()->valueAt(r, 0)->toString() == name)
                return r;
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_celleditor"));
        QSettings().clear();
        m_manager = std::make_unique<Manager>();
        m_window = std::make_unique<MainWindow>(m_manager.get(), nullptr, m_dir.filePath(QStringLiteral("state")));
        m_window->show();
        m_window->findChild<QDockWidget *>(QStringLiteral("cellEditorDock"))->show();
        QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
        m_window->openDatabase(m_dir.filePath(QStringLiteral("cells.db")),
                               QStringLiteral("CREATE TABLE c(name TEXT PRIMARY KEY, v, n INTEGER) WITHOUT ROWID;"
                                              "INSERT INTO c VALUES ('text', 'plain words', 1), ('json', '{\"a\":[1,2],\"b\":null}', 2), ('order', '{\"z\": 1, \"a\": {}, \"s\": \"x,{y}\"}', 7),"
                                              "('badjson', '{\"a\":', 3), ('bytes', X'00FF10', 4), ('big', NULL, 5), ('img', NULL, 6);"
                                              "CREATE VIEW cv AS SELECT name, v FROM c;"),
                               false, true);
        QVERIFY(opened.wait(10000));
        m_db = m_window->currentDatabase();
        // 10 MB of text and a PNG, bound (not spliced).
        QVERIFY(await(m_manager->execute(m_db, QStringLiteral("UPDATE c SET v = ? WHERE name = 'big'"),
                                         {Value(QString(10 << 20, QLatin1Char('x')) + QStringLiteral("END"))}))
                    .ok());
        QVERIFY(await(m_manager->execute(m_db, QStringLiteral("UPDATE c SET v = ? WHERE name = 'img'"), {Value::blob(png())})).ok());
        m_browser = m_window->browseTable(m_db, QStringLiteral("c"));
        QVERIFY(QTest::qWaitFor([&] { return m_browser->model()->rowCount() == 7 && m_browser->model()->isEditable(); }, 10000));
    }
    void cleanupTestCase()
    {
        m_browser->model()->revert();
        m_window.reset();
        m_manager.reset();
    }

    void textIsEditedIntoAPendingChange()
    {
        const int row = rowOf("text");
        QVERIFY(select(row, 1));
        CellEditor *e = m_window->cellEditor();
        QCOMPARE(e->mode(), CellEditor::Mode::Text);
        QCOMPARE(e->textView()->toPlainText(), QStringLiteral("plain words"));
        QVERIFY(e->isEditable());
        QVERIFY(!e->textView()->isReadOnly());
        e->textView()->selectAll();
        QTest::keyClicks(e->textView(), "new words");
        e->apply();
        QCOMPARE(m_browser->model()->valueAt(row, 1)->toString(), QStringLiteral("new words"));
        QVERIFY(m_browser->model()->isPending(row, 1));
        // In an INTEGER column the text becomes a number.
        QVERIFY(select(row, 2));
        e->textView()->selectAll();
        QTest::keyClicks(e->textView(), "77");
        e->apply();
        QCOMPARE(m_browser->model()->valueAt(row, 2)->type(), Value::Type::Integer);
        // Set NULL.
        e->setNull();
        QVERIFY(m_browser->model()->valueAt(row, 2)->isNull());
    }

    void jsonIsPrettyPrintedAndChecked()
    {
        CellEditor *e = m_window->cellEditor();
        QVERIFY(select(rowOf("json"), 1));
        QCOMPARE(e->mode(), CellEditor::Mode::Json);
        // Indented, with the keys in the order they were written.
        QCOMPARE(e->textView()->toPlainText(), QStringLiteral("{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": null\n}"));
        QVERIFY2(e->statusText().startsWith(QStringLiteral("Valid JSON")), qPrintable(e->statusText()));
        QVERIFY(select(rowOf("order"), 1));
        QCOMPARE(e->textView()->toPlainText(), QStringLiteral("{\n    \"z\": 1,\n    \"a\": {},\n    \"s\": \"x,{y}\"\n}"));
        QVERIFY(select(rowOf("badjson"), 1));
        QCOMPARE(e->mode(), CellEditor::Mode::Json);
        QVERIFY2(e->statusText().startsWith(QStringLiteral("Not valid JSON")), qPrintable(e->statusText()));
        QCOMPARE(e->textView()->toPlainText(), QStringLiteral("{\"a\":"));
    }

    void blobsShowAsHexOrAsAnImage()
    {
        CellEditor *e = m_window->cellEditor();
        QVERIFY(select(rowOf("bytes"), 1));
        QCOMPARE(e->mode(), CellEditor::Mode::Hex);
        QVERIFY2(e->hexView()->toPlainText().startsWith(QStringLiteral("00000000  00 ff 10")), qPrintable(e->hexView()->toPlainText()));
        QVERIFY(select(rowOf("img"), 1));
        QCOMPARE(e->mode(), CellEditor::Mode::Image);
        QVERIFY(QTest::qWaitFor([&] { return !e->imageView()->pixmap().isNull(); }, 10000));
        QCOMPARE(e->imageView()->pixmap().size(), QSize(7, 5));
        QVERIFY2(e->statusText().startsWith(QStringLiteral("PNG 7×5")), qPrintable(e->statusText()));
    }

    void aLargeValueIsShownInPartAndSavedWhole()
    {
        CellEditor *e = m_window->cellEditor();
        QVERIFY(select(rowOf("big"), 1));
        QVERIFY(e->isPartial());
        QVERIFY(e->textView()->isReadOnly());
        // Shown: at most 1 MiB of it (long lines broken for display).
        QVERIFY(e->textView()->toPlainText().count(QLatin1Char('x')) <= (1 << 20));
        QVERIFY(e->textView()->toPlainText().count(QLatin1Char('x')) > 1000);
        QVERIFY2(e->statusText().contains(QStringLiteral("first 1 MiB")), qPrintable(e->statusText()));
        const QString path = m_dir.filePath(QStringLiteral("big.txt"));
        QSignalSpy saved(e, &CellEditor::saved);
        e->saveTo(path);
        QVERIFY(saved.wait(20000));
        QVERIFY(saved.first().at(1).toBool());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(bytes.size(), (10 << 20) + 3);
        QVERIFY(bytes.endsWith("xEND"));
    }

    void loadingAFileSetsTheCell()
    {
        CellEditor *e = m_window->cellEditor();
        const int row = rowOf("bytes");
        QVERIFY(select(row, 1));
        const QString path = m_dir.filePath(QStringLiteral("in.png"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(png());
        }
        QSignalSpy loaded(e, &CellEditor::valueLoaded);
        e->loadFrom(path);
        QVERIFY(loaded.wait(10000));
        const Value *v = m_browser->model()->valueAt(row, 1);
        QCOMPARE(v->type(), Value::Type::Blob);
        QCOMPARE(v->bytes(), png());
        QCOMPARE(e->mode(), CellEditor::Mode::Image);
        // A missing file says so and changes nothing.
        e->loadFrom(m_dir.filePath(QStringLiteral("missing.bin")));
        QVERIFY(QTest::qWaitFor([&] { return e->statusText().contains(QStringLiteral("Cannot read")); }, 10000));
        QCOMPARE(m_browser->model()->valueAt(row, 1)->bytes(), png());
    }

    void aViewsCellIsReadOnlyAndSaysWhy()
    {
        TableBrowser *view = m_window->browseTable(m_db, QStringLiteral("cv"));
        QVERIFY(QTest::qWaitFor([&] { return view->model()->rowCount() == 7; }, 10000));
        CellEditor *e = m_window->cellEditor();
        QSignalSpy shown(e, &CellEditor::shown);
        view->view()->setCurrentIndex(view->model()->index(0, 1));
        QVERIFY(shown.wait(10000));
        QVERIFY(!e->isEditable());
        QVERIFY(e->textView()->isReadOnly());
        QVERIFY2(e->statusText().contains(QStringLiteral("Read-only")), qPrintable(e->statusText()));
        QVERIFY2(e->statusText().contains(QStringLiteral("is a view")), qPrintable(e->statusText()));
        m_window->browseTable(m_db, QStringLiteral("c"));
    }
};

QTEST_MAIN(TestCellEditor)
#include "tst_celleditor.moc"
