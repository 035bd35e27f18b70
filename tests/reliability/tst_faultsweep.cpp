// Fault sweeps: for N = 1, 2, ... the Nth xRead, xWrite, xSync or xTruncate
// of the database files fails (SQLITE_IOERR once, or SQLITE_FULL from then
// on) while an operation runs, until the operation runs past every call
// without a fault. After each run: a value or a clear error, never a silent
// success; integrity_check ok; the data is the state before or after (after
// when the operation said it succeeded); the writer back in autocommit with
// no statement left running or unfinalized; and the manager still answers.
// Last, the Nth SQLite allocation fails over open + insert + select.

#include "../core/testutil.h"
#include "faultmalloc.h"
#include "faultvfs.h"
#include "sweeputil.h"

#include <core/batch.h>
#include <core/history/historystore.h>
#include <core/maintenance/maintenance.h>
#include <core/migrations/migrationrunner.h>
#include <core/processlock.h>

#include <QDir>

#include <sqlite3.h>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

struct Mode
{
    FaultVfs::Op op;
    int code;
    bool persistent;
    QString name() const
    {
        return QStringLiteral("%1 %2 %3").arg(QLatin1String(FaultVfs::opName(op)),
                                              code == SQLITE_FULL ? QStringLiteral("SQLITE_FULL") : QStringLiteral("SQLITE_IOERR"),
                                              persistent ? QStringLiteral("from then on") : QStringLiteral("once"));
    }
};

QList<Mode> modes()
{
    QList<Mode> m;
    for (auto op : {FaultVfs::Op::Read, FaultVfs::Op::Write, FaultVfs::Op::Sync, FaultVfs::Op::Truncate,
                    FaultVfs::Op::FileSize, FaultVfs::Op::Lock, FaultVfs::Op::ShmMap, FaultVfs::Op::ShmLock,
                    FaultVfs::Op::Open,
                    FaultVfs::Op::Delete}) {
        m.append({op, SQLITE_IOERR, false});
        m.append({op, SQLITE_FULL, true});
    }
    return m;
}

constexpr qint64 maxN = 2000;

/// Totals of one sweep, printed and collected for docs/reliability.md.
struct Tally
{
    qint64 runs = 0;
    qint64 faults = 0;        ///< faults injected
    qint64 failed = 0;        ///< runs that reported an error
    qint64 survived = 0;      ///< runs that succeeded although a fault was injected (SQLite or a retry absorbed it)
};

OpenOptions faultOptions()
{
    OpenOptions o;
    o.vfs = QString::fromLatin1(FaultVfs::name);
    o.busyTimeoutMs = 2000;
    return o;
}

/// The state of the writer after a run: autocommit, statements alive beside
/// the cache, statements still running.
struct WriterState
{
    bool autocommit = false;
    int statements = 0;
    int cached = 0;
    int busy = 0;
};

Outcome<WriterState> writerState(Manager &m, const QString &path)
{
    return await(m.withConnection<WriterState>(path, Route::Writer, [](Connection &c) -> Outcome<WriterState> {
        WriterState s;
        s.autocommit = sqlite3_get_autocommit(c.handle()) != 0;
        for (sqlite3_stmt *st = sqlite3_next_stmt(c.handle(), nullptr); st; st = sqlite3_next_stmt(c.handle(), st)) {
            ++s.statements;
            if (sqlite3_stmt_busy(st))
                ++s.busy;
        }
        s.cached = c.cacheStats().size;
        return s;
    }));
}

} // namespace

