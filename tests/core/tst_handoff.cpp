// Futures of operations that finish on a busy connection are resolved by the
// threads awaiting them (core/handoff_p.h): never lost, never resolved twice,
// and only when some thread is there to take them.

#include "testutil.h"

#include <core/handoff_p.h>

#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
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

// Records the thread that frees it.
struct Tracked final : Pending
{
    std::atomic<int> *resolvedCount;
    std::atomic<Qt::HANDLE> *freedOn;
    Tracked(std::atomic<int> *r, std::atomic<Qt::HANDLE> *f) : resolvedCount(r), freedOn(f) {}
    ~Tracked() override { freedOn->store(QThread::currentThreadId()); }
    void resolve() override { resolvedCount->fetch_add(1); }
};

// Runs one task the way Lane::runTask() does, on a thread of its own: the
// body either defers its future (defer) or resolves it and asks to have its
// release deferred (deferRelease). Returns what the body was told.
bool runTaskOnWorker(std::shared_ptr<Tracked> &&item, bool mayHandOff, bool releaseOnly)
{
    bool deferred = false;
    std::thread worker([&] {
        const void *body = item.get();
        Handoff::beginTask(body, mayHandOff);
        if (releaseOnly) {
            item->resolve();
            deferred = Handoff::deferRelease(body, item.get(), 1000);
        } else {
            deferred = Handoff::defer(body, item.get());
            if (!deferred)
                item->resolve();
        }
        Handoff::endTask(std::move(item));
    });
    worker.join();
    return deferred;
}

// Runs item as one task on the calling thread the way Lane::runTask() does,
// the test keeping a reference of its own: hands its future over, or
// resolves it (what the worker does when nobody takes it). Returns whether
// it was handed over.
bool runAsTask(const std::shared_ptr<Item> &item, bool mayHandOff)
{
    Handoff::beginTask(item.get(), mayHandOff);
    const bool taken = Handoff::defer(item.get(), item.get());
    if (!taken)
        item->resolve();
    Handoff::endTask(std::shared_ptr<void>(item));
    return taken;
}

// The same, from a thread of its own, as a connection's thread would.
bool offerFromWorker(const std::shared_ptr<Item> &item, bool mayHandOff)
{
    bool taken = false;
    std::thread worker([&] { taken = runAsTask(item, mayHandOff); });
    worker.join();
    return taken;
}
} // namespace

