#pragma once

#include "canceltoken.h"
#include "connection.h"
#include "operation.h"
#include "options.h"
#include "outcome.h"
#include "params.h"
#include "resultset.h"
#include "task.h"
#include "transactionstate.h"
#include "async_p.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Litehouse {

class Database;
class QueryStream;
class Batch;
namespace detail {
struct ManagerAccess;
}

/// Per-call options for execute(), executeScript() and stream().
struct ExecOptions
{
    Fetch fetch = Fetch::all();
    Route route = Route::Writer;
    CancelToken cancel;
    /// Kind recorded in the history for this operation.
    OperationRecord::Kind kind = OperationRecord::Kind::Query;
    /// False: the operation is not recorded (reading the history itself).
    bool record = true;
    /// stream() only: refuse, before it runs, a statement that SQLite says
    /// writes (for running a user's query again, as export does).
    bool onlyIfReadOnly = false;
};

/// What open() resolves to.
struct DatabaseInfo
{
    QString path;          ///< absolute path (or ":memory:")
    QString alias;
    bool created = false;  ///< the file was created by this open
    bool readOnly = false;
    QString journalMode;
};

/// An optimistic update: SET the columns WHERE key = ? AND version = ?, and
/// bump the version. Resolves to false when the row changed meanwhile.
struct VersionedUpdate
{
    QString table;
    QString keyColumn;
    Value key;
    QString versionColumn = QStringLiteral("version");
    qint64 expectedVersion = 0;
    QList<QPair<QString, Value>> set;
};

/// Owns open databases and runs every operation off the calling thread.
///
/// Each database has one writer connection and a pool of readers. Every call
/// returns a QFuture at once; the future resolves to a value or an Error.
/// Signals report the same outcomes for widgets that prefer them. A database
/// is named by its path or by an alias given at open(); both reach the same
/// connections.
class Manager final : public QObject
{
    Q_OBJECT
public:
    explicit Manager(QObject *parent = nullptr);
    /// Closes every database, waiting for work still queued.
    ~Manager() override;
    Q_DISABLE_COPY_MOVE(Manager)

    /// Opens (or, unless options say otherwise, creates) a database. Opening
    /// an open path again returns it and adds the alias.
    QFuture<Outcome<DatabaseInfo>> open(const QString &path, const OpenOptions &options = {}, const QString &alias = {});
    /// Closes after the work already queued; later calls fail with NotOpen.
    QFuture<Outcome<Done>> close(const QString &database);
    QFuture<Outcome<Done>> closeAll();
    /// True when a database with this path or alias is open.
    bool isOpen(const QString &database) const;
    /// Paths of the open databases.
    QStringList databases() const;
    /// The absolute path behind a path or alias; empty when not open.
    QString resolve(const QString &database) const;

    /// Runs one statement.
    QFuture<Outcome<StatementResult>> execute(const QString &database, const QString &sql, const Params &params = {},
                                              const ExecOptions &options = {});
    /// Runs one statement for each row, all in one transaction.
    QFuture<Outcome<StatementResult>> executeMany(const QString &database, const QString &sql,
                                                  QList<QList<Value>> rows, const ExecOptions &options = {});
    /// Runs every statement of a script in order; stops at the first failure.
    QFuture<Outcome<ScriptResult>> executeScript(const QString &database, const QString &sql,
                                                 const Params &params = {}, const ExecOptions &options = {});
    /// Starts a query whose rows are fetched in chunks (see QueryStream).
    QFuture<Outcome<std::shared_ptr<QueryStream>>> stream(const QString &database, const QString &sql,
                                                          const Params &params = {}, const ExecOptions &options = {});

    enum class BeginMode { Deferred, Immediate, Exclusive };
    /// Transaction control on the writer connection.
    QFuture<Outcome<TransactionState>> begin(const QString &database, BeginMode mode = BeginMode::Deferred);
    QFuture<Outcome<TransactionState>> commit(const QString &database);
    QFuture<Outcome<TransactionState>> rollback(const QString &database);
    /// Savepoints: names must be identifiers (letters, digits, underscore); always quoted.
    QFuture<Outcome<TransactionState>> savepoint(const QString &database, const QString &name);
    QFuture<Outcome<TransactionState>> release(const QString &database, const QString &name);
    QFuture<Outcome<TransactionState>> rollbackTo(const QString &database, const QString &name);
    /// The last known transaction state of the writer (no SQLite call).
    TransactionState transactionState(const QString &database) const;

    /// Optimistic update: true when the row had the expected version.
    QFuture<Outcome<bool>> updateIfVersion(const QString &database, const VersionedUpdate &update);

    /// A batch of rows for one statement, flushed every batchSize rows inside
    /// one transaction that holds the writer until finish() or abort().
    std::unique_ptr<Batch> batch(const QString &database, const QString &sql, int batchSize = 1000);

