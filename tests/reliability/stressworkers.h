#pragma once

// The workers of the stress test, shared by tst_stress and its helper
// process: writers insert rows, readers count them, each through the
// process's Manager, until a deadline.

#include <core/manager.h>

#include <QDateTime>
#include <QFileInfo>

#include <atomic>
#include <thread>
#include <vector>

namespace LitehouseTest {

struct StressTotals
{
    std::atomic<qint64> writes{0};
    std::atomic<qint64> reads{0};
    std::atomic<qint64> errors{0};
    std::atomic<qint64> retries{0};
    std::atomic<qint64> maxWalBytes{0};
    QString firstError; // written once, under errorOnce
    std::atomic<bool> errorOnce{false};
};

/// Options every stress process opens the database with.
inline Litehouse::OpenOptions stressOptions()
{
    Litehouse::OpenOptions o;
    o.journalMode = Litehouse::JournalMode::Wal;
    o.maxReaders = 4;
    o.busyTimeoutMs = 50;
    // The short busy timeout sends contention through Litehouse's own
    // retries, which is what this test is about. On a shared two-core
    // machine one writer can wait out twelve tries (about 3 s) behind 23
    // others; a larger budget keeps "no error escaped" a statement about
    // the code rather than the machine's load.
    o.retry.maxAttempts = 60;
    o.retry.budgetMs = 30000;
    return o;
}

/// The WAL limits each process sets on its writer: checkpoint every 200
/// pages, and cut the WAL back to 1 MiB whenever it is reset.
constexpr qint64 stressJournalSizeLimit = 1024 * 1024;
constexpr int stressAutoCheckpointPages = 200;

inline bool stressConfigure(Litehouse::Manager &m, const QString &db)
{
    return Litehouse::await(m.executeScript(db, QStringLiteral("PRAGMA journal_size_limit=%1; PRAGMA wal_autocheckpoint=%2;")
                                                    .arg(stressJournalSizeLimit).arg(stressAutoCheckpointPages)))
        .ok();
}

/// Runs writers and readers until deadlineMs (ms since the epoch); proc tags the rows.
inline void runStress(Litehouse::Manager &m, const QString &db, int proc, int writers, int readers, qint64 deadlineMs,
                      StressTotals &t)
{
    using namespace Litehouse;
    auto fail = [&t](const Error &e) {
        t.errors.fetch_add(1);
        if (!t.errorOnce.exchange(true))
            t.firstError = e.toString();
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            for (qint64 n = 0; QDateTime::currentMSecsSinceEpoch() < deadlineMs; ++n) {
                auto r = await(m.execute(db, QStringLiteral("INSERT INTO s(proc, writer, n, pad) VALUES (?, ?, ?, randomblob(100))"),
                                         {Value(proc), Value(w), Value(n)}));
                if (r.ok()) {
                    t.writes.fetch_add(1);
                    t.retries.fetch_add(r.value().retries);
                } else {
                    fail(r.error());
                }
            }
        });
    }
    for (int i = 0; i < readers; ++i) {
        threads.emplace_back([&] {
            ExecOptions o;
            o.route = Route::Reader;
            while (QDateTime::currentMSecsSinceEpoch() < deadlineMs) {
                auto r = await(m.execute(db, QStringLiteral("SELECT count(*), max(n) FROM s WHERE proc = ?"), {Value(proc)}, o));
                if (r.ok())
                    t.reads.fetch_add(1);
                else
                    fail(r.error());
            }
        });
    }
    threads.emplace_back([&] {
        while (QDateTime::currentMSecsSinceEpoch() < deadlineMs) {
            const qint64 wal = QFileInfo(db + QStringLiteral("-wal")).size();
            qint64 seen = t.maxWalBytes.load();
            while (wal > seen && !t.maxWalBytes.compare_exchange_weak(seen, wal)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    for (auto &th : threads)
        th.join();
}

} // namespace LitehouseTest
