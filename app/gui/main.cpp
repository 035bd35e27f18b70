// litehouse: the desktop workbench. Everything but main() lives in LitehouseUi.

#include <core/manager.h>
#include <mainwindow/demodatabase.h>
#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("litehouse"));
    QApplication::setOrganizationName(QStringLiteral("Litehouse"));
    QApplication::setApplicationDisplayName(QStringLiteral("Litehouse"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop workbench for SQLite"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo database (created on first run)."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Database to open."));
    parser.process(app);

    Litehouse::Manager manager;
    Litehouse::MainWindow window(&manager);
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(demo)) {
        const QString path = files.isEmpty() ? Litehouse::DemoDatabase::defaultPath() : files.first();
        QDir().mkpath(QFileInfo(path).absolutePath());
        // Show the demo's rows at once: run the sample query when the database is ready.
        QObject::connect(&window, &Litehouse::MainWindow::databaseOpened, &window, &Litehouse::MainWindow::run,
                         Qt::SingleShotConnection);
        window.openDatabase(path, Litehouse::DemoDatabase::script());
        window.editor()->setPlainText(QStringLiteral(
            "-- The demo bookshop: authors, books, customers, orders.\n"
            "SELECT b.title, a.name AS author, b.genre, b.published, b.price\n"
            "FROM books b JOIN authors a ON a.id = b.author_id\n"
            "ORDER BY b.published DESC;\n"));
    } else if (!files.isEmpty()) {
        window.openDatabase(files.first());
    }
    window.show();
    const int rc = app.exec();
    return rc;
}
