// Test helper: the workbench with one editor tab, typed into steadily (a
// key every 20 ms, faster than the save's 300 ms pause) until killed.
// Prints the number of characters typed after each key, so that the test
// knows how far it got.
//   litehouse-test-typing-helper STATE_DIR APP_NAME

#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>

#include <core/manager.h>

#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 3) {
        fprintf(stderr, "usage: %s STATE_DIR APP_NAME\n", argv[0]);
        return 2;
    }
    // The test reads the same settings (the list of tabs) afterwards.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
    QCoreApplication::setApplicationName(QString::fromLocal8Bit(argv[2]));
    Litehouse::Manager manager;
    Litehouse::MainWindow window(&manager, nullptr, QString::fromLocal8Bit(argv[1]));
    window.show();
    qint64 typed = 0;
    QTimer keys;
    keys.setInterval(20);
    QObject::connect(&keys, &QTimer::timeout, &window, [&window, &typed] {
        Litehouse::QueryTab *tab = window.currentTab();
        if (!tab)
            return;
        QTest::keyClicks(tab->editor(), QStringLiteral("x"));
        ++typed;
        printf("%lld\n", qlonglong(typed));
        fflush(stdout);
    });
    QObject::connect(&window, &Litehouse::MainWindow::tabsRestored, &keys, qOverload<>(&QTimer::start));
    return app.exec();
}
