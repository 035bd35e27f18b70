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
                                      100);
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

    // The queue is a ring buffer: tasks keep their order while it wraps
    // around and while it grows with its contents wrapped.
    void tasksRunInOrderWhileTheQueueWrapsAndGrows()
    {
        QThreadPool pool;
        auto lane = makeLane(&pool);
        std::mutex m;
        std::vector<int> ran;
        auto numbered = [&](int i) {
            return task([&, i](Connection &) {
                std::lock_guard lock(m);
                ran.push_back(i);
            });
        };
        QSemaphore gate1, gate2, firstDone;
        QVERIFY(lane->post(task([&](Connection &) { gate1.acquire(); }), false).ok());
        for (int i = 0; i < 12; ++i)
            QVERIFY(lane->post(numbered(i), false).ok());
        QVERIFY(lane->post(task([&](Connection &) {
                    firstDone.release();
                    gate2.acquire();
                }),
                false)
                    .ok());
        QVERIFY(lane->post(numbered(12), false).ok());
        QVERIFY(lane->post(numbered(13), false).ok());
        gate1.release();
        QVERIFY(firstDone.tryAcquire(1, 5000));
        // The first fourteen of sixteen slots are free again and the last two
        // hold 12 and 13: the next tasks wrap around to the front, and the
        // queue grows while they do.
        for (int i = 14; i < 90; ++i)
            QVERIFY(lane->post(numbered(i), false).ok());
        gate2.release();
        QSemaphore closed;
        lane->closeAfterQueued([&] { closed.release(); });
        QVERIFY(closed.tryAcquire(1, 5000));
        pool.waitForDone();
        std::lock_guard lock(m);
        std::vector<int> expected(90);
        for (int i = 0; i < 90; ++i)
            expected[size_t(i)] = i;
        QCOMPARE(ran, expected);
    }

    // While a session owns the lane only its tasks run, taken from the
    // middle of the queue; the others then run in the order they came.
    void anOwnedLaneRunsOnlyItsSessionsTasks()
    {
        QThreadPool pool;
        auto lane = makeLane(&pool);
        std::mutex m;
        QString ran;
        QSemaphore allRan;
        auto named = [&](char c, quint64 session, bool endSession) {
            Task t = task([&, c, endSession](Connection &) {
                if (endSession)
                    lane->setOwner(0);
                std::lock_guard lock(m);
                ran.append(QLatin1Char(c));
                allRan.release();
            });
            t.session = session;
            return t;
        };
        QSemaphore gate;
        QVERIFY(lane->post(task([&](Connection &) {
                    lane->setOwner(7);
                    gate.acquire();
                }),
                false)
                    .ok());
        QVERIFY(lane->post(named('a', 0, false), false).ok());
        QVERIFY(lane->post(named('b', 7, false), false).ok());
        QVERIFY(lane->post(named('c', 0, false), false).ok());
        QVERIFY(lane->post(named('d', 7, true), false).ok());
        QVERIFY(lane->post(named('e', 0, false), false).ok());
        gate.release();
        // Not closed before all ran: a close ends any session at once.
        QVERIFY(allRan.tryAcquire(5, 5000));
        QSemaphore closed;
        lane->closeAfterQueued([&] { closed.release(); });
        QVERIFY(closed.tryAcquire(1, 5000));
        pool.waitForDone();
        std::lock_guard lock(m);
        QCOMPARE(ran, QStringLiteral("bdace"));
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
