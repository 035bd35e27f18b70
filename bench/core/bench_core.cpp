// Core benchmark: the same workloads on the raw SQLite C API, Qt's QSQLITE
// driver and the Litehouse core, side by side in one run. Not a test.
//
//   litehouse-bench-core [--runs N] [--scale F] [--only W2p[,W3...]] [--impl lh]
//                        [--checkpoints background|writer]
//
// Table t(id INTEGER PRIMARY KEY, name TEXT ~50 bytes, value REAL, payload
// BLOB 32 bytes); WAL, synchronous=NORMAL for all three.

#include <core/batch.h>
#include <core/manager.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QVariant>

#include <sqlite3.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace Litehouse;

namespace {

int g_rows = 1000000;
int g_points = 100000;
int g_txs = 10000;
QString g_dir;
bool g_backgroundCheckpoint = true; // --checkpoints

struct Row
{
    qint64 id;
    std::string name;
    double value;
    std::string payload;
};

QByteArray nameFor(qint64 i) { return QByteArray("name-").append(QByteArray::number(i)).leftJustified(50, 'x'); }
QByteArray payloadFor(qint64 i) { return QByteArray(32, char('a' + i % 26)); }

QString freshPath(const char *tag)
{
    static int n = 0;
    const QString p = QStringLiteral("%1/%2-%3.db").arg(g_dir).arg(QLatin1String(tag)).arg(++n);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(p + QLatin1String(suffix));
    return p;
}

// Deletes every database a run left behind. Their dirty pages would
// otherwise be written back by the kernel during a later run, stalling
// whichever implementation happens to be running then.
void dropFiles()
{
    QDir d(g_dir);
    for (const QString &f : d.entryList(QDir::Files))
        d.remove(f);
}

sqlite3 *rawOpen(const QString &p)
{
    sqlite3 *db = nullptr;
    sqlite3_open(p.toUtf8().constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
    return db;
}

void rawFill(sqlite3 *db, int rows)
{
    sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB)", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?, ?, ?)", -1, &s, nullptr);
    for (qint64 i = 1; i <= rows; ++i) {
        const QByteArray n = nameFor(i), p = payloadFor(i);
        sqlite3_bind_int64(s, 1, i);
        sqlite3_bind_text(s, 2, n.constData(), int(n.size()), SQLITE_TRANSIENT);
        sqlite3_bind_double(s, 3, double(i) * 0.5);
        sqlite3_bind_blob(s, 4, p.constData(), int(p.size()), SQLITE_TRANSIENT);
        sqlite3_step(s);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}

std::vector<qint64> randomIds(int n, int max)
{
    QRandomGenerator rng(42);
    std::vector<qint64> ids(static_cast<size_t>(n), 0);
    for (auto &id : ids)
        id = 1 + rng.bounded(max);
    return ids;
}

// ---- raw C API ----
double rawW1() { auto p = freshPath("raw"); sqlite3 *db = rawOpen(p); QElapsedTimer t; t.start(); rawFill(db, g_rows); double s = t.nsecsElapsed() / 1e9; sqlite3_close(db); return s; }

double rawPoints(bool)
{
    auto p = freshPath("raw"); sqlite3 *db = rawOpen(p); rawFill(db, g_points);
    auto ids = randomIds(g_points, g_points);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, name, value, payload FROM t WHERE id = ?", -1, &s, nullptr);
    std::vector<Row> out; out.reserve(ids.size());
    QElapsedTimer t; t.start();
    for (qint64 id : ids) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            out.push_back({sqlite3_column_int64(s, 0), reinterpret_cast<const char *>(sqlite3_column_text(s, 1)),
                           sqlite3_column_double(s, 2),
                           std::string(static_cast<const char *>(sqlite3_column_blob(s, 3)), size_t(sqlite3_column_bytes(s, 3)))});
        sqlite3_reset(s);
    }
    double sec = t.nsecsElapsed() / 1e9; sqlite3_finalize(s); sqlite3_close(db); return sec;
}

