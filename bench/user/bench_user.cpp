// What users feel, side by side in one run: the raw SQLite C API, Qt's
// QSQLITE driver, a naive QtConcurrent task and Litehouse (the core, and the
// workbench's own grid, export and schema tree). Not a test; `make bench`
// runs it. See docs/benchmarks.md for the figures and how to read them.
//
//   litehouse-bench-user [--only a,b,...] [--points N] [--rows N] [--big N] [--runs N]
//
// Workloads (names for --only): floor, gui, pipe, scan, insert, first, scroll,
// export, schema. The databases (--rows and --big rows, the big one about
// 1 GB at 10M rows) are made once and kept in ~/.cache/litehouse/bench.
// Runs offscreen (QT_QPA_PLATFORM=offscreen unless set). The workloads are
// in reads.cpp and big.cpp.

#include "common.h"

#include <QApplication>

#include <cstdio>

using namespace bench;

namespace {

void summary()
{
    printf("\nRatios to raw (time; lower is better):\n");
    QString last;
    double raw = 0;
    for (const Fig &f : g_figs) {
        if (f.workload != last) {
            last = f.workload;
            raw = 0;
            for (const Fig &g : g_figs)
                if (g.workload == f.workload && g.impl == QLatin1String("raw"))
                    raw = g.sec;
        }
        if (raw > 0)
            printf("  %-10s %-22s %8.2fx\n", qPrintable(f.workload), qPrintable(f.impl), f.sec / raw);
    }
}

void quietFonts(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    // The offscreen platform has no shaping for some scripts: noise, once per script.
    if (type == QtWarningMsg && msg.contains(QLatin1String("OpenType support missing")))
        return;
    fprintf(stderr, "%s\n", qPrintable(msg));
    if (type == QtFatalMsg)
        abort();
}

} // namespace

int main(int argc, char **argv)
{
    qInstallMessageHandler(quietFonts);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--only"))
            g_only = args[i + 1].split(QLatin1Char(','));
        else if (a == QLatin1String("--points"))
            g_points = args[i + 1].toInt();
        else if (a == QLatin1String("--rows"))
            g_rows = args[i + 1].toInt();
        else if (a == QLatin1String("--big"))
            g_big = args[i + 1].toLongLong();
        else if (a == QLatin1String("--runs"))
            g_runs = qMax(1, args[i + 1].toInt());
    }
    g_points = qMin(g_points, g_rows);
    g_cache = QDir::homePath() + QStringLiteral("/.cache/litehouse/bench");
    QDir().mkpath(g_cache);
    QTemporaryDir tmp;
    g_tmp = tmp.path();
    printf("Litehouse user-facing benchmark: Qt %s, SQLite %s, %d cores; %d points, %d rows, %lld big rows\n", qVersion(),
           sqlite3_libversion(), QThread::idealThreadCount(), g_points, g_rows, g_big);
    fflush(stdout);
    Manager m;
    const bool wantsSmall = wanted("gui") || wanted("pipe") || wanted("scan");
    const bool wantsBig = wanted("first") || wanted("scroll") || wanted("export") || wanted("schema");
    const QString small = wantsSmall ? cachedDatabase(g_rows, false) : QString();
    const QString big = wantsBig ? cachedDatabase(g_big, true) : QString();
    if (wanted("floor"))
        benchFloor();
    if (wanted("gui"))
        benchGui(m, small);
    if (wanted("pipe"))
        benchPipe(m, small);
    if (wanted("scan"))
        benchScan(m, small);
    if (wanted("insert"))
        benchInsert(m);
    if (wanted("first"))
        benchFirst(m, big);
    if (wanted("scroll"))
        benchScroll(m, big);
    if (wanted("export"))
        benchExport(m, big);
    if (wanted("schema"))
        benchSchema(big);
    summary();
    return 0;
}
