#pragma once

#include "canceltoken.h"
#include "options.h"
#include "outcome.h"
#include "params.h"
#include "resultset.h"
#include "sqlclassify.h"
#include "transactionstate.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <QHash>
#include <QSet>

struct sqlite3;
struct sqlite3_stmt;

namespace Litehouse {

/// Prepared-statement cache counters.
struct CacheStats
{
    qint64 hits = 0;
    qint64 misses = 0;
    int size = 0;
    double hitRate() const { return hits + misses ? double(hits) / double(hits + misses) : 0.0; }
};

/// WAL checkpoints run for a database (Manager::checkpointStats()).
struct CheckpointStats
{
    qint64 background = 0; ///< on the database's checkpoint connection, while the writer went on
    qint64 onWriter = 0;   ///< by the writer after a commit (the tail of the WAL, or when the background could not)
    qint64 busy = 0;       ///< attempts that found another checkpoint running, or readers that stayed
    qint64 restarts = 0;   ///< RESTART checkpoints the writer ran past the hard bound (counted in onWriter too)
};

class Connection;

/// What a connection knows about one cached statement, kept with it so that
/// running it again neither classifies its text nor reads its columns again.
struct StatementMeta
{
    StatementInfo info;      ///< classifyStatement() of the text
    QString sql;             ///< the text, decoded once
    QStringList columns;     ///< result columns, read again whenever SQLite re-prepares
    QStringList declTypes;
    int reprepared = -1;     ///< SQLITE_STMTSTATUS_REPREPARE when the columns were read
};

/// A prepared statement borrowed from a connection; returned to the
/// connection's cache (or finalized) when it goes out of scope.
class Statement
{
public:
    Statement() = default;
    Statement(Connection *c, sqlite3_stmt *s, QByteArray key, std::shared_ptr<StatementMeta> meta = {})
        : m_conn(c), m_stmt(s), m_key(std::move(key)), m_meta(std::move(meta)) {}
    Statement(Statement &&o) noexcept { *this = std::move(o); }
    Statement &operator=(Statement &&o) noexcept;
    ~Statement();
    Q_DISABLE_COPY(Statement)

    sqlite3_stmt *handle() const { return m_stmt; }
    /// Hands the statement over to the caller, who must finalize it.
    sqlite3_stmt *release();
    explicit operator bool() const { return m_stmt != nullptr; }
    /// Binds positional values starting at parameter *next, and every named value
    /// the statement uses. Advances *next past the parameters consumed.
    /// With copy, SQLite keeps its own copy of texts and blobs (for statements
    /// that outlive params); otherwise params must outlive the statement's use.
    Outcome<Done> bind(const Params &params, qsizetype *next, QSet<QString> *namedUsed, bool copy = false) const;
    /// Binds exactly the given positional values.
    Outcome<Done> bindRow(std::span<const Value> row) const;
    QStringList columnNames() const;
    QStringList declTypes() const;
    /// Set for statements prepared to be cached; null otherwise.
    StatementMeta *meta() const { return m_meta.get(); }
    /// Reads the current row of stmt into the result set.
    static void appendRow(sqlite3_stmt *stmt, ResultSet &rs);

private:
    Connection *m_conn = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_key; // non-empty: goes back to the cache
    std::shared_ptr<StatementMeta> m_meta;
};

/// One SQLite connection. Used by one task at a time (the executor's lanes
/// guarantee it); never touched by the UI thread.
class Connection final
{
public:
    enum class Role { Writer, Reader };

    Connection(QString path, Role role);
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    /// Opens with the safe defaults (no extension loading, defensive mode,
    /// untrusted schema, no double-quoted string literals) and the options,
    /// then reads the schema to fail early on a file that is not a database.
    Outcome<Done> open(const OpenOptions &options);
    bool isOpen() const { return m_db != nullptr; }
    void close();
    /// True when open() created the file.
    bool created() const { return m_created; }
    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }
    Role role() const { return m_role; }

    /// Prepares one statement; cached ones are kept between calls (persistent prepare).
    Outcome<Statement> prepare(const QByteArray &sql, bool cache = true, const char **tail = nullptr);

    /// Runs one statement, with busy retries. Fetch limits the rows read.
    Outcome<StatementResult> execute(const QByteArray &sql, const Params &params = {}, Fetch fetch = Fetch::all(),
                                     const CancelToken &cancel = {});
    /// Runs every statement of a script in order (split by SQLite's prepare
    /// tail); stops at the first failure with its byte offset in the script.
    Outcome<ScriptResult> executeScript(const QByteArray &sql, const Params &params = {}, Fetch fetch = Fetch::all(),
                                        const CancelToken &cancel = {});
    /// One prepared statement for every row, inside one transaction (or a
    /// savepoint when a transaction is already open); all or nothing.
    Outcome<StatementResult> executeMany(const QByteArray &sql, const QList<QList<Value>> &rows,
                                         const CancelToken &cancel = {});
    /// A statement that must succeed, for internal bookkeeping (no rows).
    Outcome<Done> exec(const QByteArray &sql);

