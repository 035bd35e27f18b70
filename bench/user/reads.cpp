// Point reads (the GUI path, pipelined), the retained scan, bulk inserts.

#include "common.h"

namespace bench {

// ---- floor: what one event-loop turn and one round trip to a pool thread cost ----

void benchFloor()
{
    const int n = 20000;
    QObject ctx;
    {
        QEventLoop loop;
        int i = 0;
        std::function<void()> step = [&] {
            if (++i == n)
                loop.quit();
            else
                QMetaObject::invokeMethod(&ctx, step, Qt::QueuedConnection);
        };
        QElapsedTimer t;
        t.start();
        QMetaObject::invokeMethod(&ctx, step, Qt::QueuedConnection);
        loop.exec();
        const double sec = t.nsecsElapsed() / 1e9 / n;
        record({QStringLiteral("floor"), QStringLiteral("event-loop turn"), sec, -1, -1,
                QStringLiteral("%1 us a turn").arg(sec * 1e6, 0, 'f', 2)});
    }
    {
        QEventLoop loop;
        int i = 0;
        std::function<void()> step = [&] {
            if (++i == n) {
                loop.quit();
                return;
            }
            QThreadPool::globalInstance()->start([&] { QMetaObject::invokeMethod(&ctx, step, Qt::QueuedConnection); });
        };
        QElapsedTimer t;
        t.start();
        step();
        loop.exec();
        const double sec = t.nsecsElapsed() / 1e9 / n;
        record({QStringLiteral("floor"), QStringLiteral("pool round trip"), sec, -1, -1,
                QStringLiteral("%1 us a trip: UI thread to a pool thread and back").arg(sec * 1e6, 0, 'f', 2)});
    }
}

// ---- point reads ----

double rawPoints(const QString &path, const std::vector<qint64> &ids)
{
    sqlite3 *db = rawOpen(path, SQLITE_OPEN_READONLY);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, name, value, payload FROM t WHERE id = ?", -1, &s, nullptr);
    std::vector<Row> out;
    out.reserve(ids.size());
    QElapsedTimer t;
    t.start();
    for (qint64 id : ids) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            out.push_back(rowOf(s));
        sqlite3_reset(s);
    }
    const double sec = t.nsecsElapsed() / 1e9;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return sec;
}

#ifdef LITEHOUSE_BENCH_QSQLITE
double qtPoints(const QString &path, const std::vector<qint64> &ids)
{
    auto db = qtOpen(path);
    QElapsedTimer t;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?"));
        std::vector<QVariantList> out;
        out.reserve(ids.size());
        t.start();
        for (qint64 id : ids) {
            q.bindValue(0, id);
            q.exec();
            if (q.next())
                out.push_back({q.value(0), q.value(1), q.value(2), q.value(3)});
        }
    }
    const double sec = t.nsecsElapsed() / 1e9;
    qtClose(db);
    return sec;
}
#endif

const QString kPointSql = QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?");

// How the workbench sends a read: routed by its text, so to the readers.
ExecOptions readOptions()
{
    ExecOptions o;
    o.route = Route::Auto;
    return o;
}

