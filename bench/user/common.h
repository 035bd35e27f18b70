#pragma once

// What the user-facing benchmark's workloads share: measuring, the data,
// the naive task. See bench_user.cpp.

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

namespace bench {

using namespace Litehouse;


inline int g_points = 100000;
inline int g_rows = 1000000;
inline qint64 g_big = 10000000;
inline int g_runs = 3;
inline QStringList g_only;
inline QString g_cache;
inline QString g_tmp;

inline bool wanted(const char *w) { return g_only.isEmpty() || g_only.contains(QLatin1String(w)); }

// ---- measuring ----

inline qint64 statusKiB(const char *key)
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
inline std::vector<Fig> g_figs;

inline void record(Fig f)
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

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template<typename P>
inline void pump(P done)
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

inline Row rowOf(sqlite3_stmt *s)
{
    return {sqlite3_column_int64(s, 0), reinterpret_cast<const char *>(sqlite3_column_text(s, 1)),
            sqlite3_column_double(s, 2),
            std::string(static_cast<const char *>(sqlite3_column_blob(s, 3)), size_t(sqlite3_column_bytes(s, 3)))};
}

inline QByteArray nameFor(qint64 i) { return QByteArray("name-").append(QByteArray::number(i)).leftJustified(50, 'x'); }
inline QByteArray payloadFor(qint64 i) { return QByteArray(32, char('a' + i % 26)); }

inline sqlite3 *rawOpen(const QString &p, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(p.toUtf8().constData(), &db, flags, nullptr);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
    return db;
}

inline void exec(sqlite3 *db, const char *sql) { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

// A database of `rows` rows of t(id, name, value, payload), made once. The
// big one also has 200 more tables with indexes, views and triggers, so that
// its schema tree has something to show.
inline QString cachedDatabase(qint64 rows, bool withSchema)
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

inline QString freshPath(const char *tag)
{
    static int n = 0;
    const QString p = QStringLiteral("%1/%2-%3.db").arg(g_tmp).arg(QLatin1String(tag)).arg(++n);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(p + QLatin1String(suffix));
    return p;
}

inline std::vector<qint64> randomIds(int n, qint64 max)
{
    std::vector<qint64> ids(static_cast<size_t>(n));
    quint64 x = 42;
    for (auto &id : ids) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        id = 1 + qint64((x >> 33) % quint64(max));
    }
    return ids;
}

inline QString openLitehouse(Manager &m, const QString &path)
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

inline Row naivePoint(const QString &path, qint64 id)
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

#ifdef LITEHOUSE_BENCH_QSQLITE
inline QSqlDatabase qtOpen(const QString &p)
{
    static int n = 0;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("b%1").arg(++n));
    db.setDatabaseName(p);
    db.open();
    QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return db;
}

inline void qtClose(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

#endif

// The workloads (reads.cpp, big.cpp).
void benchFloor();
void benchGui(Manager &m, const QString &path);
void benchPipe(Manager &m, const QString &path);
void benchScan(Manager &m, const QString &path);
void benchInsert(Manager &m);
void benchFirst(Manager &m, const QString &path);
void benchScroll(Manager &m, const QString &path);
void benchExport(Manager &m, const QString &path);
void benchSchema(const QString &path);

} // namespace bench