double rawW3()
{
    auto p = freshPath("raw"); sqlite3 *db = rawOpen(p); rawFill(db, g_rows);
    sqlite3_stmt *s = nullptr;
    std::vector<Row> out;
    QElapsedTimer t; t.start();
    sqlite3_prepare_v2(db, "SELECT id, name, value, payload FROM t", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
        out.push_back({sqlite3_column_int64(s, 0), reinterpret_cast<const char *>(sqlite3_column_text(s, 1)),
                       sqlite3_column_double(s, 2),
                       std::string(static_cast<const char *>(sqlite3_column_blob(s, 3)), size_t(sqlite3_column_bytes(s, 3)))});
    sqlite3_finalize(s);
    double sec = t.nsecsElapsed() / 1e9; sqlite3_close(db); return sec;
}

double rawTxs(bool)
{
    auto p = freshPath("raw"); sqlite3 *db = rawOpen(p); rawFill(db, 0);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t(name, value, payload) VALUES (?, ?, ?)", -1, &s, nullptr);
    QElapsedTimer t; t.start();
    for (int i = 0; i < g_txs; ++i) {
        const QByteArray n = nameFor(i), pl = payloadFor(i);
        sqlite3_bind_text(s, 1, n.constData(), int(n.size()), SQLITE_TRANSIENT);
        sqlite3_bind_double(s, 2, i * 0.5);
        sqlite3_bind_blob(s, 3, pl.constData(), int(pl.size()), SQLITE_TRANSIENT);
        sqlite3_step(s); sqlite3_reset(s);
    }
    double sec = t.nsecsElapsed() / 1e9; sqlite3_finalize(s); sqlite3_close(db); return sec;
}

// ---- QSQLITE ----
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
void qtClose(QSqlDatabase &db) { const QString name = db.connectionName(); db.close(); db = QSqlDatabase(); QSqlDatabase::removeDatabase(name); }

double qtW1()
{
    auto p = freshPath("qt"); auto db = qtOpen(p);
    QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB)"));
    QElapsedTimer t; t.start();
    db.transaction();
    { QSqlQuery q(db); q.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"));
      for (qint64 i = 1; i <= g_rows; ++i) {
          q.bindValue(0, i); q.bindValue(1, QString::fromLatin1(nameFor(i))); q.bindValue(2, double(i) * 0.5); q.bindValue(3, payloadFor(i));
          q.exec();
      } }
    db.commit();
    double s = t.nsecsElapsed() / 1e9; qtClose(db); return s;
}