// The workbench's path: each result reaches the UI thread on a running event
// loop (a QFutureWatcher for the naive task, whenDone() for Litehouse).
// Sequential: the next query goes out when the last result arrived.
// Pipelined: all go out first, as when a view asks for many things at once.
void benchGui(Manager &m, const QString &path)
{
    const QString db = openLitehouse(m, path);
    const int seqN = qMax(1, g_points / 5);
    auto ids = randomIds(g_points, g_rows);
    std::vector<qint64> seqIds(ids.begin(), ids.begin() + seqN);
    QObject ctx;
    const double rawSeq = rawPoints(path, seqIds);
    record({QStringLiteral("gui-seq"), QStringLiteral("raw"), rawSeq, -1, -1, QStringLiteral("%1 reads, direct").arg(seqN)});
    auto seq = [&](const char *impl, const std::function<void(qint64, std::function<void()>)> &submit) {
        QEventLoop loop;
        size_t i = 0;
        std::function<void()> next = [&] {
            if (i == seqIds.size()) {
                loop.quit();
                return;
            }
            submit(seqIds[i++], next);
        };
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        QTimer::singleShot(0, &ctx, next);
        loop.exec();
        record({QStringLiteral("gui-seq"), QLatin1String(impl), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                QStringLiteral("%1 reads").arg(seqN)});
    };
    seq("naive task", [&](qint64 id, std::function<void()> done) {
        auto *w = new QFutureWatcher<Row>(&ctx);
        QObject::connect(w, &QFutureWatcher<Row>::finished, &ctx, [w, done] {
            Row r = w->result();
            w->deleteLater();
            done();
        });
        w->setFuture(QtConcurrent::run([path, id] { return naivePoint(path, id); }));
    });
    seq("litehouse", [&](qint64 id, std::function<void()> done) {
        whenDone(&ctx, m.execute(db, kPointSql, {Value(id)}, readOptions()), [done](Outcome<StatementResult> r) {
            if (!r || r.value().rows.rowCount() != 1)
                qFatal("point read failed");
            done();
        });
    });

    const double raw = rawPoints(path, ids);
    record({QStringLiteral("gui-pipe"), QStringLiteral("raw"), raw, -1, -1, QStringLiteral("%1 reads, direct").arg(ids.size())});
    auto pipe = [&](const char *impl, const std::function<void(qint64, std::function<void()>)> &submit) {
        QEventLoop loop;
        size_t got = 0;
        std::function<void()> done = [&] {
            if (++got == ids.size())
                loop.quit();
        };
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        // A thousand requests an event-loop turn, as a view that asks for
        // many things at once (and so that the stall measures delivery).
        size_t sent = 0;
        std::function<void()> send = [&] {
            for (size_t end = qMin(ids.size(), sent + 1000); sent < end; ++sent)
                submit(ids[sent], done);
            if (sent < ids.size())
                QTimer::singleShot(0, &ctx, send);
        };
        QTimer::singleShot(0, &ctx, send);
        loop.exec();
        record({QStringLiteral("gui-pipe"), QLatin1String(impl), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("%1 reads").arg(ids.size())});
    };
    pipe("naive task", [&](qint64 id, std::function<void()> done) {
        auto *w = new QFutureWatcher<Row>(&ctx);
        QObject::connect(w, &QFutureWatcher<Row>::finished, &ctx, [w, done] {
            Row r = w->result();
            w->deleteLater();
            done();
        });
        w->setFuture(QtConcurrent::run([path, id] { return naivePoint(path, id); }));
    });
    pipe("litehouse", [&](qint64 id, std::function<void()> done) {
        whenDone(&ctx, m.execute(db, kPointSql, {Value(id)}, readOptions()), [done](Outcome<StatementResult> r) {
            if (!r || r.value().rows.rowCount() != 1)
                qFatal("point read failed");
            done();
        });
    });
    await(m.close(db));
}

// Pipelined and awaited (off the UI thread: the CLI, scripts): all submitted
// first, then each result taken in order.
void benchPipe(Manager &m, const QString &path)
{
    const QString db = openLitehouse(m, path);
    auto ids = randomIds(g_points, g_rows);
    record({QStringLiteral("pipe"), QStringLiteral("raw"), rawPoints(path, ids), -1, -1, {}});
#ifdef LITEHOUSE_BENCH_QSQLITE
    record({QStringLiteral("pipe"), QStringLiteral("QSQLITE"), qtPoints(path, ids), -1, -1, QStringLiteral("one by one")});
#endif
    {
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        std::vector<QFuture<Row>> fs;
        fs.reserve(ids.size());
        for (qint64 id : ids)
            fs.push_back(QtConcurrent::run([path, id] { return naivePoint(path, id); }));
        for (auto &f : fs)
            f.waitForFinished();
        const double sec = t.nsecsElapsed() / 1e9;
        record({QStringLiteral("pipe"), QStringLiteral("naive task"), sec, rss.mb(), -1, {}});
    }
    {
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        std::vector<QFuture<Outcome<StatementResult>>> fs;
        fs.reserve(ids.size());
        for (qint64 id : ids)
            fs.push_back(m.execute(db, kPointSql, {Value(id)}, readOptions()));
        const double submitted = t.nsecsElapsed() / 1e9;
        for (auto &f : fs)
            if (auto r = await(std::move(f)); !r)
                qFatal("point read failed");
        const double sec = t.nsecsElapsed() / 1e9;
        record({QStringLiteral("pipe"), QStringLiteral("litehouse"), sec, rss.mb(), -1,
                QStringLiteral("all submitted after %1 s").arg(submitted, 0, 'f', 3)});
    }
    await(m.close(db));
}

// ---- retained scan: every row of 1M kept in memory ----

