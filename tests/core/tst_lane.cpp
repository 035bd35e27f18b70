// The lane's close: every caller that asks for it learns when the lane is
// done, so that nothing destroys a lane whose close is still under way.

#include <core/lane.h>

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <mutex>
#include <vector>

using namespace Litehouse;

class TestLane : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<Lane> makeLane(QThreadPool *pool)
    {
        return std::make_unique<Lane>(pool,
                                      std::make_unique<Connection>(m_dir.filePath(QStringLiteral("lane.db")),
                                                                   Connection::Role::Writer),
                                      0, 100);
    }

    static Task task(std::function<void(Connection &)> run)
    {
        Task t;
        t.run = std::move(run);
        t.fail = [](const Error &) {};
        return t;
    }

private Q_SLOTS:
    void everyCloseCallbackRunsOnceAfterTheQueuedTasks()
    {
        QThreadPool pool;
        auto lane = makeLane(&pool);
        std::mutex m;
        std::vector<QString> events;
        auto log = [&](const QString &e) {
            std::lock_guard lock(m);
            events.push_back(e);
        };
        QSemaphore gate;
        std::atomic<bool> opened{false};
        QVERIFY(lane->post(task([&](Connection &c) {
                    opened = c.open(OpenOptions{}).ok();
                    gate.acquire(); // holds the lane while both closes are asked for
                    log(QStringLiteral("task"));
                }),
                false)
                    .ok());
        QSemaphore closed;
        std::atomic<bool> connectionOpenAtClose{true};
        lane->closeAfterQueued([&] {
            connectionOpenAtClose = lane->connection()->isOpen();
            log(QStringLiteral("first"));
            closed.release();
        });
        // A second close while the first is pending: its callback is kept too.
        lane->closeAfterQueued([&] {
            log(QStringLiteral("second"));
            closed.release();
        });
        // A closing lane takes no more work.
        const auto refused = lane->post(task([&](Connection &) { log(QStringLiteral("late")); }), false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Error::Kind::Closed);
        gate.release();
        QVERIFY(closed.tryAcquire(2, 5000));
        pool.waitForDone();
        QVERIFY(opened);
        std::lock_guard lock(m); // also what orders the callbacks' writes before these reads
        QCOMPARE(events, (std::vector<QString>{QStringLiteral("task"), QStringLiteral("first"), QStringLiteral("second")}));
        QVERIFY(!connectionOpenAtClose);
    }

    void closeOfAClosedLaneRunsAtOnceOnTheCaller()
    {
        QThreadPool pool;
        auto lane = makeLane(&pool);
        QSemaphore closed;
        lane->closeAfterQueued([&] { closed.release(); });
        QVERIFY(closed.tryAcquire(1, 5000));
        pool.waitForDone();
        QThread *ranOn = nullptr;
        lane->closeAfterQueued([&] { ranOn = QThread::currentThread(); });
        QCOMPARE(ranOn, QThread::currentThread());
    }
};

QTEST_GUILESS_MAIN(TestLane)
#include "tst_lane.moc"
