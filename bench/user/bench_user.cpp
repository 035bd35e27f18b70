// What users feel, side by side in one run: the raw SQLite C API, Qt's
// QSQLITE driver, a naive QtConcurrent task and Litehouse (the core, and the
// workbench's own grid, export and schema tree). Not a test; `make bench`
// runs it. See docs/benchmarks.md for the figures and how to read them.
//
//   litehouse-bench-user [--only a,b,...] [--points N] [--rows N] [--big N] [--runs N]
//
// Workloads (names for --only): floor, gui, pipe, scan, insert, first, scroll,
// export, schema. The databases (--rows and --big rows, the big one about
// 1 GB at 10M rows) are made once and kept in ~/.cache/litehouse/bench.
// Runs offscreen (QT_QPA_PLATFORM=offscreen unless set).

#include <core/batch.h>
#include <core/manager.h>
#include <core/querystream.h>
#include <results/resultmodel.h>
#include <results/resultview.h>
#include <schema/schemamodel.h>
#include <util/futures.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent>

#ifdef LITEHOUSE_BENCH_QSQLITE
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#endif

#include <sqlite3.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace Litehouse;

namespace {

int g_points = 100000;
int g_rows = 1000000;
qint64 g_big = 10000000;
int g_runs = 3;
QStringList g_only;
QString g_cache;
QString g_tmp;

bool wanted(const char *w) { return g_only.isEmpty() || g_only.contains(QLatin1String(w)); }

// ---- measuring ----

qint64 statusKiB(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(strlen(key))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Peak resident memory of one workload, above what the process held when it
// started: the kernel's high-water mark is reset to the current RSS first.
class PeakRss
{
public:
    PeakRss()
    {
        malloc_trim(0);
        QFile f(QStringLiteral("/proc/self/clear_refs"));
        if (f.open(QIODevice::WriteOnly))
            f.write("5");
        m_base = statusKiB("VmRSS:");
    }
    double mb() const { return double(statusKiB("VmHWM:") - m_base) / 1024.0; }
    /// The peak itself, everything the process held included.
    static double absoluteMb() { return double(statusKiB("VmHWM:")) / 1024.0; }

private:
    qint64 m_base;
};

// Longest gap between two turns of the UI thread's event loop, sampled by a
// 0 ms timer.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_max = qMax(m_max, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    double ms() const { return double(qMax(m_max, m_clock.nsecsElapsed() - m_last)) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

struct Fig
{
    QString workload;
    QString impl;
    double sec = 0;
    double rssMb = -1;
    double stallMs = -1;
    QString note;
    double peakMb = -1;
};
std::vector<Fig> g_figs;

void record(Fig f)
{
    printf("  %-10s %-22s %10.4f s", qPrintable(f.workload), qPrintable(f.impl), f.sec);
    if (f.rssMb >= 0) {
        f.peakMb = PeakRss::absoluteMb();
        printf("  peak +%7.1f MB (%6.1f MB in all)", f.rssMb, f.peakMb);
    }
    if (f.stallMs >= 0)
        printf("  stall %7.1f ms", f.stallMs);
    if (!f.note.isEmpty())
        printf("  (%s)", qPrintable(f.note));
    printf("\n");
    fflush(stdout);
    g_figs.push_back(std::move(f));
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template<typename P>
void pump(P done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

// ---- data ----

struct Row
{
    qint64 id = 0;
    std::string name;
    double value = 0;
    std::string payload;
};

Row rowOf(sqlite3_stmt *s)
{
    return {sqlite3_column_int64(s, 0), reinterpret_cast<const char *>(sqlite3_column_text(s, 1)),
            sqlite3_column_double(s, 2),
            std::string(static_cast<const char *>(sqlite3_column_blob(s, 3)), size_t(sqlite3_column_bytes(s, 3)))};
}

QByteArray nameFor(qint64 i) { return QByteArray("name-").append(QByteArray::number(i)).leftJustified(50, 'x'); }
QByteArray payloadFor(qint64 i) { return QByteArray(32, char('a' + i % 26)); }

sqlite3 *rawOpen(const QString &p, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(p.toUtf8().constData(), &db, flags, nullptr);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
    return db;
}

void exec(sqlite3 *db, const char *sql) { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

// A database of `rows` rows of t(id, name, value, payload), made once. The
// big one also has 200 more tables with indexes, views and triggers, so that
// its schema tree has something to show.
QString cachedDatabase(qint64 rows, bool withSchema)
{
    const QString path = QStringLiteral("%1/t-%2%3.db").arg(g_cache).arg(rows).arg(withSchema ? "-schema" : "");
    if (QFile::exists(path))
        return path;
    fprintf(stderr, "making %s (once)...\n", qPrintable(path));
    const QString tmp = path + QStringLiteral(".tmp");
    QFile::remove(tmp);
    sqlite3 *db = rawOpen(tmp);
    exec(db, "PRAGMA synchronous=OFF");
    exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB)");
    const QByteArray fill = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < " + QByteArray::number(rows)
        + ") INSERT INTO t SELECT x, printf('name-%d-%s', x, hex(randomblob(20))), x * 0.5, randomblob(32) FROM c";
    exec(db, "BEGIN");
    exec(db, fill.constData());
    if (withSchema) {
        for (int i = 0; i < 200; ++i) {
            exec(db, QStringLiteral("CREATE TABLE s%1(id INTEGER PRIMARY KEY, a TEXT NOT NULL, b REAL, c BLOB, "
                                    "d INTEGER REFERENCES s%2(id), e TEXT DEFAULT 'x'); CREATE INDEX s%1_a ON s%1(a);")
                         .arg(i)
                         .arg(qMax(0, i - 1))
                         .toUtf8()
                         .constData());
            if (i % 10 == 0)
                exec(db, QStringLiteral("CREATE VIEW v%1 AS SELECT id, a FROM s%1 WHERE b > 0; CREATE TRIGGER tr%1 AFTER "
                                        "INSERT ON s%1 BEGIN UPDATE s%1 SET e = 'y' WHERE id = new.id; END;")
                             .arg(i)
                             .toUtf8()
                             .constData());
        }
    }
    exec(db, "COMMIT");
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    QFile::rename(tmp, path);
    return path;
}

QString freshPath(const char *tag)
{
    static int n = 0;
    const QString p = QStringLiteral("%1/%2-%3.db").arg(g_tmp).arg(QLatin1String(tag)).arg(++n);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(p + QLatin1String(suffix));
    return p;
}

std::vector<qint64> randomIds(int n, qint64 max)
{
    std::vector<qint64> ids(static_cast<size_t>(n));
    quint64 x = 42;
    for (auto &id : ids) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        id = 1 + qint64((x >> 33) % quint64(max));
    }
    return ids;
}

QString openLitehouse(Manager &m, const QString &path)
{
    auto r = await(m.open(path));
    if (!r)
        qFatal("open %s: %s", qPrintable(path), qPrintable(r.error().message()));
    return r.value().path;
}

// ---- the naive task: QtConcurrent::run and a connection per pool thread ----

struct NaiveConn
{
    QString path;
    sqlite3 *db = nullptr;
    sqlite3_stmt *point = nullptr;
    ~NaiveConn()
    {
        sqlite3_finalize(point);
        sqlite3_close(db);
    }
};

Row naivePoint(const QString &path, qint64 id)
{
    thread_local NaiveConn c;
    if (c.path != path) {
        sqlite3_finalize(c.point);
        sqlite3_close(c.db);
        c.path = path;
        c.db = rawOpen(path, SQLITE_OPEN_READONLY);
        sqlite3_prepare_v2(c.db, "SELECT id, name, value, payload FROM t WHERE id = ?", -1, &c.point, nullptr);
    }
    sqlite3_bind_int64(c.point, 1, id);
    Row r;
    if (sqlite3_step(c.point) == SQLITE_ROW)
        r = rowOf(c.point);
    sqlite3_reset(c.point);
    return r;
}

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
QSqlDatabase qtOpen(const QString &p)
{
    static int n = 0;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("b%1").arg(++n));
    db.setDatabaseName(p);
    db.open();
    QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return db;
}

void qtClose(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

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
        for (auto &f : fs)
            if (auto r = await(std::move(f)); !r)
                qFatal("point read failed");
        const double sec = t.nsecsElapsed() / 1e9;
        record({QStringLiteral("pipe"), QStringLiteral("litehouse"), sec, rss.mb(), -1, {}});
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

// ---- the 10M-row result: first rows, scrolling to the end, export ----

const QString kBigSql = QStringLiteral("SELECT * FROM t");

void benchFirst(Manager &m, const QString &path)
{
    const int first = 500; // a screenful and then some, as ResultModel's first chunk
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        std::vector<Row> out;
        while (int(out.size()) < first && sqlite3_step(s) == SQLITE_ROW)
            out.push_back(rowOf(s));
        record({QStringLiteral("first"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 rows").arg(first)});
        sqlite3_finalize(s);
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        auto c = qtOpen(path);
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        {
            QSqlQueryModel model;
            QTableView view;
            view.resize(1000, 700);
            view.setModel(&model);
            view.show();
            model.setQuery(kBigSql, c); // on the UI thread: QSqlQueryModel has no other way
            QCoreApplication::processEvents();
            record({QStringLiteral("first"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                    QStringLiteral("QSqlQueryModel in a QTableView, %1 rows").arg(model.rowCount())});
        }
        qtClose(c);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        ExecOptions onReader;
        onReader.route = Route::Reader;
        await(m.execute(db, QStringLiteral("SELECT 1"), {}, onReader)); // a reader is open
        ResultModel model;
        ResultView view(&model);
        view.resize(1000, 700);
        view.show();
        QCoreApplication::processEvents();
        model.setQuery(&m, db, kBigSql);
        bool shown = false;
        QObject::connect(&model, &ResultModel::rowsFetched, &model, [&] { shown = true; });
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        whenDone(&model, m.stream(db, kBigSql), [&](Outcome<std::shared_ptr<QueryStream>> s) {
            if (!s)
                qFatal("stream: %s", qPrintable(s.error().message()));
            model.setStream(s.value());
        });
        pump([&] { return shown; });
        record({QStringLiteral("first"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                QStringLiteral("ResultModel in a ResultView, %1 rows").arg(model.rowCount())});
        model.clear();
        await(m.close(db));
    }
}

void benchScroll(Manager &m, const QString &path)
{
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        qint64 n = 0, bytes = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            ++n;
            bytes += sqlite3_column_bytes(s, 1) + sqlite3_column_bytes(s, 3) + sqlite3_column_int64(s, 0) % 2;
        }
        sqlite3_finalize(s);
        record({QStringLiteral("scroll"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("every row stepped, %1 rows (%2 MB read)").arg(n).arg(bytes >> 20)});
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        // QSqlQueryModel keeps every row it fetched: stopped after 20 s.
        auto c = qtOpen(path);
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        qint64 rows = 0;
        {
            QSqlQueryModel model;
            QTableView view;
            view.resize(1000, 700);
            view.setModel(&model);
            view.show();
            model.setQuery(kBigSql, c);
            while (model.canFetchMore() && t.elapsed() < 20000) {
                model.fetchMore();
                view.scrollToBottom();
                QCoreApplication::processEvents();
            }
            rows = model.rowCount();
        }
        record({QStringLiteral("scroll"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("QSqlQueryModel, %1 rows%2").arg(rows).arg(rows < g_big ? ", stopped at 20 s" : "")});
        qtClose(c);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        ResultModel model;
        ResultView view(&model);
        view.resize(1000, 700);
        view.show();
        model.setQuery(&m, db, kBigSql);
        auto s = await(m.stream(db, kBigSql));
        if (!s)
            qFatal("stream: %s", qPrintable(s.error().message()));
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        model.setStream(s.value());
        // What a user does holding End: the view at the bottom; it asks for
        // more whenever it can.
        while (!model.atEnd() || model.isFetching()) {
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
            if (model.canFetchMore({}))
                model.fetchMore({});
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        record({QStringLiteral("scroll"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("ResultView, %1 rows, %2 cached").arg(model.rowCount()).arg(model.cachedRows())});
        model.clear();
        await(m.close(db));
    }
}

void benchExport(Manager &m, const QString &path)
{
    const QString out = g_tmp + QStringLiteral("/export.csv");
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        FILE *f = fopen(out.toUtf8().constData(), "w");
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        fputs("id,name,value,payload\n", f);
        while (sqlite3_step(s) == SQLITE_ROW) {
            fprintf(f, "%lld,%s,%.17g,", sqlite3_column_int64(s, 0), sqlite3_column_text(s, 1), sqlite3_column_double(s, 2));
            const auto *b = static_cast<const unsigned char *>(sqlite3_column_blob(s, 3));
            for (int i = 0, n = sqlite3_column_bytes(s, 3); i < n; ++i)
                fprintf(f, "%02x", b[i]);
            fputc('\n', f);
        }
        sqlite3_finalize(s);
        fclose(f);
        record({QStringLiteral("export"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("%1 MB of CSV").arg(QFileInfo(out).size() >> 20)});
        sqlite3_close(c);
        QFile::remove(out);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        auto c = qtOpen(path);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        {
            QFile f(out);
            f.open(QIODevice::WriteOnly);
            QTextStream ts(&f);
            QSqlQuery q(c);
            q.setForwardOnly(true);
            q.exec(kBigSql);
            ts << "id,name,value,payload\n";
            while (q.next())
                ts << q.value(0).toLongLong() << ',' << q.value(1).toString() << ',' << q.value(2).toDouble() << ','
                   << q.value(3).toByteArray().toHex() << '\n';
        }
        record({QStringLiteral("export"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("forward-only QSqlQuery, QTextStream, on the calling thread")});
        qtClose(c);
        QFile::remove(out);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        QObject ctx;
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        bool done = false;
        qint64 rows = 0;
        whenDone(&ctx, exportQuery(&m, db, kBigSql, out, Format::Csv), [&](Outcome<qint64> r) {
            if (!r)
                qFatal("export: %s", qPrintable(r.error().message()));
            rows = r.value();
            done = true;
        });
        pump([&] { return done; });
        record({QStringLiteral("export"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("the grid's export, %1 rows, %2 MB").arg(rows).arg(QFileInfo(out).size() >> 20)});
        QFile::remove(out);
        await(m.close(db));
    }
}

// ---- opening the 1 GB database and showing its schema ----

void benchSchema(const QString &path)
{
    const qint64 mb = QFileInfo(path).size() >> 20;
    {
        QElapsedTimer t;
        t.start();
        sqlite3 *c = rawOpen(path);
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT name FROM sqlite_schema WHERE type IN ('table','view')", -1, &s, nullptr);
        QList<QByteArray> names;
        while (sqlite3_step(s) == SQLITE_ROW)
            names.append(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        int columns = 0;
        for (const QByteArray &n : names) {
            sqlite3_prepare_v2(c, "SELECT name, type FROM pragma_table_xinfo(?)", -1, &s, nullptr);
            sqlite3_bind_text(s, 1, n.constData(), int(n.size()), SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW)
                ++columns;
            sqlite3_finalize(s);
        }
        record({QStringLiteral("schema"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 MB, %2 tables and views, %3 columns").arg(mb).arg(names.size()).arg(columns)});
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        QElapsedTimer t;
        t.start();
        auto c = qtOpen(path);
        int columns = 0;
        const QStringList tables = c.tables(QSql::AllTables);
        for (const QString &n : tables)
            columns += c.record(n).count();
        record({QStringLiteral("schema"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 tables and views, %2 columns, on the calling thread").arg(tables.size()).arg(columns)});
        qtClose(c);
    }
#endif
    {
        // A manager of its own, as at start-up; the tree fills in when it is read.
        Manager m;
        SchemaModel model(&m);
        bool shown = false;
        QObject::connect(&model, &SchemaModel::refreshed, &model, [&] { shown = true; });
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        bool failed = false;
        whenDone(&model, m.open(path), [&](Outcome<DatabaseInfo> r) { failed = !r; });
        pump([&] { return shown || failed; });
        if (failed)
            qFatal("open failed");
        record({QStringLiteral("schema"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                QStringLiteral("open, then SchemaModel refreshed: %1 tables")
                    .arg(model.objectNames(m.resolve(path), SchemaModel::Kind::Table).size())});
    }
}

void summary()
{
    printf("\nRatios to raw (time; lower is better):\n");
    QString last;
    double raw = 0;
    for (const Fig &f : g_figs) {
        if (f.workload != last) {
            last = f.workload;
            raw = 0;
            for (const Fig &g : g_figs)
                if (g.workload == f.workload && g.impl == QLatin1String("raw"))
                    raw = g.sec;
        }
        if (raw > 0)
            printf("  %-10s %-22s %8.2fx\n", qPrintable(f.workload), qPrintable(f.impl), f.sec / raw);
    }
}

} // namespace

void quietFonts(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    // The offscreen platform has no shaping for some scripts: noise, once per script.
    if (type == QtWarningMsg && msg.startsWith(QLatin1String("OpenType support missing")))
        return;
    fprintf(stderr, "%s\n", qPrintable(msg));
    if (type == QtFatalMsg)
        abort();
}

int main(int argc, char **argv)
{
    qInstallMessageHandler(quietFonts);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--only"))
            g_only = args[i + 1].split(QLatin1Char(','));
        else if (a == QLatin1String("--points"))
            g_points = args[i + 1].toInt();
        else if (a == QLatin1String("--rows"))
            g_rows = args[i + 1].toInt();
        else if (a == QLatin1String("--big"))
            g_big = args[i + 1].toLongLong();
        else if (a == QLatin1String("--runs"))
            g_runs = qMax(1, args[i + 1].toInt());
    }
    g_points = qMin(g_points, g_rows);
    g_cache = QDir::homePath() + QStringLiteral("/.cache/litehouse/bench");
    QDir().mkpath(g_cache);
    QTemporaryDir tmp;
    g_tmp = tmp.path();
    printf("Litehouse user-facing benchmark: Qt %s, SQLite %s, %d cores; %d points, %d rows, %lld big rows\n", qVersion(),
           sqlite3_libversion(), QThread::idealThreadCount(), g_points, g_rows, g_big);
    fflush(stdout);
    Manager m;
    const bool wantsSmall = wanted("gui") || wanted("pipe") || wanted("scan");
    const bool wantsBig = wanted("first") || wanted("scroll") || wanted("export") || wanted("schema");
    const QString small = wantsSmall ? cachedDatabase(g_rows, false) : QString();
    const QString big = wantsBig ? cachedDatabase(g_big, true) : QString();
    if (wanted("floor"))
        benchFloor();
    if (wanted("gui"))
        benchGui(m, small);
    if (wanted("pipe"))
        benchPipe(m, small);
    if (wanted("scan"))
        benchScan(m, small);
    if (wanted("insert"))
        benchInsert(m);
    if (wanted("first"))
        benchFirst(m, big);
    if (wanted("scroll"))
        benchScroll(m, big);
    if (wanted("export"))
        benchExport(m, big);
    if (wanted("schema"))
        benchSchema(big);
    summary();
    return 0;
}