class TestHandoff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Opens p with a table t(id, v) and holds its writer with a task that
    // waits for gate; an invalid future if the open or the table failed.
    static QFuture<Outcome<int>> openWithHeldWriter(Manager &m, const QString &p, QSemaphore &gate)
    {
        if (!LH_OK(m.open(p)).ok()
            || !LH_OK(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v INT)"))).ok())
            return {};
        return m.withConnection<int>(p, Route::Writer, [&gate](Connection &) -> Outcome<int> {
            gate.acquire();
            return 0;
        });
    }

    // Queues n inserts of v = i * factor (i from 1), unawaited.
    static std::vector<QFuture<Outcome<StatementResult>>> queueInserts(Manager &m, const QString &p, int n, int factor)
    {
        std::vector<QFuture<Outcome<StatementResult>>> fs;
        for (int i = 1; i <= n; ++i)
            fs.push_back(m.execute(p, QStringLiteral("INSERT INTO t(v) VALUES (?)"), Params{Value(i * factor)}));
        return fs;
    }

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

    // A deferred future goes to the awaiting thread with the worker's own
    // reference: the awaiting thread resolves it and frees it.
    void deferredItemIsResolvedAndFreedByTheAwaitingThread()
    {
        std::atomic<int> resolved{0};
        std::atomic<Qt::HANDLE> freedOn{nullptr};
        Handoff::enter();
        QVERIFY(runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), true, false));
        QCOMPARE(resolved.load(), 0);
        QCOMPARE(freedOn.load(), Qt::HANDLE(nullptr)); // the queue holds it
        QVERIFY(Handoff::hasWork());
        Handoff::help();
        Handoff::leave();
        QCOMPARE(resolved.load(), 1);
        QCOMPARE(freedOn.load(), QThread::currentThreadId());
    }

    // Without an awaiting thread, or when the lane says no, or for a body
    // other than the running task's, nothing is deferred.
    void deferRefusedWhenItMustNot()
    {
        std::atomic<int> resolved{0};
        std::atomic<Qt::HANDLE> freedOn{nullptr};
        QVERIFY(!runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), true, false)); // nobody awaits
        QCOMPARE(resolved.load(), 1);
        QVERIFY(freedOn.load() != nullptr);
        QVERIFY(freedOn.load() != QThread::currentThreadId());

        Handoff::enter();
        QVERIFY(!runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), false, false)); // lane says no
        QCOMPARE(resolved.load(), 2);
        bool otherBody = true;
        std::thread worker([&] {
            auto item = std::make_shared<Tracked>(&resolved, &freedOn);
            int running = 0;
            Handoff::beginTask(&running, true);
            otherBody = Handoff::defer(item.get(), item.get());
            Handoff::endTask(nullptr);
        });
        worker.join();
        Handoff::leave();
        QVERIFY(!otherBody);
        QVERIFY(!Handoff::hasWork());
    }

    // A worker that resolved its own future sets the operation aside; it is
    // freed by an awaiting thread, or by a worker whose queue ran empty.
    void setAsideUntilSomeoneFreesIt()
    {
        std::atomic<int> resolved{0};
        std::atomic<Qt::HANDLE> freedOn{nullptr};
        QVERIFY(runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), true, true));
        QCOMPARE(resolved.load(), 1);
        QCOMPARE(freedOn.load(), Qt::HANDLE(nullptr));
        QCOMPARE(Handoff::setAside(), 1);
        QVERIFY(Handoff::hasWork());
        Handoff::enter();
        Handoff::help();
        Handoff::leave();
        QCOMPARE(freedOn.load(), QThread::currentThreadId());
        QCOMPARE(Handoff::setAside(), 0);
        QCOMPARE(resolved.load(), 1); // freed, not resolved again

        freedOn = nullptr;
        QVERIFY(runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), true, true));
        QCOMPARE(freedOn.load(), Qt::HANDLE(nullptr));
        std::thread idle([] { Handoff::releaseSetAside(); }); // a worker whose queue ran empty
        idle.join();
        QVERIFY(freedOn.load() != nullptr);
        QVERIFY(freedOn.load() != QThread::currentThreadId());
        QCOMPARE(Handoff::setAside(), 0);
        QVERIFY(!runTaskOnWorker(std::make_shared<Tracked>(&resolved, &freedOn), false, true)); // lane says no
        QCOMPARE(Handoff::setAside(), 0);
    }

    // Past the bound on their number or on their size, a worker frees at once.
    void setAsideIsBounded()
    {
        std::atomic<int> resolved{0};
        std::atomic<int> freed{0};
        // Runs n tasks on one worker thread; returns how many were set aside.
        auto run = [&](int n, std::size_t bytes) {
            int aside = 0;
            std::thread worker([&] {
                for (int i = 0; i < n; ++i) {
                    struct Counted final : Pending
                    {
                        std::atomic<int> *freedCount;
                        explicit Counted(std::atomic<int> *f) : freedCount(f) {}
                        ~Counted() override { freedCount->fetch_add(1); }
                        void resolve() override {}
                    };
                    auto item = std::make_shared<Counted>(&freed);
                    Handoff::beginTask(item.get(), true);
                    resolved.fetch_add(1);
                    aside += Handoff::deferRelease(item.get(), item.get(), bytes);
                    Handoff::endTask(std::move(item));
                }
            });
            worker.join();
            return aside;
        };
        QCOMPARE(run(Handoff::kMaxSetAside + 5, 100), Handoff::kMaxSetAside);
        QCOMPARE(freed.load(), 5); // the worker freed the ones past the bound
        QCOMPARE(Handoff::setAside(), Handoff::kMaxSetAside);
        Handoff::releaseSetAside();
        QCOMPARE(Handoff::setAside(), 0);
        QCOMPARE(freed.load(), Handoff::kMaxSetAside + 5);

        freed = 0;
        const std::size_t third = Handoff::kMaxSetAsideBytes / 3 + 1;
        QCOMPARE(run(3, third), 2); // a third would pass the size bound
        QCOMPARE(freed.load(), 1);
        Handoff::releaseSetAside();
        QCOMPARE(freed.load(), 3);
        QCOMPARE(run(2, third), 2); // the size was given back with them
        Handoff::releaseSetAside();
        QCOMPARE(freed.load(), 5);
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
            for (auto &item : items) {
                if (!runAsTask(item, true))
                    ++byWorker;
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
        QSemaphore gate;
        auto held = openWithHeldWriter(m, p, gate);
        QVERIFY(held.isValid());
        constexpr int kWrites = 500;
        auto fs = queueInserts(m, p, kWrites, 10);
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

    // Writes queued behind a held writer with no thread awaiting them: the
    // writer resolves each itself, sets the finished operations aside while
    // more are queued, and frees them once its queue is empty.
    void writerFreesWhatItSetAsideOnceIdle()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("aside.db"));
        QSemaphore gate;
        auto held = openWithHeldWriter(m, p, gate);
        QVERIFY(held.isValid());
        constexpr int kWrites = 1000; // long enough for this thread to see the writer at work
        auto fs = queueInserts(m, p, kWrites, 1);
        // Watch the second-to-last write finish without awaiting (await()
        // would take the futures over); the last one still runs behind it.
        int maxAside = 0;
        gate.release();
        while (!fs.back().isFinished()) {
            maxAside = std::max(maxAside, Handoff::setAside());
            QThread::yieldCurrentThread();
        }
        QVERIFY2(maxAside > 0, "the writer set nothing aside");
        QVERIFY(maxAside <= Handoff::kMaxSetAside);
        QTRY_COMPARE(Handoff::setAside(), 0);
        QVERIFY(await(held).ok());
        for (int i = 1; i <= kWrites; ++i) {
            auto r = await(fs[size_t(i - 1)]);
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            QCOMPARE(r.value().lastInsertRowId, qint64(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestHandoff)
#include "tst_handoff.moc"
