// Test helper for tst_crash: commits rows through the Manager, records every
// operation in a history store, exports to a JSON file and runs migrations
// up and down, until it is killed. Prints one line per acknowledged commit:
//   C <id> <ms since epoch>
// after "R" once it is ready.
//   litehouse-test-crash-helper DIR   (DIR holds migrations/)

#include <core/history/historyexport.h>
#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>
#include <core/manager.h>
#include <core/migrations/migrationrunner.h>

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

using namespace Litehouse;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const QString data = dir + QStringLiteral("/data.db");
    const QString migrated = dir + QStringLiteral("/migrated.db");

    HistoryStoreOptions ho;
    ho.flushIntervalMs = 100;
    auto store = std::make_shared<HistoryStore>(dir + QStringLiteral("/history.db"), ho);
    Manager m;
    m.addSink(std::make_shared<HistoryRecorder>(store));
    auto fail = [](const char *what, const Error &e) {
        fprintf(stderr, "%s: %s\n", what, qPrintable(e.toString()));
        return 1;
    };
    if (auto o = await(m.open(data)); !o)
        return fail("open", o.error());
    if (auto o = await(m.open(migrated)); !o)
        return fail("open", o.error());
    if (auto r = await(m.execute(data, QStringLiteral("CREATE TABLE IF NOT EXISTS acks(id INTEGER PRIMARY KEY, pad BLOB)"))); !r)
        return fail("create", r.error());
    auto top = await(m.execute(data, QStringLiteral("SELECT coalesce(max(id), 0) FROM acks")));
    if (!top)
        return fail("max", top.error());
    qint64 id = top.value().rows.at(0, 0).toInt() + 1;
    MigrationRunner runner(m, migrated, dir + QStringLiteral("/migrations"));
    printf("R\n");
    fflush(stdout);

    for (qint64 i = 0;; ++i, ++id) {
        auto r = await(m.execute(data, QStringLiteral("INSERT INTO acks(id, pad) VALUES (?, randomblob(200))"), {Value(id)}));
        if (!r)
            return fail("insert", r.error());
        printf("C %lld %lld\n", qlonglong(id), qlonglong(QDateTime::currentMSecsSinceEpoch()));
        fflush(stdout);
        if (i % 4 == 1) {
            // One migration step up, or down once all are applied.
            MigrationOptions o;
            auto st = await(runner.status());
            if (!st)
                return fail("status", st.error());
            qint64 applied = 0;
            for (const MigrationStatus &s : st.value())
                applied += s.state == MigrationStatus::State::Applied ? 1 : 0;
            auto run = applied < st.value().size() ? await(runner.up([&] { o.target = applied + 1; return o; }()))
                                                   : await(runner.down([&] { o.target = 0; return o; }()));
            if (!run)
                return fail("migrate", run.error());
        }
        if (i % 5 == 2) {
            // An export of n items, all tagged with n: a torn file shows as a mix.
            const int n = int(id % 300) + 1;
            QList<HistoryItem> items;
            for (int k = 0; k < n; ++k) {
                HistoryItem it;
                it.id = k + 1;
                it.timestampMs = 1795842760000LL + k;
                it.database = data;
                it.sql = QStringLiteral("export %1 item %2").arg(n).arg(k);
                it.kind = QStringLiteral("query");
                it.outcome = QStringLiteral("ok");
                items.append(it);
            }
            if (auto e = HistoryExport::write(dir + QStringLiteral("/export.json"), items, {}); !e)
                return fail("export", e.error());
        }
    }
}
