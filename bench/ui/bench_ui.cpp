// UI latency benchmark (not a test): the main thread's longest stall while a
// 5 s query runs and while scrolling through 10M rows, the time to the first
// rows of a 10M-row SELECT, and resident memory after scrolling to the end.
//
//   litehouse-bench-ui [--rows N] [--db FILE]
//
// Runs the real MainWindow offscreen (QT_QPA_PLATFORM=offscreen is set if
// unset). The database is made once and kept (default /tmp/litehouse-bench-10m.db).

#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>
#include <results/resultmodel.h>
#include <results/resultview.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMetaEnum>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <sqlite3.h>

#include <cstdio>

using namespace Litehouse;

namespace {

// Longest gap between two turns of the event loop, sampled by a 0 ms timer.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_max = qMax(m_max, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_max = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        return double(m_max) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

// Names the single longest event delivery of a phase, so a stall can be
// traced to the object that caused it.
class TimedApp : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *e) override
    {
        QElapsedTimer t;
        t.start();
        const int type = e->type();
        const char *cls = receiver->metaObject()->className();
        const bool r = QApplication::notify(receiver, e);
        const qint64 ns = t.nsecsElapsed();
        if (ns > m_longest) {
            m_longest = ns;
            const char *name = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            m_what = QStringLiteral("%1 to %2")
                         .arg(name ? QString::fromLatin1(name) : QString::number(type), QString::fromLatin1(cls));
        }
        return r;
    }
    void resetLongest() { m_longest = 0; m_what.clear(); }
    QString longest() const { return QStringLiteral("%1 ms, %2").arg(double(m_longest) / 1e6, 0, 'f', 1).arg(m_what); }

private:
    qint64 m_longest = 0;
    QString m_what;
};

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

bool makeDatabase(const QString &path, qint64 rows)
{
    if (QFile::exists(path))
        return true;
    fprintf(stderr, "making %s with %lld rows (once)...\n", qPrintable(path), rows);
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    const QByteArray sql = "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB);"
                           "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < "
        + QByteArray::number(rows)
        + ") INSERT INTO t SELECT x, 'name-' || x || '-' || hex(randomblob(8)), x * 0.5, randomblob(32) FROM c;";
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

template<typename Pred>
bool spinUntil(Pred p, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!p()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApp app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LitehouseBench"));
    qint64 rows = 10000000;
    QString path = QStringLiteral("/tmp/litehouse-bench-10m.db");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--rows"))
            rows = args[i + 1].toLongLong();
        if (args[i] == QLatin1String("--db"))
            path = args[i + 1];
    }
    if (rows != 10000000 && path == QLatin1String("/tmp/litehouse-bench-10m.db"))
        path = QStringLiteral("/tmp/litehouse-bench-%1.db").arg(rows);
    if (!makeDatabase(path, rows)) {
        fprintf(stderr, "cannot make %s\n", qPrintable(path));
        return 1;
    }
    QTemporaryDir state;
    Manager manager;
    MainWindow w(&manager, nullptr, state.path());
    w.show();
    QSignalSpy opened(&w, &MainWindow::databaseOpened);
    w.openDatabase(path);
    if (!opened.wait(30000))
        return 1;
    StallMeter meter;
    printf("Litehouse UI benchmark: %lld rows, Qt %s, SQLite %s\n", rows, qVersion(), sqlite3_libversion());

    // 1. Time to first rows of a 10M-row SELECT.
    QueryTab *tab = w.currentTab();
    tab->editor()->setPlainText(QStringLiteral("SELECT * FROM t"));
    QElapsedTimer t;
    t.start();
    meter.start();
    tab->run();
    if (!spinUntil([&] { return tab->resultCount() > 0 && tab->resultModel(0)->rowCount() > 0; }, 30000))
        return 1;
    const double firstRowsMs = double(t.nsecsElapsed()) / 1e6;
    printf("time to first rows:            %8.1f ms   (target < 100 ms)\n", firstRowsMs);

    // 2. Scrolling through every row, as the view asks for more.
    ResultModel *model = tab->resultModel(0);
    ResultView *view = tab->resultView(0);
    model->setChunkSize(5000);
    meter.start();
    app.resetLongest();
    t.restart();
    while (!model->atEnd() || model->isFetching()) {
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        if (model->canFetchMore({}))
            model->fetchMore({});
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    const double scrollStall = meter.stopMs();
    printf("longest stall while scrolling: %8.1f ms   (target < 50 ms; %lld rows in %.1f s)\n", scrollStall,
           qint64(model->rowCount()), double(t.elapsed()) / 1000.0);
    printf("  longest single event:        %s\n", qPrintable(app.longest()));
    printf("resident memory at the end:    %8.1f MB   (target < 300 MB; %lld rows cached)\n", double(rssKiB()) / 1024.0,
           model->cachedRows());

    // 3. A query that would run forever, for 5 s, then Esc.
    tab->editor()->setPlainText(
        QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"));
    meter.start();
    app.resetLongest();
    tab->run();
    t.restart();
    spinUntil([&] { return t.elapsed() >= 5000; }, 6000);
    const double queryStall = meter.stopMs();
    const bool stillRunning = tab->isRunning();
    const QString longestEvent = app.longest();
    t.restart();
    tab->cancel();
    spinUntil([&] { return !tab->isRunning(); }, 10000);
    printf("longest stall during a 5 s query: %7.1f ms   (target < 50 ms; running: %s)\n", queryStall,
           stillRunning ? "yes" : "no");
    printf("  longest single event:        %s\n", qPrintable(longestEvent));
    printf("cancel to idle:                %8.1f ms\n", double(t.nsecsElapsed()) / 1e6);
    return 0;
}
