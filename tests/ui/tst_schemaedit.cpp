// The schema dialogs, offscreen: a table is created, modified and dropped
// through them (with an index, a view and a trigger on the way), and every
// result is checked with the sqlite3 shell. In the main window, the schema
// tree and an open browser of the table follow the change.

#include <browser/browsermodel.h>
#include <browser/tablebrowser.h>
#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <schema/schemadock.h>
#include <schema/schemamodel.h>
#include <schemaedit/dropdialog.h>
#include <schemaedit/indexdialog.h>
#include <schemaedit/schemaactions.h>
#include <schemaedit/tabledesigner.h>
#include <schemaedit/triggerdialog.h>
#include <schemaedit/viewdialog.h>

#include <core/manager.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Litehouse;

namespace {

// The sqlite3 shell's answer to a script (what a user would see).
QString shell(const QString &db, const QString &sql)
{
    QFile script(db + QStringLiteral(".script.sql"));
    if (!script.open(QIODevice::WriteOnly) || script.write(sql.toUtf8()) < 0)
        return QStringLiteral("<cannot write the script>");
    script.close();
    const QByteArray cmd = QStringLiteral("sqlite3 '%1' < '%2' 2>&1").arg(db, script.fileName()).toLocal8Bit();
    FILE *p = ::popen(cmd.constData(), "r");
    if (!p)
        return QStringLiteral("<cannot run sqlite3>");
    QByteArray out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, qsizetype(n));
    ::pclose(p);
    return QString::fromUtf8(out).trimmed();
}

// Loads a dialog's catalog and waits for it.
bool loaded(PlanDialog *d)
{
    QSignalSpy spy(d, &PlanDialog::catalogLoaded);
    d->load();
    return spy.wait(10000);
}

// Runs a dialog's plan and waits for it to be committed.
bool ran(PlanDialog *d)
{
    QSignalSpy applied(d, &PlanDialog::applied);
    QSignalSpy failed(d, &PlanDialog::failed);
    if (!d->runButton()->isEnabled()) {
        qWarning("Run is disabled: %s", qPrintable(d->errorText()));
        return false;
    }
    QEventLoop loop;
    QObject::connect(d, &PlanDialog::applied, &loop, &QEventLoop::quit);
    QObject::connect(d, &PlanDialog::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    d->runButton()->click();
    if (applied.isEmpty() && failed.isEmpty())
        loop.exec();
    if (!failed.isEmpty())
        qWarning("the change failed: %s", qPrintable(failed.first().first().toString()));
    return applied.size() == 1;
}

} // namespace

