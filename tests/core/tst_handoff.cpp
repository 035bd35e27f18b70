// Futures of operations that finish on a busy connection are resolved by the
// threads awaiting them (core/handoff_p.h): never lost, never resolved twice,
// and only when some thread is there to take them.

#include "testutil.h"

#include <core/handoff_p.h>

#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace Litehouse;
using namespace Litehouse::detail;
using namespace LitehouseTest;

namespace {
struct Item final : Pending
{
    std::atomic<int> resolved{0};
    std::atomic<Qt::HANDLE> thread{nullptr};
    void resolve() override
    {
        thread = QThread::currentThreadId();
        resolved.fetch_add(1);
    }
};

// Offers from a thread of its own, as a connection's thread would.
bool offerFromWorker(const std::shared_ptr<Item> &item, bool mayHandOff)
{
    bool taken = false;
    std::thread worker([&] {
        Handoff::setMayHandOff(mayHandOff);
        taken = Handoff::offer(std::shared_ptr<Pending>(item));
        if (!taken)
            item->resolve(); // what the worker does when nobody takes it
    });
    worker.join();
    return taken;
}
} // namespace

class TestHandoff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void workerResolvesWhenNobodyAwaits()
    {
        auto item = std::make_shared<Item>();
        QVERIFY(!offerFromWorker(item, true));
        QCOMPARE(item->resolved.load(), 1);
        QVERIFY(item->thread.load() != QThread::currentThreadId());
        QVERIFY(!Handoff::hasWork());
    }

    void workerResolvesWhenNothingWaitsBehindIt()
    {
        Handoff::enter();
        auto item = std::make_shared<Item>();
        const bool taken = offerFromWorker(item, false);
        Handoff::leave();
        QVERIFY(!taken);
        QCOMPARE(item->resolved.load(), 1);
        QVERIFY(item->thread.load() != QThread::currentThreadId());
    }

    void awaitingThreadResolves()
    {
        const auto before = Handoff::resolvedByHelpers();
        Handoff::enter();
        auto item = std::make_shared<Item>();
        QVERIFY(offerFromWorker(item, true));
        QCOMPARE(item->resolved.load(), 0); // waits for the awaiting thread
        QVERIFY(Handoff::hasWork());
        Handoff::help();
        QCOMPARE(item->resolved.load(), 1);
        QCOMPARE(item->thread.load(), QThread::currentThreadId());
        QVERIFY(!Handoff::hasWork());
        Handoff::leave();
        QCOMPARE(item->resolved.load(), 1);
        QCOMPARE(Handoff::resolvedByHelpers(), before + 1);
    }

    void lastAwaitingThreadToLeaveResolvesTheRest()
    {
        Handoff::enter();
        std::vector<std::shared_ptr<Item>> items;
        for (int i = 0; i < 3; ++i) {
            items.push_back(std::make_shared<Item>());
            QVERIFY(offerFromWorker(items.back(), true));
        }
        for (const auto &item : items)
            QCOMPARE(item->resolved.load(), 0);
        Handoff::leave();
        for (const auto &item : items) {
            QCOMPARE(item->resolved.load(), 1);
            QCOMPARE(item->thread.load(), QThread::currentThreadId());
        }
    }

    // Awaiting threads come and go while a worker offers: every item is
    // resolved exactly once, by someone, whatever the interleaving.
    void everyItemResolvedOnceUnderRaces()
    {
        constexpr int kItems = 20000;
        std::vector<std::shared_ptr<Item>> items;
        for (int i = 0; i < kItems; ++i)
            items.push_back(std::make_shared<Item>());
        std::atomic<bool> done{false};
        std::vector<std::thread> helpers;
        for (int h = 0; h < 2; ++h) {
            helpers.emplace_back([&] {
                while (!done.load()) {
                    Handoff::enter();
                    for (int i = 0; i < 8; ++i)
                        if (Handoff::hasWork())
                            Handoff::help();
                    Handoff::leave();
                }
            });
        }
        // This thread awaits while the first items are offered, so those are
        // certainly taken; after that the helpers come and go on their own.
        Handoff::enter();
        std::atomic<int> offered{0};
        int byWorker = 0;
        std::thread worker([&] {
            Handoff::setMayHandOff(true);
            for (auto &item : items) {
                if (!Handoff::offer(std::shared_ptr<Pending>(item))) {
                    item->resolve();
                    ++byWorker;
                }
                offered.fetch_add(1);
            }
        });
        while (offered.load() < 100)
            QThread::yieldCurrentThread();
        Handoff::leave();
        worker.join();
        done = true;
        for (auto &t : helpers)
            t.join();
        QVERIFY(!Handoff::hasWork());
        int once = 0;
        for (const auto &item : items)
            once += item->resolved.load() == 1;
        QCOMPARE(once, kItems);
        QVERIFY(byWorker <= kItems - 100); // the first ones were taken
    }

    // Writes queued behind a held writer, while this thread waits the way
    // await() does: every future but the last (nothing waits behind it) is
    // handed to this thread, and each holds its own statement's result.
    void queuedWritesResolveWithTheirOwnResults()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("queued.db"));
        QVERIFY(LH_OK(m.open(p)).ok());
        QVERIFY(LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v INT)"))).ok());
        QSemaphore gate;
        auto held = m.withConnection<int>(p, Route::Writer, [&gate](Connection &) -> Outcome<int> {
            gate.acquire();
            return 0;
        });
        constexpr int kWrites = 500;
        std::vector<QFuture<Outcome<StatementResult>>> fs;
        for (int i = 1; i <= kWrites; ++i)
            fs.push_back(m.execute(p, QStringLiteral("INSERT INTO t(v) VALUES (?)"), Params{Value(i * 10)}));
        const auto before = Handoff::resolvedByHelpers();
        Handoff::enter();
        gate.release();
        while (!fs.back().isFinished()) {
            if (Handoff::hasWork())
                Handoff::help();
            QThread::yieldCurrentThread();
        }
        Handoff::leave();
        QCOMPARE(Handoff::resolvedByHelpers() - before, std::uint64_t(kWrites - 1));
        QVERIFY(await(held).ok());
        for (int i = 1; i <= kWrites; ++i) {
            auto r = await(fs[size_t(i - 1)]);
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            QCOMPARE(r.value().rowsAffected, 1);
            QCOMPARE(r.value().lastInsertRowId, qint64(i)); // its own statement's row, in order
        }
        auto sum = LH_OK(m.execute(p, QStringLiteral("SELECT count(*), sum(v) FROM t")));
        QVERIFY(sum.ok());
        QCOMPARE(sum.value().rows.at(0, 0).toInt(), qint64(kWrites));
        QCOMPARE(sum.value().rows.at(0, 1).toInt(), qint64(10) * kWrites * (kWrites + 1) / 2);
    }
};

QTEST_GUILESS_MAIN(TestHandoff)
#include "tst_handoff.moc"
