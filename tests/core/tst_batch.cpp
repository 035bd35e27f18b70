#include "testutil.h"

#include <core/batch.h>
#include <core/manager.h>

#include <QtTest>

#include <atomic>
#include <functional>
#include <future>
#include <thread>

using namespace Litehouse;

class TestBatch : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    // A producer faster than the writer is held back: with the writer busy,
    // add() stops at the row that would queue a fourth chunk, and goes on
    // (every row written) once the writer is free again.
    void addWaitsWhileThreeChunksAreQueued()
    {
        Manager m;
        const QString p = m_dir.filePath(QStringLiteral("batch.db"));
        QVERIFY(await(m.open(p)).ok());
        QVERIFY(await(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v)"))).ok());

        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::atomic<bool> holding{false};
        auto hold = m.withConnection<bool>(p, Route::Writer, [&](Connection &) -> Outcome<bool> {
            holding = true;
            released.wait();
            return true;
        });
        QTRY_VERIFY(holding.load());

        const int chunk = 10;
        std::atomic<int> added{0};
        auto b = m.batch(p, QStringLiteral("INSERT INTO t VALUES (?, ?)"), chunk);
        std::thread producer([&] {
            for (int i = 1; i <= 10 * chunk; ++i) {
                if (!b->add({Value(i), Value(i)}))
                    return;
                ++added;
            }
        });
        bool freed = false;
        const auto free = [&] {
            if (!std::exchange(freed, true))
                release.set_value();
            if (producer.joinable())
                producer.join();
        };
        struct Guard { std::function<void()> f; ~Guard() { f(); } } guard{free}; // on a failed check too
        // Three chunks queued, the fourth full and waiting to be queued.
        QTRY_COMPARE(added.load(), 4 * chunk - 1);
        free();
        QCOMPARE(added.load(), 10 * chunk);
        QVERIFY(await(std::move(hold)).ok());
        auto done = await(b->finish());
        QVERIFY2(done.ok(), qPrintable(done.error().message()));
        QCOMPARE(done.value(), qint64(10 * chunk));
        auto n = await(m.execute(p, QStringLiteral("SELECT count(*) FROM t")));
        QVERIFY(n.ok());
        QCOMPARE(n.value().rows.at(0, 0).toInt(), qint64(10 * chunk));
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
