// Editing in the table browser: cells typed in place, rows added, deleted
// and pasted, all pending (marked, their SQL shown) until Commit writes them
// in one transaction; Revert leaves the file as it was; a failed constraint
// keeps the changes; a row changed by another process is noticed first.
// The file is checked with the sqlite3 shell.

#include <browser/browsermodel.h>
#include <browser/tablebrowser.h>

#include <core/manager.h>

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace Litehouse;

namespace {

QByteArray shell(const QString &db, const QByteArray &sql, int *exitCode = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {QStringLiteral("-bail"), QStringLiteral("-csv"), db});
    p.waitForStarted();
    p.write(sql);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput();
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestBrowserEdit : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    QString makeDb()
    {
        const QString path = m_dir.filePath(QStringLiteral("edit%1.db").arg(++m_n));
        int rc = -1;
        shell(path,
              "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER, price REAL, note);"
              "INSERT INTO items VALUES (1, 'apple', 3, 0.5, NULL), (2, 'pear', 5, 0.75, 'ripe'), (3, 'plum', 7, 1.25, NULL);"
              "CREATE VIEW cheap AS SELECT name FROM items WHERE price < 1;",
              &rc);
        if (rc != 0)
            qFatal("sqlite3 could not create %s", qPrintable(path));
        return path;
    }
    static bool ready(TableBrowser &b)
    {
        return QTest::qWaitFor([&b] { return b.model()->columnCount() > 0 && !b.model()->isFetching()
                                             && !b.model()->lastSql().isEmpty(); }, 20000);
    }
    // Types text into a cell the way a user does: the view's editor, then Enter.
    static bool typeInto(TableBrowser &b, int row, int column, const QString &text)
    {
        const QModelIndex i = b.model()->index(row, column);
        b.view()->setCurrentIndex(i);
        b.view()->edit(i);
        QLineEdit *editor = nullptr;
        editor = qobject_cast<QLineEdit *>(b.view()->indexWidget(i));
        if (!editor)
            return false;
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The view commits and closes its editor on a queued call.
        return QTest::qWaitFor([&] { return !b.view()->indexWidget(i); }, 5000);
    }
    static int rowOf(BrowserModel *m, const QString &name)
    {
        for (int r = 0; r < m->rowCount(); ++r)
            if (const Value *v = m->valueAt(r, 1); v && v->toString() == name)
                return r;
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        int rc = -1;
        QVERIFY2(shell(QStringLiteral(":memory:"), "SELECT 1;", &rc) == "1\n" && rc == 0, "the sqlite3 shell is missing");
    }

    void editAddDeleteAndPasteThenCommit()
    {
        const QString db = makeDb();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("items"));
        b.show();
        QVERIFY(ready(b));
        BrowserModel *model = b.model();
        QVERIFY(model->isEditable());
        QVERIFY(!b.readOnlyLabel()->isVisible());