    /// Steps a prepared, bound statement; reads up to limit rows (-1: all).
    /// Returns true when the statement is done.
    Outcome<bool> step(sqlite3_stmt *stmt, ResultSet &out, qint64 limit, int *retries = nullptr);

    /// The error SQLite holds now, with the SQL and offset.
    Error lastError(int rc, const QByteArray &sql = {}) const;

    bool autocommit() const;
    const TransactionState &transactionState() const { return m_state; }
    /// Called (on the connection's thread) whenever the transaction state changes.
    void setStateListener(std::function<void(const TransactionState &)> f) { m_stateListener = std::move(f); }
    /// Re-reads the autocommit flag after a statement and updates the tracked state.
    void trackStatement(const StatementInfo &info, bool succeeded);
    /// True when this connection holds state that another connection of the
    /// same database lacks: TEMP objects, attached databases, or a PRAGMA
    /// the user set here. A statement that depends on it must run here.
    bool hasSessionState();

    /// Called on the connection's thread after each commit to the main
    /// database in WAL mode: frames in the WAL, and wal_autocheckpoint.
    using WalListener = std::function<void(Connection &, int frames, int threshold)>;
    /// Takes over SQLite's automatic checkpoint for the main database of an
    /// open connection: SQLite no longer checkpoints inside the commit, and
    /// the listener decides (see Database::walCommitted()). Attached
    /// databases keep SQLite's own behaviour. PRAGMA wal_autocheckpoint keeps
    /// its meaning: it reads and sets the threshold the listener gets.
    void setWalListener(WalListener f);
    /// Called on the connection's thread before it runs PRAGMA wal_checkpoint
    /// (a checkpoint the user asked for): a checkpoint running elsewhere would
    /// make it return busy at once, so the callback waits for the database's
    /// background checkpoint to end.
    void setBeforeCheckpoint(std::function<void()> f) { m_beforeCheckpoint = std::move(f); }

    /// Ties a cancel token to this connection for the duration of a task.
    bool beginTask(const CancelToken &cancel);
    void endTask();
    bool cancelled() const { return m_cancelFlag && m_cancelFlag->load(std::memory_order_relaxed); }

    /// Safe to read from any thread.
    CacheStats cacheStats() const;
    const RetryPolicy &retryPolicy() const { return m_options.retry; }
    const OpenOptions &options() const { return m_options; }

private:
    friend class Statement;
    void giveBack(const QByteArray &key, sqlite3_stmt *stmt, std::shared_ptr<StatementMeta> meta);
    void forget(const QByteArray &key, sqlite3_stmt *stmt);
    void clearCache();
    bool backoff(int attempt, qint64 startedMs);
    Outcome<StatementResult> runOne(Statement &stmt, const QByteArray &sql, Fetch fetch, const StatementInfo &info);
    static int progressHandler(void *self);
    static int walHook(void *self, sqlite3 *db, const char *schema, int frames);
    int readWalThreshold() const;
    /// sqlite3_prepare_v3, and PRAGMA wal_autocheckpoint kept right (see setWalListener()). tail must not be null.
    int prepareRaw(const char *sql, int bytes, unsigned flags, sqlite3_stmt **stmt, const char **tail);

    QString m_path;
    Role m_role;
    sqlite3 *m_db = nullptr;
    OpenOptions m_options;
    bool m_created = false;
    TransactionState m_state;
    std::function<void(const TransactionState &)> m_stateListener;
    WalListener m_walListener;
    std::function<void()> m_beforeCheckpoint;
    int m_walThreshold = 0;
    bool m_pragmaSet = false; // a PRAGMA with an argument ran (see hasSessionState())
    const std::atomic<bool> *m_cancelFlag = nullptr;
    std::optional<CancelToken> m_task;

    // LRU of prepared statements: most recent at the front. A borrowed
    // statement stays in it, marked in use.
    struct Cached { QByteArray sql; sqlite3_stmt *stmt; std::shared_ptr<StatementMeta> meta; bool inUse = false; };
    std::list<Cached> m_lru;
    QHash<QByteArray, std::list<Cached>::iterator> m_cache;
    std::atomic<qint64> m_hits{0};
    std::atomic<qint64> m_misses{0};
    std::atomic<int> m_cacheSize{0};
};

} // namespace Litehouse
