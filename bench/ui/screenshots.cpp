// Puts the workbench in the state a README screenshot shows, then waits to
// be captured (scripts/screenshots.sh runs it under Xvfb).
//
//   litehouse-screenshots editor|browser|editing|celleditor|transactions|maintenance|migrations|import|designer [--dark] DEMO_DB

#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>
#include <core/manager.h>
#include <browser/browsermodel.h>
#include <browser/tablebrowser.h>
#include <editor/sqleditor.h>
#include <io/importdialog.h>
#include <results/celleditor.h>
#include <mainwindow/demodatabase.h>
#include <mainwindow/mainwindow.h>
#include <mainwindow/theme.h>
#include <maintenance/maintenancetab.h>
#include <migrations/migrationsdialog.h>
#include <query/querytab.h>
#include <schemaedit/schemaactions.h>
#include <schemaedit/tabledesigner.h>

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QTableView>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

using namespace Litehouse;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    QCoreApplication::setOrganizationName(QStringLiteral("LitehouseScreenshots"));
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const QString mode = args.at(1);
    const bool dark = args.contains(QStringLiteral("--dark"));
    const QString db = args.last();
    Theme::apply(dark ? QStringLiteral("dark") : QStringLiteral("light"));
    QTemporaryDir state;
    Manager manager;
    auto history = std::make_shared<HistoryStore>(state.filePath(QStringLiteral("history.db")));
    manager.addSink(std::make_shared<HistoryRecorder>(history));
    MainWindow w(&manager, nullptr, state.path());
    w.setHistory(history);
    w.resize(1400, 860);
    w.show();
    QSignalSpy opened(&w, &MainWindow::databaseOpened);
    QDir().mkpath(QFileInfo(db).absolutePath());
    w.openDatabase(db, DemoDatabase::script());
    if (!opened.wait(30000))
        return 1;
    QueryTab *tab = w.currentTab();
    if (mode == QLatin1String("editor")) {
        tab->editor()->setPlainText(QStringLiteral(
            "-- Best-selling genres, then the books behind them\n"
            "SELECT genre, orders, round(revenue, 2) AS revenue\n"
            "FROM sales_by_genre ORDER BY revenue DESC;\n\n"
            "SELECT b.title, a.name AS author, b.published, b.price, o.note\n"
            "FROM orders o\n"
            "JOIN books b ON b.id = o.book_id\n"
            "JOIN authors a ON a.id = b.author_id\n"
            "WHERE b.genre = 'Poetry'\n"
            "ORDER BY o.ordered_at DESC;\n"));
        tab->run(QueryTab::Scope::All);
    } else if (mode == QLatin1String("browser")) {
        w.browseTable(db, QStringLiteral("books"));
    } else if (mode == QLatin1String("editing") || mode == QLatin1String("celleditor")) {
        // Pending changes in the orders table: a note edited, a quantity
        // typed, a row added and one marked deleted, with their SQL shown;
        // or the cell editor on a JSON note.
        TableBrowser *b = w.browseTable(db, QStringLiteral("orders"));
        const bool cell = mode == QLatin1String("celleditor");
        if (cell) {
            w.findChild<QDockWidget *>(QStringLiteral("cellEditorDock"))->show();
            w.findChild<QDockWidget *>(QStringLiteral("savepointsDock"))->hide();
        }
        QObject::connect(b->model(), &BrowserModel::pageLoaded, b, [b, cell] {
            BrowserModel *m = b->model();
            if (cell) {
                m->setCell(1, 5, Value(QStringLiteral(
                    R"({"gift": true, "wrap": "blue", "message": "Happy birthday!", "deliver": {"after": "2026-12-20", "to": ["front desk", "room 4"]}})")));
                b->view()->setCurrentIndex(m->index(1, 5));
                return;
            }
            m->setCell(0, 5, Value(QStringLiteral("Deliver after 5 pm")));
            m->setCell(2, 3, Value(qint64(4)));
            b->view()->selectionModel()->select(m->index(4, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            b->deleteSelectedRows();
            const int row = m->addRow();
            m->setCell(row, 1, Value(qint64(12)));
            m->setCell(row, 2, Value(qint64(7)));
            m->setCell(row, 3, Value(qint64(1)));
            m->setCell(row, 4, Value(QStringLiteral("2026-12-04 10:30")));
            b->setPendingSqlVisible(true);
        }, Qt::SingleShotConnection);
    } else if (mode == QLatin1String("migrations")) {
        // A folder of three migrations next to the demo database; the first
        // two applied, the third pending and previewed.
        const QString folder = QFileInfo(db).absolutePath() + QStringLiteral("/migrations");
        QDir().mkpath(folder);
        const QList<QPair<QString, QByteArray>> files = {
            {QStringLiteral("001_publishers.up.sql"), "CREATE TABLE publishers(id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"},
            {QStringLiteral("001_publishers.down.sql"), "DROP TABLE publishers;\n"},
            {QStringLiteral("002_book_publisher.up.sql"), "ALTER TABLE books ADD COLUMN publisher_id REFERENCES publishers(id);\n"},
            {QStringLiteral("003_isbn_index.up.sql"), "CREATE UNIQUE INDEX books_isbn ON books(isbn);\n"},
            {QStringLiteral("003_isbn_index.down.sql"), "DROP INDEX books_isbn;\n"}};
        for (const auto &[name, sql] : files) {
            QFile f(folder + QLatin1Char('/') + name);
            if (f.open(QIODevice::WriteOnly))
                f.write(sql);
        }
        MigrationsDialog *d = w.openMigrations(db);
        d->setFolder(folder);
        QObject::connect(d, &MigrationsDialog::refreshed, d, [d] { d->apply(2); }, Qt::SingleShotConnection);
        QObject::connect(d, &MigrationsDialog::runFinished, d, [d] {
            QObject::connect(d, &MigrationsDialog::refreshed, d, [d] { d->apply(-1, true); }, Qt::SingleShotConnection);
        }, Qt::SingleShotConnection);
    } else if (mode == QLatin1String("designer")) {
        // Modify Table on books: a new type and a CHECK for price (a rebuild), and its SQL.
        TableDesigner *d = w.schemaActions()->modifyTable(db, QStringLiteral("books"));
        d->resize(1040, 800);
        d->move(180, 30);
        QObject::connect(d, &PlanDialog::catalogLoaded, d, [d] {
            QTableWidget *grid = d->columnsGrid();
            for (int r = 0; r < grid->rowCount(); ++r)
                if (grid->item(r, TableDesigner::Name)->text() == QLatin1String("price")) {
                    grid->item(r, TableDesigner::Type)->setText(QStringLiteral("NUMERIC(10,2)"));
                    grid->item(r, TableDesigner::Check)->setText(QStringLiteral("price >= 0"));
                    grid->setCurrentCell(r, TableDesigner::Check);
                }
        });
    } else if (mode == QLatin1String("import")) {
        // File ▸ Import CSV/JSON… on a price list with a quoted line break,
        // codes with leading zeros and an empty price.
        const QString csv = QFileInfo(db).absolutePath() + QStringLiteral("/new_arrivals.csv");
        QFile f(csv);
        if (f.open(QIODevice::WriteOnly))
            f.write("isbn;title;author;price;published;code\n"
                    "9780141439518;Pride and Prejudice;Jane Austen;8.99;1813;007\n"
                    "9780140449136;\"Crime and Punishment\n(new translation)\";Fyodor Dostoevsky;12.50;1866;012\n"
                    "9780679783268;\"The \"\"Idiot\"\"\";Fyodor Dostoevsky;;1869;013\n"
                    "9780143105435;Middlemarch;George Eliot;10.00;1871;020\n"
                    "9780486284736;Moby-Dick;Herman Melville;6.95;1851;021\n"
                    "9780199535569;Bleak House;Charles Dickens;9.99;1853;031\n");
        f.close();
        auto *d = new ImportDialog(&manager, db, {QStringLiteral("authors"), QStringLiteral("books"), QStringLiteral("customers"), QStringLiteral("orders")}, &w);
        d->setWindowFlag(Qt::Window);
        d->move(220, 110);
        d->resize(960, 620);
        d->show();
        d->setFile(csv);
        QObject::connect(d, &ImportDialog::previewUpdated, d, [d] {
            for (QComboBox *c : d->findChildren<QComboBox *>())
                if (c->itemData(1).toString() == QLatin1String(";"))
                    c->setCurrentIndex(1);
        }, Qt::SingleShotConnection);
    } else if (mode == QLatin1String("maintenance")) {
        MaintenanceTab *m = w.openMaintenance(db);
        QObject::connect(m, &MaintenanceTab::refreshed, m, [m] { m->run(MaintenanceTab::Action::IntegrityCheck); },
                         Qt::SingleShotConnection);
    } else if (mode == QLatin1String("transactions")) {
        tab->editor()->setPlainText(QStringLiteral(
            "BEGIN IMMEDIATE;\n"
            "SAVEPOINT before_import;\n"
            "UPDATE books SET price = round(price * 1.05, 2) WHERE genre = 'Computing';\n"
            "SAVEPOINT price_update;\n"
            "DELETE FROM orders WHERE note IS NULL AND quantity = 1;\n"
            "SELECT genre, count(*) AS books, round(avg(price), 2) AS avg_price\n"
            "FROM books GROUP BY genre ORDER BY genre;\n"));
        tab->run(QueryTab::Scope::All);
    }
    return app.exec();
}