        // A cell typed in place: "42" into an INTEGER column is an integer.
        QVERIFY(typeInto(b, rowOf(model, "apple"), 2, QStringLiteral("42")));
        QCOMPARE(model->valueAt(rowOf(model, "apple"), 2)->type(), Value::Type::Integer);
        QVERIFY(model->isPending(rowOf(model, "apple"), 2));
        QCOMPARE(model->rowState(rowOf(model, "apple")), BrowserModel::RowState::Changed);
        // Opening and leaving a NULL cell without typing changes nothing.
        const int apple = rowOf(model, "apple");
        b.view()->edit(model->index(apple, 4));
        QVERIFY(b.view()->indexWidget(model->index(apple, 4)));
        QTest::keyClick(b.view()->indexWidget(model->index(apple, 4)), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return !b.view()->indexWidget(model->index(apple, 4)); }, 5000));
        QVERIFY(model->valueAt(apple, 4)->isNull());
        QVERIFY(!model->isPending(apple, 4));

        // A new row.
        b.addRow();
        QCOMPARE(model->rowState(0), BrowserModel::RowState::Inserted);
        QVERIFY(typeInto(b, 0, 1, QStringLiteral("cherry")));
        QVERIFY(typeInto(b, 0, 3, QStringLiteral("2.5")));

        // Delete "plum".
        const int plum = rowOf(model, "plum");
        b.view()->selectionModel()->select(model->index(plum, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        b.deleteSelectedRows();
        QCOMPARE(model->rowState(plum), BrowserModel::RowState::Deleted);

        // Paste a block over pear's name and qty; a quoted field keeps its newline.
        const int pear = rowOf(model, "pear");
        b.view()->setCurrentIndex(model->index(pear, 1));
        b.paste(QStringLiteral("\"pear\nbosc\"\t8\n"));
        QCOMPARE(model->valueAt(pear, 1)->toString(), QStringLiteral("pear\nbosc"));
        QCOMPARE(model->valueAt(pear, 2)->toInt(), 8);
        QCOMPARE(model->pendingCount(), 4);

        // The preview shows the exact statements.
        b.setPendingSqlVisible(true);
        const QString sql = b.pendingSqlView()->toPlainText();
        QVERIFY2(sql.contains(QStringLiteral("DELETE FROM \"items\" WHERE \"rowid\" = ?;")), qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("UPDATE \"items\" SET \"qty\" = ? WHERE \"rowid\" = ?;\n-- ?1 = 42, ?2 = 1")), qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("INSERT INTO \"items\" (\"name\", \"price\") VALUES (?, ?);\n-- ?1 = 'cherry', ?2 = 2.5")),
                 qPrintable(sql));
        // Nothing is written before Commit.
        QCOMPARE(shell(db, "SELECT count(*), sum(qty) FROM items;"), QByteArray("3,15\n"));

        QSignalSpy committed(model, &BrowserModel::committed);
        QVERIFY(b.commitButton()->isEnabled());
        b.commitButton()->click();
        QVERIFY(committed.wait(20000));
        QVERIFY(!model->hasPendingChanges());
        QVERIFY(!b.commitButton()->isEnabled());
        QVERIFY(await(m.close(db)).ok());
        QCOMPARE(shell(db, "SELECT id, name, qty, typeof(qty), price, quote(note) FROM items ORDER BY id;"),
                 QByteArray("1,apple,42,integer,0.5,NULL\n"
                            "2,\"pear\nbosc\",8,integer,0.75,\"'ripe'\"\n"
                            // Deletes run first: the new row takes the freed rowid.
                            "3,cherry,,null,2.5,NULL\n"));
    }

    void undoAndRedoStepThroughThePendingChanges()
    {
        const QString db = makeDb();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("items"));
        b.show();
        QVERIFY(ready(b));
        BrowserModel *model = b.model();
        QVERIFY(typeInto(b, 0, 1, QStringLiteral("APPLE")));
        b.addRow();
        QCOMPARE(model->pendingCount(), 2);
        b.undo();
        QCOMPARE(model->pendingCount(), 1);
        QCOMPARE(model->rowCount(), 3);
        b.undo();
        QCOMPARE(model->pendingCount(), 0);
        QCOMPARE(model->valueAt(0, 1)->toString(), QStringLiteral("apple"));
        b.redo();
        QCOMPARE(model->valueAt(0, 1)->toString(), QStringLiteral("APPLE"));
        // Typing the original value back is no change at all.
        QVERIFY(typeInto(b, 0, 1, QStringLiteral("apple")));
        QVERIFY(!model->hasPendingChanges());
    }

    void revertLeavesTheFileByteForByteUnchanged()
    {
        const QString db = makeDb();
        {
            // The first open by Litehouse may set the journal mode; take the
            // file as it is after one open and close.
            Manager m;
            QVERIFY(await(m.open(db)).ok());
            QVERIFY(await(m.close(db)).ok());
        }
        const QByteArray before = fileHash(db);
        QVERIFY(!before.isEmpty());
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("items"));
        b.show();
        QVERIFY(ready(b));
        QVERIFY(typeInto(b, 1, 1, QStringLiteral("changed")));
        b.addRow();
        b.view()->selectionModel()->select(b.model()->index(3, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        b.deleteSelectedRows();
        QCOMPARE(b.model()->pendingCount(), 3);
        b.revertButton()->click();
        QVERIFY(!b.model()->hasPendingChanges());
        QCOMPARE(b.model()->rowCount(), 3);
        QCOMPARE(b.model()->valueAt(1, 1)->toString(), QStringLiteral("pear"));
        QVERIFY(await(m.close(db)).ok());
        QCOMPARE(fileHash(db), before);
    }

    void aConstraintFailureKeepsEveryPendingChange()
    {
        const QString db = makeDb();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("items"));
        b.show();
        QVERIFY(ready(b));
        BrowserModel *model = b.model();
        QVERIFY(typeInto(b, 0, 2, QStringLiteral("10")));
        // NULL into a NOT NULL column, set explicitly.
        b.view()->setCurrentIndex(model->index(2, 1));
        b.view()->selectionModel()->select(model->index(2, 1), QItemSelectionModel::ClearAndSelect);
        b.setSelectedNull();
        QVERIFY(model->valueAt(2, 1)->isNull());
        b.view()->setCurrentIndex(model->index(0, 0));
        QSignalSpy failed(model, &BrowserModel::commitFailed);
        b.commitChanges();
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(1).toInt(), 2); // the failing row
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("NOT NULL")), qPrintable(failed.first().at(0).toString()));
        QCOMPARE(b.view()->currentIndex().row(), 2);
        QVERIFY(b.editErrorLabel()->isVisible());
        QCOMPARE(model->pendingCount(), 2);
        QVERIFY(model->valueAt(2, 1)->isNull());
        QCOMPARE(model->valueAt(0, 2)->toInt(), 10);
        QCOMPARE(shell(db, "SELECT sum(qty), count(*) FROM items WHERE name IS NOT NULL;"), QByteArray("15,3\n"));
    }

    void aRowChangedByAnotherProcessIsNoticed()
    {
        const QString db = makeDb();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("items"));
        b.show();
        QVERIFY(ready(b));
        BrowserModel *model = b.model();
        QVERIFY(typeInto(b, 1, 1, QStringLiteral("mine")));
        int rc = -1;
        shell(db, "UPDATE items SET qty = 99 WHERE id = 2;", &rc);
        QCOMPARE(rc, 0);

        QStringList asked;
        bool overwrite = false;
        b.setOverwriteChooser([&](const QStringList &reasons) {
            asked = reasons;
            return overwrite;
        });
        b.commitChanges();
        QVERIFY(QTest::qWaitFor([&] { return !asked.isEmpty() && !model->isCommitting(); }, 20000));
        QVERIFY2(asked.first().contains(QStringLiteral("changed since it was read")), qPrintable(asked.first()));
        QVERIFY(model->hasPendingChanges());
        QCOMPARE(shell(db, "SELECT name, qty FROM items WHERE id = 2;"), QByteArray("pear,99\n"));

        // Told to overwrite, it writes the user's change over theirs.
        asked.clear();
        overwrite = true;
        QSignalSpy committed(model, &BrowserModel::committed);
        b.commitChanges();
        QVERIFY(committed.wait(20000));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(shell(db, "SELECT name, qty FROM items WHERE id = 2;"), QByteArray("mine,99\n"));
    }

    void aViewIsReadOnlyAndSaysWhy()
    {
        const QString db = makeDb();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableBrowser b(&m, db, QStringLiteral("cheap"));
        b.show();
        QVERIFY(ready(b));
        QVERIFY(!b.model()->isEditable());
        QVERIFY(QTest::qWaitFor([&] { return b.readOnlyLabel()->isVisible(); }, 5000));
        QVERIFY2(b.readOnlyLabel()->text().contains(QStringLiteral("is a view")), qPrintable(b.readOnlyLabel()->text()));
        QVERIFY(!(b.model()->flags(b.model()->index(0, 0)) & Qt::ItemIsEditable));
        QCOMPARE(b.model()->addRow(), -1);
        QVERIFY(!b.model()->setCell(0, 0, Value("x")));
        QVERIFY(!b.model()->hasPendingChanges());
    }

    void copiedCellsPasteBackAsTheyWere()
    {
        const QString tsv = QStringLiteral("a\t\"tab\there\"\t\"say \"\"hi\"\"\"\nb\t\"two\nlines\"\t\n");
        const QList<QStringList> rows = BrowserModel::parseTsv(tsv);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0), (QStringList{"a", "tab\there", "say \"hi\""}));
        QCOMPARE(rows.at(1), (QStringList{"b", "two\nlines", ""}));
        QCOMPARE(BrowserModel::parseTsv(QStringLiteral("x\r\ny")), (QList<QStringList>{{"x"}, {"y"}}));
        QVERIFY(BrowserModel::parseTsv(QString()).isEmpty());
    }
};

QTEST_MAIN(TestBrowserEdit)
#include "tst_browseredit.moc"