double qtPoints(bool)
{
    auto p = freshPath("qt"); { sqlite3 *r = rawOpen(p); rawFill(r, g_points); sqlite3_close(r); }
    auto db = qtOpen(p); auto ids = randomIds(g_points, g_points);
    QElapsedTimer t; t.start();
    { QSqlQuery q(db); q.setForwardOnly(true); q.prepare(QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?"));
      std::vector<QVariantList> out; out.reserve(ids.size());
      for (qint64 id : ids) { q.bindValue(0, id); q.exec(); if (q.next()) out.push_back({q.value(0), q.value(1), q.value(2), q.value(3)}); } }
    double s = t.nsecsElapsed() / 1e9; qtClose(db); return s;
}

double qtW3()
{
    auto p = freshPath("qt"); { sqlite3 *r = rawOpen(p); rawFill(r, g_rows); sqlite3_close(r); }
    auto db = qtOpen(p);
    QElapsedTimer t; t.start();
    { QSqlQuery q(db); q.setForwardOnly(true); q.exec(QStringLiteral("SELECT id, name, value, payload FROM t"));
      std::vector<QVariantList> out; while (q.next()) out.push_back({q.value(0), q.value(1), q.value(2), q.value(3)}); }
    double s = t.nsecsElapsed() / 1e9; qtClose(db); return s;
}

double qtTxs(bool)
{
    auto p = freshPath("qt"); { sqlite3 *r = rawOpen(p); rawFill(r, 0); sqlite3_close(r); }
    auto db = qtOpen(p);
    QElapsedTimer t; t.start();
    { QSqlQuery q(db); q.prepare(QStringLiteral("INSERT INTO t(name, value, payload) VALUES (?, ?, ?)"));
      for (int i = 0; i < g_txs; ++i) { q.bindValue(0, QString::fromLatin1(nameFor(i))); q.bindValue(1, i * 0.5); q.bindValue(2, payloadFor(i)); q.exec(); } }
    double s = t.nsecsElapsed() / 1e9; qtClose(db); return s;
}

// ---- Litehouse ----
OpenOptions lhOptions()
{
    OpenOptions o;
    o.journalMode = JournalMode::Wal;
    o.synchronous = Synchronous::Normal;
    o.foreignKeys = false;
    o.maxQueuedTasks = 1 << 22;
    o.backgroundCheckpoint = g_backgroundCheckpoint;
    return o;
}

double lhW1()
{
    auto p = freshPath("lh"); Manager m; await(m.open(p, lhOptions()));
    await(m.execute(p, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, value REAL, payload BLOB)")));
    QElapsedTimer t; t.start();
    auto b = m.batch(p, QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"), 20000);
    for (qint64 i = 1; i <= g_rows; ++i)
        b->add({Value(i), Value::text(nameFor(i)), Value(double(i) * 0.5), Value::blob(payloadFor(i))});
    auto r = await(b->finish());
    double s = t.nsecsElapsed() / 1e9;
    if (!r || r.value() != g_rows) fprintf(stderr, "W1 failed\n");
    return s;
}

double lhPoints(bool parallel)
{
    auto p = freshPath("lh"); { sqlite3 *r = rawOpen(p); rawFill(r, g_points); sqlite3_close(r); }
    Manager m; await(m.open(p, lhOptions())); auto ids = randomIds(g_points, g_points);
    const QString sql = QStringLiteral("SELECT id, name, value, payload FROM t WHERE id = ?");
    ExecOptions o; o.route = Route::Auto; o.fetch = Fetch::one();
    // Warm the readers so the timed loop measures queries, not opens.
    for (int i = 0; i < 8; ++i) await(m.execute(p, sql, Params{Value(1)}, o));
    QElapsedTimer t; t.start();
    qint64 found = 0;
    if (parallel) {
        std::vector<QFuture<Outcome<StatementResult>>> fs; fs.reserve(ids.size());
        for (qint64 id : ids) fs.push_back(m.execute(p, sql, Params{Value(id)}, o));
        for (auto &f : fs) found += await(f).value().rows.rowCount();
    } else {
        for (qint64 id : ids) found += await(m.execute(p, sql, Params{Value(id)}, o)).value().rows.rowCount();
    }
    double s = t.nsecsElapsed() / 1e9;
    if (found != g_points) fprintf(stderr, "W2 found %lld\n", found);
    return s;
}

double lhW3()
{
    auto p = freshPath("lh"); { sqlite3 *r = rawOpen(p); rawFill(r, g_rows); sqlite3_close(r); }
    Manager m; await(m.open(p, lhOptions()));
    QElapsedTimer t; t.start();
    ExecOptions o; o.route = Route::Auto;
    auto r = await(m.execute(p, QStringLiteral("SELECT id, name, value, payload FROM t"), {}, o));
    double s = t.nsecsElapsed() / 1e9;
    if (!r || r.value().rows.rowCount() != g_rows) fprintf(stderr, "W3 failed\n");
    return s;
}

double lhTxs(bool parallel)
{
    auto p = freshPath("lh"); { sqlite3 *r = rawOpen(p); rawFill(r, 0); sqlite3_close(r); }
    Manager m; await(m.open(p, lhOptions()));
    const QString sql = QStringLiteral("INSERT INTO t(name, value, payload) VALUES (?, ?, ?)");
    QElapsedTimer t; t.start();
    if (parallel) {
        std::vector<QFuture<Outcome<StatementResult>>> fs; fs.reserve(size_t(g_txs));
        for (int i = 0; i < g_txs; ++i) fs.push_back(m.execute(p, sql, Params{Value::text(nameFor(i)), Value(i * 0.5), Value::blob(payloadFor(i))}));
        for (auto &f : fs) await(f);
    } else {
        for (int i = 0; i < g_txs; ++i) await(m.execute(p, sql, Params{Value::text(nameFor(i)), Value(i * 0.5), Value::blob(payloadFor(i))}));
    }
    return t.nsecsElapsed() / 1e9;
}

// What the spins cost when work comes in slowly: one statement every
// millisecond (a user clicking, a script that sleeps), each awaited; the CPU
// time of the whole process per statement, with everything Litehouse spins
// between statements included (the lane after each task, await() while it
// waits). write: single-row inserts (the writer), else point queries (a
// reader). Returns {raw, Litehouse} in microseconds of CPU per statement.
std::pair<double, double> sparseCpuMicros(bool write)
{
    const int n = 1000;
    auto p = freshPath("idle"); { sqlite3 *r = rawOpen(p); rawFill(r, 1000); sqlite3_close(r); }
    auto cpuUs = [] { rusage u{}; getrusage(RUSAGE_SELF, &u);
                      return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 + u.ru_utime.tv_usec + u.ru_stime.tv_usec; };
    const char *sql = write ? "INSERT INTO t(name, value, payload) VALUES ('sparse', ?, NULL)"
                            : "SELECT id, name, value, payload FROM t WHERE id = ?";
    double raw = 0, lh = 0;
    {
        sqlite3 *db = rawOpen(p); sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        const double c0 = cpuUs();
        for (int i = 0; i < n; ++i) {
            sqlite3_bind_int64(s, 1, 1 + i % 1000);
            while (sqlite3_step(s) == SQLITE_ROW) {}
            sqlite3_reset(s);
            QThread::usleep(1000);
        }
        raw = (cpuUs() - c0) / n;
        sqlite3_finalize(s); sqlite3_close(db);
    }
    {
        Manager m; await(m.open(p, lhOptions()));
        const QString q = QString::fromLatin1(sql);
        ExecOptions o; o.route = write ? Route::Writer : Route::Auto; o.fetch = Fetch::one();
        await(m.execute(p, q, Params{Value(1)}, o));
        const double c0 = cpuUs();
        for (int i = 0; i < n; ++i) {
            await(m.execute(p, q, Params{Value(1 + i % 1000)}, o));
            QThread::usleep(1000);
        }
        lh = (cpuUs() - c0) / n;
    }
    return {raw, lh};
}

// A bare cross-thread round trip (pool task + promise + await), so readers
// can tell the machine's wake-up cost from the code's.
double roundTripMicros()
{
    QThreadPool pool;
    const int n = 10000;
    QElapsedTimer t; t.start();
    for (int i = 0; i < n; ++i) {
        auto pr = std::make_shared<QPromise<int>>(); pr->start(); auto f = pr->future();
        pool.start([pr] { pr->addResult(1); pr->finish(); });
        await(f);
    }
    return t.nsecsElapsed() / 1e3 / n;
}

struct Stat { double min, median; };
Stat stat(std::vector<double> v)
{
    if (v.empty())
        return {0, 0};
    std::sort(v.begin(), v.end());
    return {v.front(), v[v.size() / 2]};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 3;
    double scale = 1.0;
    QString only; // --only W2p or --only W1,W2p: run these workloads (for profiling)
    QString impl; // --impl lh: run one implementation (raw, qt or lh; for profiling)
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs")) runs = qMax(1, args[i + 1].toInt());
        if (args[i] == QLatin1String("--scale")) scale = qBound(0.001, args[i + 1].toDouble(), 10.0);
        if (args[i] == QLatin1String("--only")) only = args[i + 1];
        if (args[i] == QLatin1String("--impl")) impl = args[i + 1];
        // writer: Litehouse leaves checkpoints to SQLite, inside the commit (as raw and QSQLITE)
        if (args[i] == QLatin1String("--checkpoints")) g_backgroundCheckpoint = args[i + 1] != QLatin1String("writer");
    }
    g_rows = int(1000000 * scale); g_points = int(100000 * scale); g_txs = int(10000 * scale);
    QTemporaryDir dir; g_dir = dir.path();
    printf("Litehouse core benchmark: %d runs, rows=%d points=%d txs=%d, SQLite %s, Qt %s, Litehouse checkpoints %s\n",
           runs, g_rows, g_points, g_txs, sqlite3_libversion(), qVersion(),
           g_backgroundCheckpoint ? "in the background" : "on the writer");
    // A profile of one implementation (--impl) leaves out the round trip and
    // the CPU cost of sparse work.
    if (impl.isEmpty())
        printf("bare cross-thread round trip (pool task + promise + await): %.1f us\n\n", roundTripMicros());

    struct W { const char *name; const char *unit; double work; std::function<double()> raw, qt, lh; double target; bool higherIsBetter; };
    const std::vector<W> ws = {
        {"W1 insert 1 tx", "rows/s", double(g_rows), rawW1, qtW1, lhW1, 0.85, true},
        {"W2 point select awaited", "us/query", double(g_points), [] { return rawPoints(false); }, [] { return qtPoints(false); }, [] { return lhPoints(false); }, 3.0, false},
        {"W2p point select at once", "queries/s", double(g_points), [] { return rawPoints(true); }, [] { return qtPoints(true); }, [] { return lhPoints(true); }, 0.6, true},
        {"W3 full scan", "rows/s", double(g_rows), rawW3, qtW3, lhW3, 0.6, true},
        {"W4 write tx awaited", "us/tx", double(g_txs), [] { return rawTxs(false); }, [] { return qtTxs(false); }, [] { return lhTxs(false); }, 2.0, false},
        {"W4p write tx at once", "tx/s", double(g_txs), [] { return rawTxs(true); }, [] { return qtTxs(true); }, [] { return lhTxs(true); }, 0.85, true},
    };
    printf("%-26s %-10s %14s %14s %14s %14s %9s %9s %8s\n", "workload", "unit", "raw median", "QSQLITE median",
           "Litehouse min", "Litehouse med", "LH/raw", "QT/raw", "target");
    for (const W &w : ws) {
        if (!only.isEmpty() && !only.split(QLatin1Char(',')).contains(QString::fromLatin1(w.name).section(QLatin1Char(' '), 0, 0)))
            continue;
        // Interleaved (raw, QSQLITE, Litehouse, raw, ...) so that a change in
        // the machine's load during a workload hits all three alike.
        std::vector<double> rv, qv, lv;
        for (int i = 0; i < runs; ++i) {
            if (impl.isEmpty() || impl == QLatin1String("raw")) { rv.push_back(w.raw()); dropFiles(); }
            if (impl.isEmpty() || impl == QLatin1String("qt")) { qv.push_back(w.qt()); dropFiles(); }
            if (impl.isEmpty() || impl == QLatin1String("lh")) { lv.push_back(w.lh()); dropFiles(); }
        }
        const Stat r = stat(rv), q = stat(qv), l = stat(lv);
        auto value = [&](double sec) { return w.higherIsBetter ? w.work / sec : sec * 1e6 / w.work; };
        // Ratios are throughput relative to raw (>1 is faster) for rates, time relative to raw for latencies.
        const double lr = w.higherIsBetter ? r.median / l.median : l.median / r.median;
        const double qr = w.higherIsBetter ? r.median / q.median : q.median / r.median;
        printf("%-26s %-10s %14.1f %14.1f %14.1f %14.1f %8.2fx %8.2fx %s%.2fx\n", w.name, w.unit, value(r.median),
               value(q.median), value(w.higherIsBetter ? l.min : l.min), value(l.median), lr, qr,
               w.higherIsBetter ? ">=" : "<=", w.target);
        fflush(stdout);
    }
    // Last, so that it cannot disturb the workloads.
    if (impl.isEmpty() && only.isEmpty()) {
        const auto [rawRead, lhRead] = sparseCpuMicros(false);
        const auto [rawWrite, lhWrite] = sparseCpuMicros(true);
        printf("\nCPU per statement, one every 1 ms, spins included: point query raw %.1f us, Litehouse %.1f us; "
               "write raw %.1f us, Litehouse %.1f us\n", rawRead, lhRead, rawWrite, lhWrite);
    }
    return 0;
}
