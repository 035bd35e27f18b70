// SQL files in editor tabs (open, save, save as, the modified marker, the
// question before closing unsaved work, and coming back after a restart),
// and the Edit menu's find/replace, go to line and comment toggling.

#include <browser/browsermodel.h>
#include <browser/tablebrowser.h>
#include <editor/findbar.h>
#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>

#include <core/manager.h>

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace Litehouse;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString tabText(MainWindow &w, QueryTab *t)
{
    auto *tabs = w.findChild<QTabWidget *>();
    return tabs->tabText(tabs->indexOf(t));
}

} // namespace

class TestSqlFiles : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString state() const { return m_dir.filePath(QStringLiteral("state")); }

    QueryTab *open(MainWindow &w, const QString &path)
    {
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        w.openSqlFile(path);
        if (!opened.wait(10000))
            return nullptr;
        return w.tabForFile(path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sqlfiles"));
        QSettings().clear();
    }

    void openEditSaveAndSaveAs()
    {
        const QString path = m_dir.filePath(QStringLiteral("report.sql"));
        QVERIFY(writeFile(path, "\xEF\xBB\xBFSELECT 1;\n-- ünïcode\n"));
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QueryTab *t = open(w, path);
        QVERIFY(t);
        QCOMPARE(t->editor()->toPlainText(), QStringLiteral("SELECT 1;\n-- ünïcode\n")); // BOM dropped
        QCOMPARE(tabText(w, t), QStringLiteral("report.sql"));
        QVERIFY(!t->isModified());
        // Opening it again shows the same tab.
        const int tabs = w.tabCount();
        QCOMPARE(open(w, path), t);
        QCOMPARE(w.tabCount(), tabs);

        t->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(t->editor(), "SELECT 2;");
        QVERIFY(t->isModified());
        QCOMPARE(tabText(w, t), QStringLiteral("report.sql •"));
        QSignalSpy saved(&w, &MainWindow::fileSaved);
        w.saveSqlFile(t);
        QVERIFY(saved.wait(10000));
        QCOMPARE(readFile(path), QByteArray("SELECT 1;\n-- ünïcode\nSELECT 2;"));
        QVERIFY(!t->isModified());
        QCOMPARE(tabText(w, t), QStringLiteral("report.sql"));

        const QString copy = m_dir.filePath(QStringLiteral("copy.sql"));
        w.saveSqlFile(t, copy);
        QVERIFY(saved.wait(10000));
        QCOMPARE(readFile(copy), readFile(path));
        QCOMPARE(t->filePath(), copy);
        QCOMPARE(tabText(w, t), QStringLiteral("copy.sql"));
    }

    void badFilesGetAClearError()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        const QString latin1 = m_dir.filePath(QStringLiteral("latin1.sql"));
        QVERIFY(writeFile(latin1, "SELECT 'caf\xE9';"));
        const int tabs = w.tabCount();
        w.openSqlFile(latin1);
        QVERIFY(QTest::qWaitFor([&] { return w.errorText().contains(QStringLiteral("not UTF-8")); }, 10000));
        w.openSqlFile(m_dir.filePath(QStringLiteral("missing.sql")));
        QVERIFY(QTest::qWaitFor([&] { return w.errorText().contains(QStringLiteral("Cannot read")); }, 10000));
        QCOMPARE(w.tabCount(), tabs);
    }

    void closingAnUnsavedFileAsksFirst()
    {
        const QString path = m_dir.filePath(QStringLiteral("ask.sql"));
        QVERIFY(writeFile(path, "SELECT 1;"));
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QueryTab *t = open(w, path);
        QVERIFY(t);
        auto *tabs = w.findChild<QTabWidget *>();
        QTest::keyClicks(t->editor(), "-- edited");
        QTest::keyClick(t->editor(), Qt::Key_Return);
        QStringList asked;
        MainWindow::Unsaved answer = MainWindow::Unsaved::Cancel;
        w.setUnsavedChooser([&](const QString &what) {
            asked << what;
            return answer;
        });
        Q_EMIT tabs->tabCloseRequested(tabs->indexOf(t));
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(QStringLiteral("ask.sql")));
        QVERIFY(tabs->indexOf(t) >= 0); // cancelled: still there
        QCOMPARE(readFile(path), QByteArray("SELECT 1;"));

        // Save into a folder that is gone: the error shows, the tab stays, and
        // a later save does not close it by surprise.
        answer = MainWindow::Unsaved::Save;
        QSignalSpy failed(&w, &MainWindow::fileSaveFailed);
        const QString gone = m_dir.filePath(QStringLiteral("gone/ask.sql"));
        w.saveSqlFile(t, gone);
        QVERIFY(failed.wait(10000));
        QVERIFY(w.errorText().contains(QStringLiteral("Cannot write")));
        QVERIFY(tabs->indexOf(t) >= 0);

        // Save: written, then closed.
        answer = MainWindow::Unsaved::Save;
        QPointer<QueryTab> guard(t);
        Q_EMIT tabs->tabCloseRequested(tabs->indexOf(t));
        QVERIFY(QTest::qWaitFor([&] { return !guard || tabs->indexOf(guard) < 0; }, 10000));
        QCOMPARE(readFile(path), QByteArray("-- edited\nSELECT 1;"));
    }

    void aFileTabComesBackAfterARestartWithItsUnsavedText()
    {
        const QString dir = m_dir.filePath(QStringLiteral("restart"));
        const QString path = m_dir.filePath(QStringLiteral("kept.sql"));
        QVERIFY(writeFile(path, "SELECT 'on disk';"));
        {
            Manager m;
            MainWindow w(&m, nullptr, dir);
            w.show();
            QueryTab *t = open(w, path);
            QVERIFY(t);
            t->editor()->selectAll();
            QTest::keyClicks(t->editor(), "SELECT 'typed';");
            w.close(); // the tab store writes what was typed
        }
        Manager m;
        MainWindow w(&m, nullptr, dir);
        QSignalSpy restored(&w, &MainWindow::tabsRestored);
        QVERIFY(restored.wait(10000));
        QueryTab *t = w.tabForFile(path);
        QVERIFY(t);
        QCOMPARE(t->editor()->toPlainText(), QStringLiteral("SELECT 'typed';"));
        QVERIFY(QTest::qWaitFor([&] { return t->isModified(); }, 10000)); // the file still says 'on disk'
        QVERIFY(QTest::qWaitFor([&] { return tabText(w, t) == QStringLiteral("kept.sql •"); }, 10000));
    }

    void closingABrowserWithPendingChangesAsksFirst()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        const QString db = m_dir.filePath(QStringLiteral("pending.db"));
        w.openDatabase(db, QStringLiteral("CREATE TABLE t(a TEXT); INSERT INTO t VALUES ('x');"), false, true);
        QVERIFY(opened.wait(10000));
        TableBrowser *b = w.browseTable(w.currentDatabase(), QStringLiteral("t"));
        QVERIFY(QTest::qWaitFor([&] { return b->model()->rowCount() == 1 && b->model()->isEditable(); }, 10000));
        QVERIFY(b->model()->setCell(0, 0, Value("y")));
        auto *tabs = w.findChild<QTabWidget *>();
        QStringList asked;
        w.setUnsavedChooser([&](const QString &what) {
            asked << what;
            return MainWindow::Unsaved::Save;
        });
        QPointer<TableBrowser> guard(b);
        Q_EMIT tabs->tabCloseRequested(tabs->indexOf(b));
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QStringLiteral("not yet written")), qPrintable(asked.first()));
        // Committed, then closed.
        QVERIFY(QTest::qWaitFor([&] { return !guard || tabs->indexOf(guard) < 0; }, 10000));
        auto r = await(m.execute(w.currentDatabase(), QStringLiteral("SELECT a FROM t")));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rows.at(0, 0).toString(), QStringLiteral("y"));
    }

    void findAndReplace()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        w.show();
        QueryTab *t = w.newTab(QStringLiteral("select name from Names;\nSELECT rename FROM names WHERE name = 'x';\n"));
        FindBar *f = t->findBar();
        f->open(true);
        QVERIFY(f->isVisible());
        f->findEdit()->setText(QStringLiteral("name"));
        QVERIFY(f->status().contains(QStringLiteral("5")));
        f->matchCase()->setChecked(true);
        QVERIFY2(f->status().contains(QStringLiteral("4")), qPrintable(f->status())); // not "Names"
        f->wholeWord()->setChecked(true);
        QVERIFY2(f->status().contains(QStringLiteral("2")), qPrintable(f->status())); // not "rename", "names"
        QVERIFY(f->findNext());
        QCOMPARE(t->editor()->textCursor().selectedText(), QStringLiteral("name"));
        QCOMPARE(t->editor()->textCursor().selectionStart(), 7);
        f->replaceEdit()->setText(QStringLiteral("title"));
        QCOMPARE(f->replaceAll(), 2);
        QCOMPARE(t->editor()->toPlainText(),
                 QStringLiteral("select title from Names;\nSELECT rename FROM names WHERE title = 'x';\n"));
        // One undo step brings both back.
        t->editor()->undo();
        QVERIFY(t->editor()->toPlainText().startsWith(QStringLiteral("select name from")));

        // A regex with a group; an invalid one says why.
        f->matchCase()->setChecked(false);
        f->wholeWord()->setChecked(false);
        f->regex()->setChecked(true);
        f->findEdit()->setText(QStringLiteral("from (\\w+)"));
        f->replaceEdit()->setText(QStringLiteral("FROM main.\\1"));
        QCOMPARE(f->replaceAll(), 2);
        QVERIFY2(t->editor()->toPlainText().contains(QStringLiteral("FROM main.Names;")), qPrintable(t->editor()->toPlainText()));
        f->findEdit()->setText(QStringLiteral("(unclosed"));
        QVERIFY2(f->status().startsWith(QStringLiteral("Not a valid pattern")), qPrintable(f->status()));
        QCOMPARE(f->replaceAll(), 0);
    }

    void goToLineAndToggleComment()
    {
        Manager m;
        MainWindow w(&m, nullptr, state());
        QueryTab *t = w.newTab(QStringLiteral("SELECT 1;\n  SELECT 2;\n\n  SELECT 3;"));
        SqlEditor *e = t->editor();
        e->goToLine(2);
        QCOMPARE(e->textCursor().blockNumber(), 1);
        e->goToLine(99);
        QCOMPARE(e->textCursor().blockNumber(), 3);
        // Lines 2-4 commented at their common indent; the empty line left alone.
        QTextCursor c(e->document()->findBlockByNumber(1));
        c.setPosition(e->document()->findBlockByNumber(3).position() + 3, QTextCursor::KeepAnchor);
        e->setTextCursor(c);
        e->toggleComment();
        QCOMPARE(e->toPlainText(), QStringLiteral("SELECT 1;\n  -- SELECT 2;\n\n  -- SELECT 3;"));
        e->toggleComment();
        QCOMPARE(e->toPlainText(), QStringLiteral("SELECT 1;\n  SELECT 2;\n\n  SELECT 3;"));
        // One line, by the cursor alone.
        e->goToLine(1);
        e->toggleComment();
        QCOMPARE(e->document()->firstBlock().text(), QStringLiteral("-- SELECT 1;"));
        e->undo();
        QCOMPARE(e->document()->firstBlock().text(), QStringLiteral("SELECT 1;"));
    }
};

QTEST_MAIN(TestSqlFiles)
#include "tst_sqlfiles.moc"
