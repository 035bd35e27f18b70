// Test helper: records history items at full speed from a worker thread
// into a HistoryStore until killed. Prints "<recorded> <ms since epoch>"
// lines so that the test knows how far it got.
//   litehouse-test-history-writer HISTORY_DB

#include <core/history/historystore.h>

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>
#include <thread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        fprintf(stderr, "usage: %s HISTORY_DB\n", argv[0]);
        return 2;
    }
    Litehouse::HistoryStore store(QString::fromLocal8Bit(argv[1])); // default capacity, tolerance and 1 s interval
    std::thread recorder([&store] {
        for (qint64 n = 0;; ++n) {
            Litehouse::HistoryItem it;
            it.timestampMs = QDateTime::currentMSecsSinceEpoch();
            it.database = QStringLiteral("/tmp/kill.db");
            it.sql = QStringLiteral("n=%1").arg(n);
            it.kind = QStringLiteral("query");
            it.outcome = QStringLiteral("ok");
            store.record(std::move(it));
            if (n % 1000 == 0) {
                printf("%lld %lld\n", qlonglong(n + 1), qlonglong(QDateTime::currentMSecsSinceEpoch()));
                fflush(stdout);
            }
        }
    });
    recorder.join();
    return 0;
}