void benchScan(Manager &m, const QString &path)
{
    const QString db = openLitehouse(m, path);
    std::vector<double> raw, qt, lh;
    std::vector<double> rawMb, qtMb, lhMb;
    for (int run = 0; run < g_runs; ++run) {
        {
            PeakRss rss;
            sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
            QElapsedTimer t;
            t.start();
            sqlite3_stmt *s = nullptr;
            std::vector<Row> out;
            sqlite3_prepare_v2(c, "SELECT id, name, value, payload FROM t", -1, &s, nullptr);
            while (sqlite3_step(s) == SQLITE_ROW)
                out.push_back(rowOf(s));
            sqlite3_finalize(s);
            raw.push_back(t.nsecsElapsed() / 1e9);
            rawMb.push_back(rss.mb());
            sqlite3_close(c);
        }
#ifdef LITEHOUSE_BENCH_QSQLITE
        {
            PeakRss rss;
            auto c = qtOpen(path);
            QElapsedTimer t;
            t.start();
            {
                QSqlQuery q(c);
                q.setForwardOnly(true);
                q.exec(QStringLiteral("SELECT id, name, value, payload FROM t"));
                std::vector<QVariantList> out;
                while (q.next())
                    out.push_back({q.value(0), q.value(1), q.value(2), q.value(3)});
                qt.push_back(t.nsecsElapsed() / 1e9);
                qtMb.push_back(rss.mb());
            }
            qtClose(c);
        }
#endif
        {
            PeakRss rss;
            QElapsedTimer t;
            t.start();
            auto r = await(m.execute(db, QStringLiteral("SELECT id, name, value, payload FROM t")));
            if (!r || r.value().rows.rowCount() != g_rows)
                qFatal("scan failed");
            lh.push_back(t.nsecsElapsed() / 1e9);
            lhMb.push_back(rss.mb());
        }
    }
    const QString note = QStringLiteral("median of %1").arg(g_runs);
    record({QStringLiteral("scan"), QStringLiteral("raw"), median(raw), median(rawMb), -1, note});
#ifdef LITEHOUSE_BENCH_QSQLITE
    record({QStringLiteral("scan"), QStringLiteral("QSQLITE"), median(qt), median(qtMb), -1, note});
#endif
    record({QStringLiteral("scan"), QStringLiteral("litehouse"), median(lh), median(lhMb), -1, note});
    await(m.close(db));
}

// ---- 1M inserts in one transaction ----

void benchInsert(Manager &m)
{
    const char *create = "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB)";
    {
        const QString p = freshPath("raw");
        sqlite3 *db = rawOpen(p);
        exec(db, create);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        exec(db, "BEGIN");
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?, ?, ?)", -1, &s, nullptr);
        for (qint64 i = 1; i <= g_rows; ++i) {
            const QByteArray n = nameFor(i), pl = payloadFor(i);
            sqlite3_bind_int64(s, 1, i);
            sqlite3_bind_text(s, 2, n.constData(), int(n.size()), SQLITE_TRANSIENT);
            sqlite3_bind_double(s, 3, double(i) * 0.5);
            sqlite3_bind_blob(s, 4, pl.constData(), int(pl.size()), SQLITE_TRANSIENT);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        exec(db, "COMMIT");
        record({QStringLiteral("insert"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, rss.mb(), -1, {}});
        sqlite3_close(db);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        const QString p = freshPath("qt");
        auto db = qtOpen(p);
        QSqlQuery(db).exec(QString::fromLatin1(create));
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        db.transaction();
        {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"));
            for (qint64 i = 1; i <= g_rows; ++i) {
                q.bindValue(0, i);
                q.bindValue(1, QString::fromLatin1(nameFor(i)));
                q.bindValue(2, double(i) * 0.5);
                q.bindValue(3, payloadFor(i));
                q.exec();
            }
        }
        db.commit();
        record({QStringLiteral("insert"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, rss.mb(), -1, {}});
        qtClose(db);
    }
#endif
    {
        const QString p = freshPath("lh");
        const QString db = openLitehouse(m, p);
        await(m.execute(db, QString::fromLatin1(create)));
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        auto b = m.batch(db, QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"));
        for (qint64 i = 1; i <= g_rows; ++i) {
            if (auto r = b->add({Value(i), Value::text(nameFor(i)), Value(double(i) * 0.5), Value::blob(payloadFor(i))}); !r)
                qFatal("batch: %s", qPrintable(r.error().message()));
        }
        auto r = await(b->finish());
        if (!r || r.value() != g_rows)
            qFatal("batch failed");
        record({QStringLiteral("insert"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("Batch, 1000 rows a chunk")});
        b.reset();
        await(m.close(db));
    }
}

} // namespace bench