    /// Runs fn on the writer (or a reader) connection as one task.
    template<typename R>
    QFuture<Outcome<R>> withConnection(const QString &database, Route route, std::function<Outcome<R>(Connection &)> fn,
                                       const CancelToken &cancel = {});

    /// Prepared-statement cache counters summed over the database's connections.
    CacheStats statementCacheStats(const QString &database) const;
    /// WAL checkpoints Litehouse ran for the database's writer so far (see
    /// OpenOptions::backgroundCheckpoint; SQLite's own are not counted).
    CheckpointStats checkpointStats(const QString &database) const;

    /// Sinks see every operation (history, metrics). Thread-safe.
    void addSink(std::shared_ptr<OperationSink> sink);
    void removeSink(const std::shared_ptr<OperationSink> &sink);

    /// The pool the manager's tasks run on.
    QThreadPool *threadPool() { return &m_pool; }

Q_SIGNALS:
    void opened(const QString &path);
    void closed(const QString &path);
    /// Every finished operation (for status bars and logs).
    void operationFinished(const Litehouse::OperationRecord &op);
    /// A failed operation with its error.
    void operationFailed(const Litehouse::OperationRecord &op, const Litehouse::Error &error);
    void transactionStateChanged(const QString &path, const Litehouse::TransactionState &state);
    void savepointsChanged(const QString &path, const QStringList &savepoints);

private:
    friend class Database;
    friend class QueryStream;
    friend class Batch;
    friend struct detail::ManagerAccess; // the rest of the core (core/manager_p.h)

    /// Queues a task on a database's writer or reader lane, behind a check
    /// that opens the connection on first use. Moves the task only when it
    /// was queued; on failure the caller still has it (to fail it).
    Outcome<Done> submit(const QString &database, Route route, Task &&task, bool looksReadOnly = false);
    /// True when a sink or a connected signal wants operation records.
    bool observed() const;
    /// Reports a finished operation to the sinks and signals.
    void report(const OperationRecord &op, const Error &error);
    /// The database object behind a name.
    std::shared_ptr<Database> find(const QString &database) const;
    template<typename R>
    static void settle(const std::shared_ptr<QPromise<Outcome<R>>> &p, Outcome<R> v)
    {
        fulfil(*p, std::move(v));
    }
    /// close(), then calls then (on whichever thread settles the close).
    QFuture<Outcome<Done>> closeThen(const QString &database, std::function<void()> then);
    void stateChanged(const QString &path, const TransactionState &oldState, const TransactionState &state);
    /// Queues a task as it is (no open check) on the lane its route picks.
    Outcome<Done> post(const std::shared_ptr<Database> &db, Route route, Task &&task, bool looksReadOnly);
    template<typename R, typename Work>
    class Operation;
    /// The scaffolding execute(), executeScript() and executeMany() share:
    /// records the operation, queues its work and resolves its future.
    template<typename R, typename Work>
    QFuture<Outcome<R>> launch(const std::shared_ptr<Database> &db, const QString &database, const QString &sql,
                               const Params &params, const ExecOptions &options, OperationRecord::Kind kind,
                               const QString &paramsText, Route route, bool looksReadOnly, Work work);
    QFuture<Outcome<TransactionState>> transactionOp(const QString &database, const QByteArray &sql,
                                                     OperationRecord::Kind kind);

    /// Counts a Database taken out of the registry until retire() has destroyed it.
    void beginRetire(const std::shared_ptr<Database> &db);
    /// Drops the last reference to a closed Database on a pool thread.
    void retire(std::shared_ptr<Database> db);

    QThreadPool m_pool;
    struct Registry;
    std::unique_ptr<Registry> m_reg;
};

template<typename R>
QFuture<Outcome<R>> Manager::withConnection(const QString &database, Route route,
                                            std::function<Outcome<R>(Connection &)> fn, const CancelToken &cancel)
{
    auto promise = makePromise<Outcome<R>>();
    QFuture<Outcome<R>> future = promise->future();
    Task task;
    task.run = [promise, fn = std::move(fn), cancel](Connection &c) {
        if (!c.beginTask(cancel)) {
            c.endTask();
            settle<R>(promise, Error::interrupted(QStringLiteral("cancelled before it started")));
            return;
        }
        Outcome<R> r = fn(c);
        c.endTask();
        settle<R>(promise, std::move(r));
    };
    task.fail = [promise](const Error &e) { settle<R>(promise, e); };
    if (auto s = submit(database, route, std::move(task)); !s)
        task.fail(s.error());
    return future;
}

/// Waits for a future off the UI thread (CLI, tests, benchmarks) and takes
/// its result (a future can be awaited once). The UI never calls this: it
/// gets results with whenDone() (ui/util/futures.h).
template<typename T>
T await(QFuture<T> future)
{
    future.waitForFinished();
    Tsan::acquireFuture(future);
    // takeResult moves a large result out instead of copying it.
    return future.takeResult();
}

} // namespace Litehouse
