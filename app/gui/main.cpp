// litehouse: the desktop workbench. Everything but main() lives in LitehouseUi.

#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>
#include <core/manager.h>
#include <editor/sqleditor.h>
#include <mainwindow/demodatabase.h>
#include <mainwindow/mainwindow.h>
#include <mainwindow/theme.h>
#include <query/querytab.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

static const char kDemoQuery[] =
    "-- The demo bookshop: authors, books, customers, orders.\n"
    "-- Ctrl+Enter runs the statement under the cursor; F5 runs everything.\n"
    "SELECT b.title, a.name AS author, b.genre, b.published, b.price\n"
    "FROM books b JOIN authors a ON a.id = b.author_id\n"
    "ORDER BY b.published DESC, b.title;\n";

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("litehouse"));
    QApplication::setOrganizationName(QStringLiteral("Litehouse"));
    QApplication::setApplicationDisplayName(QStringLiteral("Litehouse"));
    QApplication::setApplicationVersion(QStringLiteral(LITEHOUSE_VERSION));
    // One id everywhere (packaging/README.md): the desktop entry, the icon,
    // the AppStream component and the Wayland app id.
    const QString appId = QStringLiteral("io.litehouse.Litehouse");
    QGuiApplication::setDesktopFileName(appId);
    QIcon icon;
    if (QIcon::hasThemeIcon(appId)) {
        icon = QIcon::fromTheme(appId);
    } else { // not installed: the copies compiled in
        for (int size : {16, 32, 48, 64, 128, 256})
            icon.addFile(QStringLiteral(":/litehouse/icons/litehouse-%1.png").arg(size));
    }
    QApplication::setWindowIcon(icon);

    // Language: the system's unless the user chose one in View ▸ Language.
    const QString lang = QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
    const QLocale locale = lang == QLatin1String("system") ? QLocale::system() : QLocale(lang);
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(locale, QStringLiteral("litehouse"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);
    Litehouse::Theme::apply(Litehouse::Theme::current());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A desktop workbench for SQLite"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Open the demo database (created on first run)."));
    QCommandLineOption readOnly(QStringLiteral("read-only"), QApplication::translate("main", "Open the files read-only."));
    parser.addOption(demo);
    parser.addOption(readOnly);
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", "Databases to open."), QStringLiteral("[FILE...]"));
    parser.process(app);

    Litehouse::Manager manager;
    // Every statement the workbench runs goes to the same history as
    // litehouse-cli's (the History dock shows it); recording never waits on I/O.
    auto history = std::make_shared<Litehouse::HistoryStore>(Litehouse::HistoryStore::defaultPath());
    manager.addSink(std::make_shared<Litehouse::HistoryRecorder>(history));
    Litehouse::MainWindow window(&manager);
    window.setHistory(history);
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(demo)) {
        const QString path = files.isEmpty() ? Litehouse::DemoDatabase::defaultPath() : files.first();
        QDir().mkpath(QFileInfo(path).absolutePath());
        // Show the demo's rows at once: once tabs are back and the database is
        // ready, run the sample query (put in an empty tab on first run).
        auto ready = std::make_shared<int>(0);
        auto maybeRun = [&window, ready] {
            if (++*ready < 2)
                return;
            Litehouse::QueryTab *tab = window.currentTab();
            if (tab && tab->editor()->toPlainText().trimmed().isEmpty())
                tab->editor()->setPlainText(QString::fromUtf8(kDemoQuery));
            if (tab && tab->editor()->toPlainText() == QString::fromUtf8(kDemoQuery))
                tab->run(Litehouse::QueryTab::Scope::All);
        };
        QObject::connect(&window, &Litehouse::MainWindow::tabsRestored, &window, maybeRun, Qt::SingleShotConnection);
        QObject::connect(&window, &Litehouse::MainWindow::databaseOpened, &window, maybeRun, Qt::SingleShotConnection);
        window.openDatabase(path, Litehouse::DemoDatabase::script());
    } else {
        for (const QString &f : files)
            window.openDatabase(f, {}, parser.isSet(readOnly));
    }
    window.show();
    return app.exec();
}