class TestFaultSweep : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_dir;
    FaultVfs &m_vfs = FaultVfs::instance();
    QStringList m_report;
    QMap<QString, qint64> m_faultsByMode; // over every sweep so far

    QString file(const QString &name) const { return m_dir + QLatin1Char('/') + name; }

    static Outcome<Done> done(const Error &e) { return e; }

    /// Runs one sweep over every fault mode. prepare() makes the working
    /// files; run() does the operation (faults armed only around it) and
    /// returns its outcome; check() does the sweep's own checks after the
    /// faults are off and returns the data digest ("" when it did its own).
    bool sweep(const QString &label, const std::function<void()> &prepare,
               const std::function<Outcome<Done>()> &run, const std::function<QString(bool ok)> &check,
               const QString &before, const QString &after, Tally *total)
    {
        for (const Mode &mode : modes()) {
            Tally t;
            qint64 n = 1;
            for (; n <= maxN; ++n) {
                prepare();
                m_vfs.arm(mode.op, n, mode.code, mode.persistent);
                Outcome<Done> r = run();
                const qint64 injected = m_vfs.injected();
                m_vfs.disarm();
                ++t.runs;
                t.faults += injected;
                if (!r.ok()) {
                    ++t.failed;
                    if (r.error().message().isEmpty()) {
                        qWarning("%s, %s, N=%lld: an error without a message", qPrintable(label), qPrintable(mode.name()), n);
                        return false;
                    }
                } else if (injected > 0) {
                    ++t.survived;
                }
                const QString digest = check(r.ok());
                if (digest.startsWith(QLatin1String("FAIL"))) {
                    qWarning("%s, %s, N=%lld: %s (outcome: %s)", qPrintable(label), qPrintable(mode.name()), n,
                             qPrintable(digest), r.ok() ? "ok" : qPrintable(r.error().toString()));
                    return false;
                }
                if (!digest.isEmpty() && digest != after && (r.ok() || digest != before)) {
                    qWarning("%s, %s, N=%lld: data is \"%s\"; before \"%s\", after \"%s\" (outcome: %s)", qPrintable(label),
                             qPrintable(mode.name()), n, qPrintable(digest), qPrintable(before), qPrintable(after),
                             r.ok() ? "ok" : qPrintable(r.error().toString()));
                    return false;
                }
                if (injected == 0) {
                    if (!r.ok()) {
                        qWarning("%s, %s: fails with no fault injected: %s", qPrintable(label), qPrintable(mode.name()),
                                 qPrintable(r.error().toString()));
                        return false;
                    }
                    break;
                }
            }
            if (n > maxN) {
                qWarning("%s, %s: still faulting after %lld runs", qPrintable(label), qPrintable(mode.name()), maxN);
                return false;
            }
            // Not every kind of call happens in every operation (a small
            // write never truncates); the sweep as a whole, and each kind
            // over all sweeps (everyKindOfFaultWasInjected), must inject.
            m_faultsByMode[mode.name()] += t.faults;
            total->runs += t.runs;
            total->faults += t.faults;
            total->failed += t.failed;
            total->survived += t.survived;
            qInfo("%-34s %-36s calls %4lld  runs %4lld  faults %5lld  errors %4lld  absorbed %4lld", qPrintable(label),
                  qPrintable(mode.name()), n - 1, t.runs, t.faults, t.failed, t.survived);
        }
        if (total->faults == 0) {
            qWarning("%s: no fault was injected in any mode: the sweep proves nothing", qPrintable(label));
            return false;
        }
        m_report << QStringLiteral("%1: %2 runs, %3 faults injected, %4 reported errors, %5 absorbed")
                        .arg(label).arg(total->runs).arg(total->faults).arg(total->failed).arg(total->survived);
        return true;
    }

    /// The checks every Manager-based sweep shares; "FAIL ..." or "".
    static QString managerChecks(Manager &m, const QString &path)
    {
        auto s = writerState(m, path);
        if (!s.ok())
            return QStringLiteral("FAIL the writer does not answer: %1").arg(s.error().toString());
        if (!s.value().autocommit)
            return QStringLiteral("FAIL the writer is left inside a transaction");
        if (s.value().busy)
            return QStringLiteral("FAIL %1 statement(s) left running").arg(s.value().busy);
        if (s.value().statements != s.value().cached)
            return QStringLiteral("FAIL %1 statement(s) alive, %2 in the cache").arg(s.value().statements).arg(s.value().cached);
        ExecOptions reader;
        reader.route = Route::Reader;
        for (const ExecOptions &o : {ExecOptions(), reader}) {
            auto q = await(m.execute(path, QStringLiteral("SELECT count(*) FROM sqlite_schema"), {}, o));
            if (!q.ok())
                return QStringLiteral("FAIL a follow-up query fails: %1").arg(q.error().toString());
        }
        return {};
    }

    static QString digestOf(const QString &path, const QString &sql)
    {
        const QString ic = integrity(path);
        if (ic != QLatin1String("ok"))
            return QStringLiteral("FAIL integrity_check: %1").arg(ic);
        return plainQuery(path, sql);
    }

    /// Makes a template database with table t(id, x) and rows 1..rows.
    void makeTemplate(const QString &path, int rows, int blobBytes = 0)
    {
        Manager m;
        QVERIFY(LH_OK(m.open(path)).ok());
        QVERIFY(LH_OK(m.execute(path, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER, b BLOB)"))).ok());
        QList<QList<Value>> r;
        for (int i = 1; i <= rows; ++i)
            r.append({Value(i), Value(i * 10), Value::blob(QByteArray(blobBytes, char('a' + i % 26)))});
        if (rows)
            QVERIFY(LH_OK(m.executeMany(path, QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"), r)).ok());
        QVERIFY(LH_OK(m.close(path)).ok());
    }

    static QString tDigest() { return QStringLiteral("SELECT count(*), total(x) FROM t"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = QDir(m_tmp.path()).canonicalPath();
        m_vfs.setPathPrefix(m_dir + QLatin1Char('/'));
        m_vfs.makeDefault(true); // the history store and backup destinations open with the default VFS
    }

    void cleanupTestCase()
    {
        m_vfs.makeDefault(false);
        for (const QString &line : std::as_const(m_report))
            qInfo("%s", qPrintable(line));
    }

    void executeMany()
    {
        const QString tpl = file(QStringLiteral("many.tpl")), work = file(QStringLiteral("many.db"));
        makeTemplate(tpl, 100);
        std::unique_ptr<Manager> m;
        QList<QList<Value>> rows;
        for (int i = 101; i <= 300; ++i)
            rows.append({Value(i), Value(1), Value::blob(QByteArray(300, 'p'))});
        Tally total;
        QVERIFY(sweep(QStringLiteral("executeMany 200 rows"),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
            },
            [&]() -> Outcome<Done> {
                auto r = await(m->executeMany(work, QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"), rows));
                return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
            },
            [&](bool) {
                QString c = managerChecks(*m, work);
                m.reset();
                return c.isEmpty() ? digestOf(work, tDigest()) : c;
            },
            QStringLiteral("100|50500.0"), QStringLiteral("300|50700.0"), &total));
    }

    // Faults armed over the whole life of a Manager: its open (schema read,
    // settings), a write, and its close with the final checkpoint that
    // moves the WAL into the file. Whatever fails, the file holds the rows
    // before or after the write, and a clean reopen finds them.
    void openWriteClose()
    {
        const QString tpl = file(QStringLiteral("life.tpl")), work = file(QStringLiteral("life.db"));
        makeTemplate(tpl, 100);
        Tally total;
        QVERIFY(sweep(QStringLiteral("open, write, close"),
            [&] { QVERIFY(copyDatabase(tpl, work)); },
            [&]() -> Outcome<Done> {
                Manager m;
                auto o = await(m.open(work, faultOptions()));
                if (!o)
                    return done(o.error());
                // A low threshold: the write's commit queues a background
                // checkpoint, which runs under the faults too.
                auto a = await(m.execute(work, QStringLiteral("PRAGMA wal_autocheckpoint=2")));
                if (!a)
                    return done(a.error());
                auto w = await(m.execute(work, QStringLiteral("INSERT INTO t SELECT id + 100, 1, zeroblob(200) FROM t")));
                auto c = await(m.close(work));
                if (!w)
                    return done(w.error());
                if (!c)
                    return done(c.error());
                return Done{};
            },
            [&](bool) {
                m_vfs.disarm();
                return digestOf(work, tDigest());
            },
            QStringLiteral("100|50500.0"), QStringLiteral("200|50600.0"), &total));
    }

    void batchInsert()
    {
        const QString tpl = file(QStringLiteral("batch.tpl")), work = file(QStringLiteral("batch.db"));
        makeTemplate(tpl, 100);
        std::unique_ptr<Manager> m;
        Tally total;
        QVERIFY(sweep(QStringLiteral("Batch 200 rows in chunks of 50"),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
            },
            [&]() -> Outcome<Done> {
                auto b = m->batch(work, QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"), 50);
                for (int i = 101; i <= 300; ++i) {
                    if (auto a = b->add({Value(i), Value(1), Value::blob(QByteArray(300, 'p'))}); !a) {
                        await(b->abort());
                        return a.error();
                    }
                }
                auto f = await(b->finish());
                if (f.ok() && f.value() != 200)
                    return Error::invalid(QStringLiteral("finish() says %1 rows").arg(f.value()));
                return f.ok() ? Outcome<Done>(Done{}) : done(f.error());
            },
            [&](bool) {
                QString c = managerChecks(*m, work);
                m.reset();
                return c.isEmpty() ? digestOf(work, tDigest()) : c;
            },
            QStringLiteral("100|50500.0"), QStringLiteral("300|50700.0"), &total));
    }

    void transactionWithSavepoints()
    {
        const QString tpl = file(QStringLiteral("tx.tpl")), work = file(QStringLiteral("tx.db"));
        makeTemplate(tpl, 100);
        std::unique_ptr<Manager> m;
        Tally total;
        QVERIFY(sweep(QStringLiteral("transaction with savepoints"),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
            },
            [&]() -> Outcome<Done> {
                auto ins = [&](int id) { return await(m->execute(work, QStringLiteral("INSERT INTO t VALUES (?, 1, zeroblob(3000))"), {Value(id)})); };
                Error e;
                auto step = [&](auto r) {
                    if (!e.isError() && !r.ok())
                        e = r.error();
                    return !e.isError();
                };
                step(await(m->begin(work, Manager::BeginMode::Immediate))) && step(ins(101))
                    && step(await(m->savepoint(work, QStringLiteral("a")))) && step(ins(102))
                    && step(await(m->savepoint(work, QStringLiteral("b")))) && step(ins(103))
                    && step(await(m->rollbackTo(work, QStringLiteral("b")))) && step(await(m->release(work, QStringLiteral("a"))))
                    && step(await(m->commit(work)));
                if (e.isError()) {
                    // What an application does on failure: roll back, and once more if that failed too.
                    if (!await(m->rollback(work)).ok()) {
                        m_vfs.disarm();
                        await(m->rollback(work));
                    }
                    return e;
                }
                return Done{};
            },
            [&](bool) {
                QString c = managerChecks(*m, work);
                m.reset();
                return c.isEmpty() ? digestOf(work, tDigest()) : c;
            },
            QStringLiteral("100|50500.0"), QStringLiteral("102|50502.0"), &total));
    }

    void eachMigration()
    {
        const QString folder = file(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        const QList<QPair<QString, QByteArray>> files = {
            {QStringLiteral("001_authors.up.sql"),
             "CREATE TABLE authors(id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
             "INSERT INTO authors(name) VALUES ('Ada'), ('Grace');\n"},
            {QStringLiteral("002_books.up.sql"),
             "CREATE TABLE books(id INTEGER PRIMARY KEY, author INTEGER REFERENCES authors(id), title TEXT, body BLOB);\n"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)\n"
             "INSERT INTO books(author, title, body) SELECT 1 + i % 2, 'b' || i, zeroblob(2000) FROM n;\n"
             "CREATE INDEX books_author ON books(author);\n"},
            {QStringLiteral("003_rating.up.sql"),
             "ALTER TABLE books ADD COLUMN rating INTEGER NOT NULL DEFAULT 3;\n"
             "UPDATE books SET rating = 5 WHERE id % 3 = 0;\n"},
        };
        for (const auto &[name, sql] : files) {
            QFile f(folder + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sql);
        }
        // Tables (other than _migrations) and applied versions; _migrations
        // may exist or not before the first migration.
        auto digestOfMigrations = [](const QString &path) {
            const QString ic = integrity(path);
            if (ic != QLatin1String("ok"))
                return QStringLiteral("FAIL integrity_check: %1").arg(ic);
            QString versions = plainQuery(path, QStringLiteral("SELECT group_concat(version) FROM (SELECT version FROM _migrations ORDER BY version)"));
            if (versions.startsWith(QLatin1String("ERROR: no such table")))
                versions.clear();
            return plainQuery(path, QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema"
                                                   " WHERE name NOT LIKE 'sqlite_%' AND name != '_migrations' ORDER BY name)"))
                + QStringLiteral(" / ") + versions;
        };
        QStringList states;
        for (int k = 0; k <= 3; ++k) {
            const QString tpl = file(QStringLiteral("mig%1.tpl").arg(k));
            if (k > 0)
                QVERIFY(copyDatabase(file(QStringLiteral("mig%1.tpl").arg(k - 1)), tpl));
            {
                Manager m;
                QVERIFY(LH_OK(m.open(tpl)).ok());
                if (k > 0) {
                    MigrationRunner r(m, tpl, folder);
                    MigrationOptions o;
                    o.target = k;
                    QVERIFY(LH_OK(r.up(o)).ok());
                } else {
                    QVERIFY(LH_OK(m.execute(tpl, QStringLiteral("CREATE TABLE _keep(x)"))).ok());
                }
                QVERIFY(LH_OK(m.close(tpl)).ok());
            }
            states << digestOfMigrations(tpl);
        }
        const QString work = file(QStringLiteral("mig.db"));
        for (int k = 1; k <= 3; ++k) {
            const QString tpl = file(QStringLiteral("mig%1.tpl").arg(k - 1));
            std::unique_ptr<Manager> m;
            Tally total;
            QVERIFY(sweep(QStringLiteral("migration %1 (%2)").arg(k).arg(files[k - 1].first),
                [&] {
                    m.reset();
                    QVERIFY(copyDatabase(tpl, work));
                    m = std::make_unique<Manager>();
                    QVERIFY(await(m->open(work, faultOptions())).ok());
                },
                [&]() -> Outcome<Done> {
                    MigrationRunner r(*m, work, folder);
                    MigrationOptions o;
                    o.target = k;
                    o.lockTimeoutMs = 2000;
                    auto run = await(r.up(o));
                    if (run.ok() && run.value().steps.size() != 1)
                        return Error::invalid(QStringLiteral("ran %1 steps").arg(run.value().steps.size()));
                    return run.ok() ? Outcome<Done>(Done{}) : done(run.error());
                },
                [&](bool) {
                    QString c = managerChecks(*m, work);
                    m.reset();
                    if (QFile::exists(ProcessLock::lockPathFor(work)))
                        return QStringLiteral("FAIL the migration lock file is left behind");
                    return c.isEmpty() ? digestOfMigrations(work) : c;
                },
                states[k - 1], states[k], &total));
        }
    }

    void historyFlush()
    {
        const QString tpl = file(QStringLiteral("history.tpl")), work = file(QStringLiteral("history.db"));
        auto item = [](int i) {
            HistoryItem it;
            it.timestampMs = 1795842760000LL + i;
            it.database = QStringLiteral("/db/x.db");
            it.sql = QStringLiteral("SELECT %1").arg(i);
            it.kind = QStringLiteral("query");
            it.outcome = QStringLiteral("ok");
            return it;
        };
        {
            HistoryStore s(tpl);
            for (int i = 0; i < 10; ++i)
                s.record(item(i));
            QVERIFY(s.shutdown());
        }
        HistoryStoreOptions opt;
        opt.flushIntervalMs = 3600 * 1000; // only the explicit flush() (and retries after a failure)
        std::unique_ptr<HistoryStore> store;
        Tally total;
        const QString countSql = QStringLiteral("SELECT count(*), count(DISTINCT sql) FROM history");
        QVERIFY(sweep(QStringLiteral("history flush of 50 items"),
            [&] {
                store.reset();
                QVERIFY(copyDatabase(tpl, work));
                store = std::make_unique<HistoryStore>(work, opt);
                for (int i = 10; i < 60; ++i)
                    store->record(item(i));
            },
            [&]() -> Outcome<Done> {
                auto r = await(store->flush());
                if (r.ok() && r.value() != 50)
                    return Error::invalid(QStringLiteral("flush wrote %1 items").arg(r.value()));
                return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
            },
            [&](bool ok) {
                // Right after the run: the flush landed whole or not at all.
                const QString now = plainQuery(work, countSql);
                if (now != QLatin1String("60|60") && (ok || now != QLatin1String("10|10")))
                    return QStringLiteral("FAIL right after the flush the history holds %1").arg(now);
                // Once the faults are gone the retried flush writes every item exactly once.
                if (!store->shutdown())
                    return QStringLiteral("FAIL shutdown could not write the pending items");
                store.reset();
                return digestOf(work, countSql);
            },
            QStringLiteral("60|60"), QStringLiteral("60|60"), &total));
    }

    void backup()
    {
        const QString tpl = file(QStringLiteral("backup.tpl")), work = file(QStringLiteral("backup.db"));
        const QString dest = file(QStringLiteral("backup-copy.db"));
        makeTemplate(tpl, 150, 1500);
        std::unique_ptr<Manager> m;
        Tally total;
        QVERIFY(sweep(QStringLiteral("backup, 16 pages per step"),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                for (const char *s : {"", "-journal", ".litehouse-partial", ".litehouse-partial-journal"})
                    QFile::remove(dest + QLatin1String(s));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
            },
            [&]() -> Outcome<Done> {
                BackupOptions o;
                o.pagesPerStep = 16;
                auto r = await(Maintenance(*m, work).backup(dest, o));
                return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
            },
            [&](bool ok) {
                QString c = managerChecks(*m, work);
                m.reset();
                if (!c.isEmpty())
                    return c;
                if (QFile::exists(dest + QStringLiteral(".litehouse-partial")))
                    return QStringLiteral("FAIL a partial backup file is left behind");
                if (ok) {
                    const QString d = digestOf(dest, tDigest());
                    if (d != QLatin1String("150|113250.0"))
                        return QStringLiteral("FAIL the backup holds %1").arg(d);
                } else if (QFile::exists(dest)) {
                    return QStringLiteral("FAIL a failed backup left %1").arg(dest);
                }
                return digestOf(work, tDigest());
            },
            QStringLiteral("150|113250.0"), QStringLiteral("150|113250.0"), &total));
    }

    // Backup and VACUUM INTO over an existing file: whatever fails, the old
    // file stays whole (the copy is written beside it, synced, and renamed
    // over it), and no partial copy is left.
    void replacingAFileKeepsTheOldOneOnAnyFailure_data()
    {
        QTest::addColumn<bool>("vacuum");
        QTest::newRow("backup") << false;
        QTest::newRow("VACUUM INTO") << true;
    }

    void replacingAFileKeepsTheOldOneOnAnyFailure()
    {
        QFETCH(bool, vacuum);
        const QString tag = vacuum ? QStringLiteral("vacuum") : QStringLiteral("backup");
        const QString tpl = file(tag + QStringLiteral("-over.tpl")), work = file(tag + QStringLiteral("-over.db"));
        const QString oldTpl = file(tag + QStringLiteral("-old.tpl")), dest = file(tag + QStringLiteral("-over-copy.db"));
        makeTemplate(tpl, 150, 1500);
        makeTemplate(oldTpl, 3);
        const QString oldDigest = QStringLiteral("3|60.0");
        std::unique_ptr<Manager> m;
        Tally total;
        QVERIFY(sweep(QStringLiteral("%1 over an existing file").arg(vacuum ? QStringLiteral("VACUUM INTO") : tag),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                for (const char *s : {"-journal", ".litehouse-partial", ".litehouse-partial-journal"})
                    QFile::remove(dest + QLatin1String(s));
                QVERIFY(copyDatabase(oldTpl, dest));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
            },
            [&]() -> Outcome<Done> {
                if (vacuum) {
                    auto r = await(Maintenance(*m, work).vacuumInto(dest, /*overwrite=*/true));
                    return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
                }
                BackupOptions o;
                o.pagesPerStep = 16;
                o.overwrite = true;
                auto r = await(Maintenance(*m, work).backup(dest, o));
                return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
            },
            [&](bool ok) {
                QString c = managerChecks(*m, work);
                m.reset();
                if (!c.isEmpty())
                    return c;
                if (QFile::exists(dest + QStringLiteral(".litehouse-partial")))
                    return QStringLiteral("FAIL a partial copy is left behind");
                m_vfs.disarm();
                const QString d = digestOf(dest, tDigest());
                if (ok && d != QLatin1String("150|113250.0"))
                    return QStringLiteral("FAIL the new copy holds %1").arg(d);
                if (!ok && d != oldDigest)
                    return QStringLiteral("FAIL the old file now holds %1").arg(d);
                return digestOf(work, tDigest());
            },
            QStringLiteral("150|113250.0"), QStringLiteral("150|113250.0"), &total));
    }

    void checkpoint()
    {
        const QString tpl = file(QStringLiteral("ckpt.tpl")), work = file(QStringLiteral("ckpt.db"));
        makeTemplate(tpl, 50);
        std::unique_ptr<Manager> m;
        Tally total;
        QVERIFY(sweep(QStringLiteral("checkpoint(TRUNCATE) of 200 rows"),
            [&] {
                m.reset();
                QVERIFY(copyDatabase(tpl, work));
                m = std::make_unique<Manager>();
                QVERIFY(await(m->open(work, faultOptions())).ok());
                QVERIFY(await(m->execute(work, QStringLiteral("PRAGMA wal_autocheckpoint=0"))).ok());
                QList<QList<Value>> rows;
                for (int i = 51; i <= 250; ++i)
                    rows.append({Value(i), Value(1), Value::blob(QByteArray(500, 'w'))});
                QVERIFY(await(m->executeMany(work, QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"), rows)).ok());
            },
            [&]() -> Outcome<Done> {
                auto r = await(Maintenance(*m, work).checkpoint(CheckpointMode::Truncate));
                if (r.ok() && (!r.value().walMode || r.value().busy))
                    return Error::invalid(QStringLiteral("checkpoint did not run: busy %1").arg(r.value().busy));
                return r.ok() ? Outcome<Done>(Done{}) : done(r.error());
            },
            [&](bool ok) {
                QString c = managerChecks(*m, work);
                m.reset();
                if (ok && QFileInfo(work + QStringLiteral("-wal")).size() > 0)
                    return QStringLiteral("FAIL a TRUNCATE checkpoint that succeeded left a WAL");
                return c.isEmpty() ? digestOf(work, tDigest()) : c;
            },
            QStringLiteral("250|12950.0"), QStringLiteral("250|12950.0"), &total));
    }

    void powerLossKeepsSyncedCommits()
    {
        // synchronous=FULL in WAL mode: a commit is synced before it is
        // acknowledged, so a power loss (every unsynced write undone) loses
        // at most the transaction that was not yet committed.
        const QString work = file(QStringLiteral("power.db"));
        qint64 undoneTotal = 0;
        const int rounds = 20;
        for (int round = 0; round < rounds; ++round) {
            for (const char *s : {"", "-wal", "-shm"})
                QFile::remove(work + QLatin1String(s));
            m_vfs.setTrackUnsynced(true);
            auto m = std::make_unique<Manager>();
            OpenOptions o = faultOptions();
            o.synchronous = Synchronous::Full;
            QVERIFY(LH_OK(m->open(work, o)).ok());
            QVERIFY(LH_OK(m->execute(work, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB)"))).ok());
            const int acknowledged = 5 + round;
            for (int i = 1; i <= acknowledged; ++i)
                QVERIFY(await(m->execute(work, QStringLiteral("INSERT INTO t VALUES (?, randomblob(3000))"), {Value(i)})).ok());
            // An open transaction with writes that spill out of the cache.
            QVERIFY(await(m->execute(work, QStringLiteral("PRAGMA cache_size=5"))).ok());
            QVERIFY(await(m->begin(work)).ok());
            QVERIFY(await(m->execute(work, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 1000 + ?)"
                                                          " INSERT INTO t SELECT i, randomblob(4000) FROM n"), {Value(round * 10)})).ok());
            undoneTotal += m_vfs.powerLoss();
            m.reset(); // every I/O fails now, as after the power went
            m_vfs.revive();
            m_vfs.setTrackUnsynced(false);
            QCOMPARE(integrity(work), QStringLiteral("ok"));
            QCOMPARE(plainQuery(work, QStringLiteral("SELECT count(*), max(id) FROM t")),
                     QStringLiteral("%1|%1").arg(acknowledged));
        }
        QVERIFY2(undoneTotal > 0, "no unsynced write was undone: the power loss proved nothing");
        m_report << QStringLiteral("power loss: %1 rounds, %2 unsynced writes undone, every acknowledged commit kept")
                        .arg(rounds).arg(undoneTotal);
        qInfo("%s", qPrintable(m_report.last()));
    }

    // The power goes at each sync point of a commit in turn, and once after
    // it; the disk keeps a random part of what was not synced (whole writes,
    // or, with tearing, cut at a 512-byte sector). SQLite's promise for each
    // setting: FULL keeps every acknowledged commit, in WAL and in
    // rollback-journal mode; NORMAL in WAL may lose the last commits, but
    // never an earlier one without the later ones. The file is never
    // corrupt. (NORMAL in rollback-journal mode makes no such promise.)
    void powerLossAtEverySyncOfACommit_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::addColumn<bool>("full");
        QTest::addColumn<bool>("tear");
        for (const bool tear : {false, true}) {
            const char *t = tear ? ", torn writes" : "";
            QTest::newRow(qPrintable(QStringLiteral("WAL, FULL%1").arg(QLatin1String(t)))) << true << true << tear;
            QTest::newRow(qPrintable(QStringLiteral("WAL, NORMAL%1").arg(QLatin1String(t)))) << true << false << tear;
            QTest::newRow(qPrintable(QStringLiteral("DELETE, FULL%1").arg(QLatin1String(t)))) << false << true << tear;
        }
    }

    void powerLossAtEverySyncOfACommit()
    {
        QFETCH(bool, wal);
        QFETCH(bool, full);
        QFETCH(bool, tear);
        const QString work = file(QStringLiteral("cut.db"));
        const int acked = 6;
        int cuts = 0;
        qint64 kept = 0;
        bool pastTheCommit = false;
        // NORMAL in WAL does not sync a commit: the power goes after it, 20
        // times, each keeping another random part of the WAL.
        int afterwards = 0;
        for (qint64 n = 1; n <= 64 && (full ? !pastTheCommit : afterwards < 20); ++n) {
            for (const char *s : {"", "-wal", "-shm", "-journal"})
                QFile::remove(work + QLatin1String(s));
            m_vfs.setTrackUnsynced(true);
            auto m = std::make_unique<Manager>();
            OpenOptions o = faultOptions();
            o.journalMode = wal ? JournalMode::Wal : JournalMode::Delete;
            o.synchronous = full ? Synchronous::Full : Synchronous::Normal;
            o.backgroundCheckpoint = false;
            QVERIFY(LH_OK(m->open(work, o)).ok());
            QVERIFY(LH_OK(m->execute(work, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB)"))).ok());
            for (int i = 1; i <= acked; ++i)
                QVERIFY(LH_OK(m->execute(work, QStringLiteral("INSERT INTO t VALUES (?, randomblob(3000))"), {Value(i)})).ok());
            const quint32 seed = quint32(n * 7919 + (wal ? 1 : 0) + (full ? 2 : 0) + (tear ? 4 : 0));
            m_vfs.cutPowerAtSync(n, seed, tear);
            const bool lastAcked =
                await(m->execute(work, QStringLiteral("INSERT INTO t VALUES (?, randomblob(3000))"), {Value(acked + 1)})).ok();
            if (!m_vfs.isDead()) {
                // This commit has fewer syncs than n: the power goes after it.
                QVERIFY(lastAcked);
                pastTheCommit = true;
                ++afterwards;
                kept += m_vfs.powerLossKeepingSome(seed, tear);
            } else {
                ++cuts;
                kept += m_vfs.lastPowerLoss();
                QVERIFY(!lastAcked); // the power went before it was acknowledged
            }
            m.reset(); // every I/O fails now, as after the power went
            m_vfs.cutPowerAtSync(0, 0, false);
            m_vfs.revive();
            m_vfs.setTrackUnsynced(false);
            QCOMPARE(integrity(work), QStringLiteral("ok"));
            // NORMAL in WAL may lose everything since the last sync, even
            // the table's own commit.
            const bool hasTable = plainQuery(work, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 't'"))
                == QLatin1String("1");
            QVERIFY(hasTable || !full);
            const QStringList cm = hasTable ? plainQuery(work, QStringLiteral("SELECT count(*), ifnull(max(id), 0) FROM t"))
                                                  .split(QLatin1Char('|'))
                                            : QStringList{QStringLiteral("0"), QStringLiteral("0")};
            QCOMPARE(cm.size(), 2);
            const int count = cm.at(0).toInt();
            QCOMPARE(cm.at(1).toInt(), count); // a prefix of the commits, no hole
            const int acknowledged = acked + (lastAcked ? 1 : 0);
            QVERIFY(count <= acked + 1);
            if (full)
                QVERIFY2(count >= acknowledged, qPrintable(QStringLiteral("sync %1: %2 rows, %3 acknowledged")
                                                               .arg(n).arg(count).arg(acknowledged)));
        }
        QVERIFY(pastTheCommit);
        QVERIFY2(cuts >= 1 || !full, "the commit never synced");
        QVERIFY2(kept > 0 || full, "no unsynced write was ever kept: the model was not exercised");
        m_report << QStringLiteral("power cut at each of %1 sync point(s) of a commit and %7 time(s) after it (%2, %3%4), "
                                   "%5 unsynced writes kept: never corrupt%6")
                        .arg(cuts).arg(wal ? QStringLiteral("WAL") : QStringLiteral("DELETE"))
                        .arg(full ? QStringLiteral("FULL") : QStringLiteral("NORMAL"))
                        .arg(tear ? QStringLiteral(", torn") : QString()).arg(kept)
                        .arg(full ? QStringLiteral(", nothing acknowledged lost") : QStringLiteral(", a prefix of the commits kept"))
                        .arg(afterwards);
        qInfo("%s", qPrintable(m_report.last()));
    }

    void outOfMemory()
    {
        // SQLite takes allocation methods only while shut down: nothing is open here.
        QVERIFY(FaultMalloc::install());
        auto restore = qScopeGuard([this] {
            FaultMalloc::uninstall();
            m_vfs.makeDefault(true);
        });
        const QString work = file(QStringLiteral("oom.db"));
        for (const char *s : {"", "-wal", "-shm"})
            QFile::remove(work + QLatin1String(s));
        {
            Connection c(work, Connection::Role::Writer);
            QVERIFY(c.open({}).ok());
            QVERIFY(c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT)").ok());
        }
        qint64 n = 1, faults = 0, errors = 0, rows = 0;
        for (; n <= 20000; ++n) {
            const QString before = plainQuery(work, QStringLiteral("SELECT count(*) FROM t"));
            bool ok = true;
            Error err;
            FaultMalloc::arm(n);
            {
                Connection c(work, Connection::Role::Writer);
                auto o = c.open({});
                if (!o) {
                    ok = false;
                    err = o.error();
                } else if (auto i = c.execute("INSERT INTO t(s) VALUES (?)", {Value(QStringLiteral("row %1").arg(n))}); !i) {
                    ok = false;
                    err = i.error();
                } else if (auto s = c.execute("SELECT count(*), group_concat(s) FROM t"); !s) {
                    ok = false;
                    err = s.error();
                }
            }
            const qint64 injected = FaultMalloc::injected();
            FaultMalloc::disarm();
            faults += injected;
            if (!ok) {
                ++errors;
                QVERIFY2(!err.message().isEmpty(), "an out-of-memory error without a message");
            }
            QCOMPARE(integrity(work), QStringLiteral("ok"));
            const qint64 after = plainQuery(work, QStringLiteral("SELECT count(*) FROM t")).toLongLong();
            QVERIFY2(after == before.toLongLong() + (ok ? 1 : 0) || (!ok && after == before.toLongLong() + 1),
                     qPrintable(QStringLiteral("N=%1: rows %2 -> %3, outcome %4").arg(n).arg(before).arg(after).arg(ok ? "ok" : err.toString())));
            rows = after;
            if (injected == 0) {
                QVERIFY2(ok, qPrintable(err.toString()));
                break;
            }
        }
        QVERIFY(n <= 20000);
        m_report << QStringLiteral("out of memory (open + insert + select on a Connection): %1 runs, %2 allocations failed, %3 reported errors, %4 rows written")
                        .arg(n).arg(faults).arg(errors).arg(rows);
        qInfo("%s", qPrintable(m_report.last()));
    }

    // Last: every kind of fault the sweeps arm was injected by one of them.
    void everyKindOfFaultWasInjected()
    {
        QVERIFY(!m_faultsByMode.isEmpty());
        for (auto it = m_faultsByMode.cbegin(); it != m_faultsByMode.cend(); ++it)
            QVERIFY2(it.value() > 0, qPrintable(QStringLiteral("%1: never injected").arg(it.key())));
    }
};

QTEST_GUILESS_MAIN(TestFaultSweep)
#include "tst_faultsweep.moc"