class TestSchemaEdit final : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_schemaedit"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void createModifyDropThroughTheDialogs()
    {
        const QString db = m_dir.filePath(QStringLiteral("dialogs.db"));
        QCOMPARE(shell(db, QStringLiteral("CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                                          "INSERT INTO authors(name) VALUES ('Le Guin'), ('Lem');")), QString());
        Manager m;
        QVERIFY(await(m.open(db)).ok());

        // Create: a new table, with a foreign key picked from the authors.
        TableDesigner create(&m, db, {});
        QVERIFY(loaded(&create));
        QTest::keyClicks(create.nameEdit(), QStringLiteral("notes"));
        QTableWidget *grid = create.columnsGrid();
        QCOMPARE(grid->rowCount(), 1); // id INTEGER PRIMARY KEY to start with
        int row = create.addColumn();
        grid->item(row, TableDesigner::Name)->setText(QStringLiteral("body"));
        grid->item(row, TableDesigner::NotNull)->setCheckState(Qt::Checked);
        row = create.addColumn();
        grid->item(row, TableDesigner::Name)->setText(QStringLiteral("author_id"));
        QTRY_COMPARE(grid->item(row, TableDesigner::Name)->text(), QStringLiteral("author_id"));
        grid->item(row, TableDesigner::Type)->setText(QStringLiteral("INTEGER"));
        const int fk = create.addForeignKey();
        auto *parent = qobject_cast<QComboBox *>(create.foreignKeysGrid()->cellWidget(fk, 1));
        QVERIFY(parent);
        parent->setCurrentText(QStringLiteral("authors"));
        QTRY_VERIFY(qobject_cast<QComboBox *>(create.foreignKeysGrid()->cellWidget(fk, 2)));
        auto *parentColumn = qobject_cast<QComboBox *>(create.foreignKeysGrid()->cellWidget(fk, 2));
        QTRY_VERIFY(parentColumn->findText(QStringLiteral("id")) >= 0);
        parentColumn->setCurrentText(QStringLiteral("id"));
        auto *del = qobject_cast<QComboBox *>(create.foreignKeysGrid()->cellWidget(fk, 3));
        del->setCurrentText(QStringLiteral("CASCADE"));
        // The SQL shows before anything runs.
        const QString shown = create.sqlText();
        QVERIFY2(shown.contains(QLatin1String("CREATE TABLE notes (")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("FOREIGN KEY(author_id) REFERENCES authors(id) ON DELETE CASCADE")),
                 qPrintable(shown));
        QVERIFY(!shell(db, QStringLiteral(".schema notes")).contains(QLatin1String("notes")));
        QVERIFY(ran(&create));
        QCOMPARE(shell(db, QStringLiteral(".schema notes")),
                 QStringLiteral("CREATE TABLE notes (\n  id INTEGER PRIMARY KEY,\n  body TEXT NOT NULL,\n  author_id INTEGER,\n"
                                "  FOREIGN KEY(author_id) REFERENCES authors(id) ON DELETE CASCADE\n);"));
        QVERIFY(await(m.execute(db, QStringLiteral("INSERT INTO notes(body, author_id) VALUES ('a', 1), ('b', 2), ('c', 1)"))).ok());

        // An index (descending, partial), a view from SQL, a trigger.
        IndexDialog index(&m, db, QStringLiteral("notes"));
        QVERIFY(loaded(&index));
        index.nameEdit()->setText(QStringLiteral("notes_by_author"));
        index.useColumn(QStringLiteral("author_id"));
        index.useColumn(QStringLiteral("body"), true);
        index.whereEdit()->setText(QStringLiteral("body <> ''"));
        QVERIFY(ran(&index));
        QCOMPARE(shell(db, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'notes_by_author';")),
                 QStringLiteral("CREATE INDEX notes_by_author ON notes(author_id, body DESC) WHERE body <> ''"));
        ViewDialog view(&m, db, QStringLiteral("SELECT body FROM notes WHERE author_id = 1;"));
        QVERIFY(loaded(&view));
        view.nameEdit()->setText(QStringLiteral("le_guin_notes"));
        QVERIFY(ran(&view));
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM le_guin_notes;")), QStringLiteral("2"));
        TriggerDialog trigger(&m, db, QStringLiteral("notes"));
        QVERIFY(loaded(&trigger));
        trigger.nameEdit()->setText(QStringLiteral("no_empty_notes"));
        trigger.timingBox()->setCurrentText(QStringLiteral("BEFORE"));
        trigger.whenEdit()->setText(QStringLiteral("new.body = ''"));
        trigger.bodyEdit()->setPlainText(QStringLiteral("SELECT RAISE(ABORT, 'empty note')"));
        QVERIFY(ran(&trigger));
        QVERIFY(shell(db, QStringLiteral("INSERT INTO notes(body) VALUES ('');")).contains(QLatin1String("empty note")));

        // Modify: rename a column and change a type (a rebuild); the rows,
        // the index, the view and the trigger come through.
        TableDesigner modify(&m, db, QStringLiteral("notes"));
        QVERIFY(loaded(&modify));
        QCOMPARE(modify.columnsGrid()->rowCount(), 3);
        modify.columnsGrid()->item(1, TableDesigner::Name)->setText(QStringLiteral("text"));
        QTRY_COMPARE(modify.columnsGrid()->item(1, TableDesigner::Name)->text(), QStringLiteral("text"));
        modify.columnsGrid()->item(1, TableDesigner::Type)->setText(QStringLiteral("VARCHAR(200)"));
        QVERIFY2(modify.sqlText().contains(QLatin1String("DROP TABLE notes;")), qPrintable(modify.sqlText()));
        QVERIFY(modify.sqlText().contains(QLatin1String("ALTER TABLE notes RENAME COLUMN body TO text;")));
        QVERIFY(ran(&modify));
        const QString schema = shell(db, QStringLiteral(".schema"));
        QVERIFY2(schema.contains(QLatin1String("text VARCHAR(200) NOT NULL")), qPrintable(schema));
        QVERIFY(schema.contains(QLatin1String("ON notes(author_id, text DESC) WHERE text <> ''")));
        QVERIFY(schema.contains(QLatin1String("SELECT text FROM notes WHERE author_id = 1")));
        QVERIFY(schema.contains(QLatin1String("CREATE TRIGGER no_empty_notes")));
        QCOMPARE(shell(db, QStringLiteral("SELECT group_concat(text, ',') FROM (SELECT text FROM notes ORDER BY id);")),
                 QStringLiteral("a,b,c"));
        QCOMPARE(shell(db, QStringLiteral("PRAGMA integrity_check; PRAGMA foreign_key_check;")), QStringLiteral("ok"));

        // Drop: the confirmation lists what depends on the table.
        DropDialog drop(&m, db, QStringLiteral("notes"));
        QVERIFY(loaded(&drop));
        const QString deps = drop.dependents().join(QLatin1Char('\n'));
        for (const char *want : {"index notes_by_author", "trigger no_empty_notes", "view le_guin_notes"})
            QVERIFY2(deps.contains(QLatin1String(want)), qPrintable(deps));
        QCOMPARE(drop.runButton()->text(), QStringLiteral("&Drop"));
        QVERIFY(!drop.runButton()->isDefault()); // Return does not drop
        QVERIFY(ran(&drop));
        QCOMPARE(shell(db, QStringLiteral("SELECT name FROM sqlite_schema WHERE tbl_name = 'notes';")), QString());
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM authors;")), QStringLiteral("2"));
    }

    void badInputAndFailuresAreShown()
    {
        const QString db = m_dir.filePath(QStringLiteral("bad.db"));
        QCOMPARE(shell(db, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO t(n) VALUES (1), (2);")),
                 QString());
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableDesigner d(&m, db, QStringLiteral("t"));
        QVERIFY(loaded(&d));
        QVERIFY2(d.errorText().contains(QLatin1String("Nothing to change")), qPrintable(d.errorText() + d.sqlText()));
        QVERIFY(!d.runButton()->isEnabled());
        d.columnsGrid()->item(1, TableDesigner::Name)->setText(QStringLiteral("id"));
        QTRY_VERIFY(d.errorText().contains(QLatin1String("two columns are named")));
        QVERIFY(!d.runButton()->isEnabled());
        d.columnsGrid()->item(1, TableDesigner::Name)->setText(QStringLiteral("n"));
        QTRY_VERIFY(d.errorText().contains(QLatin1String("Nothing to change")));
        // A CHECK the rows break: the change fails, says why, and the file is as it was.
        TableDesc desc = d.description();
        desc.columns[1].checks.append({QString(), QStringLiteral("n > 5")});
        d.setDescription(desc);
        const QByteArray before = [&] { QFile f(db); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); }();
        QVERIFY(!ran(&d));
        QVERIFY2(d.errorText().contains(QLatin1String("CHECK constraint failed")), qPrintable(d.errorText()));
        QCOMPARE(d.result(), int(QDialog::Rejected)); // a failed run does not close the designer
        const QByteArray after = [&] { QFile f(db); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); }();
        QVERIFY(before == after);
    }

    void saveAsMigrationWritesTheNextFiles()
    {
        const QString db = m_dir.filePath(QStringLiteral("mig.db"));
        QCOMPARE(shell(db, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n REAL);")), QString());
        const QString folder = m_dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        QFile first(folder + QStringLiteral("/001_start.up.sql"));
        QVERIFY(first.open(QIODevice::WriteOnly));
        first.write("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, n REAL);\n");
        first.close();
        Manager m;
        QVERIFY(await(m.open(db)).ok());
        TableDesigner d(&m, db, QStringLiteral("t"));
        QVERIFY(loaded(&d));
        d.columnsGrid()->item(1, TableDesigner::Type)->setText(QStringLiteral("INTEGER"));
        QSignalSpy saved(&d, &PlanDialog::migrationSaved);
        QVERIFY(d.saveAsMigration(folder));
        QVERIFY(saved.wait(10000));
        QFile up(folder + QStringLiteral("/002_modify_t.up.sql"));
        QVERIFY(up.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(up.readAll());
        QVERIFY2(text.startsWith(QLatin1String("-- litehouse:no-transaction\n")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("n INTEGER")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/002_modify_t.down.sql")));
        // Nothing ran on the database.
        QVERIFY(shell(db, QStringLiteral(".schema t")).contains(QLatin1String("n REAL")));
    }

    void mainWindowTreeAndBrowserFollow()
    {
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        w.openDatabase(m_dir.filePath(QStringLiteral("mw.db")),
                       QStringLiteral("CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT); INSERT INTO books(title) VALUES ('Dune');"));
        QVERIFY(opened.wait(10000));
        const QString db = opened.first().first().toString();
        SchemaModel *model = w.schemaDock()->model();
        QTRY_COMPARE(model->objectNames(db, SchemaModel::Kind::Table), QStringList{"books"});
        TableBrowser *browser = w.browseTable(db, QStringLiteral("books"));
        QTRY_COMPARE(browser->model()->columnCount(), 2);
        // Modify… from the tree's signal opens the designer on that table.
        Q_EMIT w.schemaDock()->modifyRequested(db, QStringLiteral("books"));
        TableDesigner *d = nullptr;
        QTRY_VERIFY((d = w.findChild<TableDesigner *>()) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), 20000);
        const int row = d->addColumn();
        d->columnsGrid()->item(row, TableDesigner::Name)->setText(QStringLiteral("year"));
        QTRY_COMPARE(d->columnsGrid()->item(row, TableDesigner::Name)->text(), QStringLiteral("year"));
        d->columnsGrid()->item(row, TableDesigner::Type)->setText(QStringLiteral("INTEGER"));
        QVERIFY(d->sqlText().contains(QLatin1String("ALTER TABLE books ADD COLUMN year INTEGER;")));
        QVERIFY(ran(d));
        QTRY_COMPARE(model->columnNames(db, QStringLiteral("books")), (QStringList{"id", "title", "year"}));
        QTRY_COMPARE(browser->model()->columnCount(), 3);
        // Open in Editor puts the SQL in a tab instead of running it.
        const int tabs = w.tabCount();
        Q_EMIT w.schemaDock()->createRequested(db, int(SchemaModel::Kind::Table), {});
        // The new designer (the one that modified books may not be deleted yet).
        auto newDesigner = [&w]() -> TableDesigner * {
            for (TableDesigner *t : w.findChildren<TableDesigner *>())
                if (t->windowTitle() == QStringLiteral("New Table") && t->isVisible())
                    return t;
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(newDesigner() != nullptr && newDesigner()->isLoaded(), 20000);
        TableDesigner *create = newDesigner();
        QTest::keyClicks(create->nameEdit(), QStringLiteral("shelves"));
        QPushButton *toEditor = nullptr;
        for (QPushButton *b : create->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Open in &Editor"))
                toEditor = b;
        QVERIFY(toEditor && toEditor->isEnabled());
        toEditor->click();
        QCOMPARE(w.tabCount(), tabs + 1);
        QVERIFY(w.editor());
        QVERIFY(w.editor()->toPlainText().contains(QLatin1String("CREATE TABLE shelves")));
        QCOMPARE(model->objectNames(db, SchemaModel::Kind::Table), QStringList{"books"});

        // Tools ▸ Schema ▸ New Table… opens a designer for the current database.
        QMenu *schemaMenu = nullptr;
        for (QAction *a : w.menuBar()->actions())
            if (a->menu() && a->text().remove(QLatin1Char('&')) == QStringLiteral("Tools"))
                for (QAction *b : a->menu()->actions())
                    if (b->menu() && b->text().remove(QLatin1Char('&')) == QStringLiteral("Schema"))
                        schemaMenu = b->menu();
        QVERIFY(schemaMenu);
        QAction *newTable = nullptr;
        for (QAction *a : schemaMenu->actions())
            if (a->text().remove(QLatin1Char('&')) == QStringLiteral("New Table…"))
                newTable = a;
        QVERIFY(newTable);
        QVERIFY(newDesigner() == nullptr); // the last one went to the editor
        newTable->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(newDesigner() != nullptr && newDesigner()->isLoaded(), 20000);
        QCOMPARE(newDesigner()->database(), db);
    }
};

QTEST_MAIN(TestSchemaEdit)
#include "tst_schemaedit.moc"
