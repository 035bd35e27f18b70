// The small-object pool (core/pool.h): a block is never handed out twice
// while in use, blocks freed on one thread serve allocations on another, and
// a thread that ends gives its blocks back. Under AddressSanitizer the pool
// steps aside, and the tests check that instead.

#include <core/outcome.h>
#include <core/pool.h>

#include <QTest>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace Litehouse;
using namespace Litehouse::detail;

class TestPool : public QObject
{
    Q_OBJECT

private slots:
    void freedBlockIsHandedOutAgain()
    {
        const PoolCounts before = poolCounts();
        void *a = poolAllocate(100);
        std::memset(a, 0x5a, 100);
        poolFree(a, 100);
        void *b = poolAllocate(100);
        const PoolCounts after = poolCounts();
        if (poolBypassed()) {
            QCOMPARE(after.reused, before.reused);
        } else {
            QCOMPARE(b, a);
            QVERIFY(after.reused > before.reused);
        }
        poolFree(b, 100);
    }

    void sizesDoNotMix()
    {
        // A freed 128-byte block must not serve a 1024-byte request.
        void *small = poolAllocate(128);
        poolFree(small, 128);
        void *big = poolAllocate(1000);
        QVERIFY(big != small);
        std::memset(big, 0x11, 1000); // the whole size is usable
        void *again = poolAllocate(120);
        if (!poolBypassed())
            QCOMPARE(again, small);
        poolFree(again, 120);
        poolFree(big, 1000);
    }

    void largeBlocksBypassThePool()
    {
        const PoolCounts before = poolCounts();
        void *p = poolAllocate(4096);
        std::memset(p, 0x22, 4096);
        poolFree(p, 4096);
        const PoolCounts after = poolCounts();
        QCOMPARE(after.fromSystem, before.fromSystem);
        QCOMPARE(after.reused, before.reused);
    }

    void outcomeCopiesComeFromThePool()
    {
        // QFuture stores its result with `new T`: Outcome routes that here.
        auto *o = new Outcome<QString>(QStringLiteral("kept"));
        QCOMPARE(o->value(), QStringLiteral("kept"));
        delete o;
        const PoolCounts before = poolCounts();
        auto *p = new Outcome<QString>(Error(Error::Kind::Closed, QStringLiteral("gone")));
        QCOMPARE(p->error().message(), QStringLiteral("gone"));
        const PoolCounts after = poolCounts();
        if (poolBypassed()) {
            QCOMPARE(after.reused, before.reused);
            QCOMPARE(after.fromSystem, before.fromSystem + 1);
        } else {
            QCOMPARE(static_cast<void *>(p), static_cast<void *>(o));
            QCOMPARE(after.reused, before.reused + 1);
        }
        delete p;
    }

    void producerAndConsumerOnTwoThreads()
    {
        // One thread allocates and tags blocks, another checks the tags and
        // frees them, as a caller and a connection's thread do. A block handed
        // out twice while in use would have its tag overwritten before the
        // consumer reads it.
        constexpr int kBlocks = 200000;
        constexpr std::size_t kSizes[] = {48, 200, 700};
        std::mutex mutex;
        std::condition_variable ready;
        std::deque<std::pair<void *, int>> queue;
        bool done = false;
        int bad = 0;
        const PoolCounts before = poolCounts();

        std::thread consumer([&] {
            int expected = 0;
            for (;;) {
                std::deque<std::pair<void *, int>> batch;
                {
                    std::unique_lock lock(mutex);
                    ready.wait(lock, [&] { return !queue.empty() || done; });
                    if (queue.empty() && done)
                        return;
                    batch.swap(queue);
                }
                for (auto [p, i] : batch) {
                    int tag = -1;
                    std::memcpy(&tag, p, sizeof tag);
                    const auto size = kSizes[std::size_t(i) % std::size(kSizes)];
                    const unsigned char last = static_cast<unsigned char *>(p)[size - 1];
                    if (tag != i || i != expected || last != static_cast<unsigned char>(i))
                        ++bad;
                    ++expected;
                    poolFree(p, size);
                }
            }
        });
        std::thread producer([&] {
            for (int i = 0; i < kBlocks; ++i) {
                const auto size = kSizes[std::size_t(i) % std::size(kSizes)];
                void *p = poolAllocate(size);
                std::memcpy(p, &i, sizeof i);
                static_cast<unsigned char *>(p)[size - 1] = static_cast<unsigned char>(i);
                std::lock_guard lock(mutex);
                queue.emplace_back(p, i);
                ready.notify_one();
            }
            std::lock_guard lock(mutex);
            done = true;
            ready.notify_one();
        });
        producer.join();
        consumer.join();

        QCOMPARE(bad, 0);
        const PoolCounts after = poolCounts();
        if (poolBypassed()) {
            QCOMPARE(after.reused, before.reused);
        } else {
            // The consumer's frees came back to the producer through the shared store.
            QVERIFY2(after.reused - before.reused > kBlocks / 2,
                     qPrintable(QStringLiteral("reused %1 of %2").arg(after.reused - before.reused).arg(kBlocks)));
            QVERIFY(after.fromSystem - before.fromSystem < kBlocks / 2);
        }
    }

    void endingThreadGivesItsBlocksBack()
    {
        // A thread keeps what it frees; when it ends, the blocks go to the
        // shared store, where a new thread finds them.
        constexpr std::size_t kSize = 300;
        constexpr int kCount = 40;
        std::set<void *> freedByFirst;
        std::thread first([&] {
            std::vector<void *> mine;
            for (int i = 0; i < kCount; ++i)
                mine.push_back(poolAllocate(kSize));
            for (void *p : mine) {
                freedByFirst.insert(p);
                poolFree(p, kSize);
            }
        });
        first.join();
        const PoolCounts before = poolCounts();
        int found = 0;
        std::thread second([&] {
            std::vector<void *> mine;
            for (int i = 0; i < kCount; ++i)
                mine.push_back(poolAllocate(kSize));
            for (void *p : mine) {
                found += int(freedByFirst.count(p));
                poolFree(p, kSize);
            }
        });
        second.join();
        if (poolBypassed())
            QCOMPARE(poolCounts().reused, before.reused);
        else
            QVERIFY2(found >= kCount / 2, qPrintable(QStringLiteral("%1 of %2 found again").arg(found).arg(kCount)));
    }
};

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
