#include "querystream.h"

#include "database_p.h"
#include "manager_p.h"

#include <QElapsedTimer>
#include <QThread>

#include <sqlite3.h>

namespace Litehouse {

StreamState::~StreamState()
{
    if (ownLane) {
        // The lane may be draining the task that held this state: it must not
        // be destroyed under itself. Its close keeps it alive until the drain
        // is over.
        std::shared_ptr<Lane> lane = std::move(ownLane);
        lane->closeAfterQueued([lane] {});
    }
}

void StreamState::finish(const Error *error)
{
    if (stmt) {
        sqlite3_finalize(stmt); // releases the read snapshot
        stmt = nullptr;
    }
    buffered.reset();
    atEnd.store(true);
    report(error);
}

void StreamState::report(const Error *error)
{
    if (reported)
        return;
    reported = true;
    finishRecord(record, error, busyNs, fetched.load() + (buffered ? buffered->rowCount() : 0), rowsAffected);
    detail::ManagerAccess::report(*db->manager, record, error ? *error : Error());
}

QueryStream::QueryStream(std::shared_ptr<StreamState> state) : d(std::move(state)) {}

QueryStream::~QueryStream()
{
    close();
}

const QStringList &QueryStream::columns() const { return d->columns; }
const QStringList &QueryStream::declTypes() const { return d->declTypes; }
bool QueryStream::atEnd() const { return d->atEnd.load(); }
qint64 QueryStream::rowsFetched() const { return d->fetched.load(); }
bool QueryStream::readOnly() const { return d->readOnly; }
bool QueryStream::sessionBound() const { return d->sessionBound; }

QFuture<Outcome<ResultSet>> QueryStream::fetch(int maxRows, const CancelToken &cancel)
{
    auto promise = makePromise<Outcome<ResultSet>>();
    auto future = promise->future();
    if (d->atEnd.load()) {
        // Read to the end or closed (its lane may be gone): nothing more.
        fulfil(*promise, ResultSet(d->columns, d->declTypes));
        return future;
    }
    auto state = d;
    Task t;
    t.fail = [promise](const Error &e) { fulfil(*promise, e); };
    t.run = [promise, state, maxRows, cancel](Connection &c) {
        if (state->buffered) {
            // A statement that wrote ran whole when it started: its rows go out at once.
            ResultSet rs = std::move(*state->buffered);
            state->buffered.reset();
            state->fetched.fetch_add(rs.rowCount());
            state->finish(nullptr);
            fulfil(*promise, std::move(rs));
            return;
        }
        ResultSet rs(state->columns, state->declTypes);
        if (!state->stmt) {
            fulfil(*promise, std::move(rs));
            return;
        }
        QElapsedTimer timer;
        timer.start();
        if (!c.beginTask(cancel)) {
            c.endTask();
            fulfil(*promise, Error::interrupted(QStringLiteral("cancelled before it started")));
            return;
        }
        rs.reserveRows(qMin(maxRows, 4096));
        auto r = c.step(state->stmt, rs, qMax(0, maxRows));
        c.endTask();
        state->busyNs += timer.nsecsElapsed();
        state->fetched.fetch_add(rs.rowCount());
        if (!r) {
            // A cancelled fetch leaves the stream usable: SQLite restarts a
            // statement after an interrupt, so the stream ends here instead.
            state->finish(&r.error());
            fulfil(*promise, r.error());
            return;
        }
        if (r.value())
            state->finish(nullptr);
        fulfil(*promise, std::move(rs));
    };
    if (auto s = d->lane().post(std::move(t), QThread::currentThread() != d->db->manager->thread()); !s)
        t.fail(s.error());
    return future;
}

QFuture<Outcome<Done>> QueryStream::close()
{
    auto promise = makePromise<Outcome<Done>>();
    auto future = promise->future();
    auto state = d;
    Task t;
    t.fail = [promise](const Error &) { fulfil(*promise, Done{}); };
    t.run = [promise, state](Connection &) {
        state->finish(nullptr);
        fulfil(*promise, Done{});
    };
    if (!d->lane().post(std::move(t), false))
        t.fail({});
    if (d->ownLane)
        d->ownLane->closeAfterQueued([keep = d->ownLane] {});
    return future;
}

namespace {

using StreamPromise = std::shared_ptr<QPromise<Outcome<std::shared_ptr<QueryStream>>>>;

// The start of a stream, run on whichever connection it lands on. Where a
// stream runs is settled here, on the connection, by what SQLite says of the
// prepared statement (sqlite3_stmt_readonly), not by its first word:
//  - a statement that writes always runs on the writer, to completion, as
//    sqlite3 would run it: its changes commit (or join the open
//    transaction) at once, and its rows (RETURNING) are held for the
//    first fetch. It is never run twice;
//  - a read on the session (Route::Session) stays on the writer while the
//    writer holds state another connection lacks (TEMP objects, ATTACH,
//    PRAGMAs, an open transaction); otherwise it moves to a connection of
//    its own, so that a long scroll neither holds a statement open on the
//    session (VACUUM and DETACH refuse to run beside one) nor pins an old
//    snapshot under the session's next write.
struct StreamStart
{
    StreamPromise promise;
    std::shared_ptr<StreamState> state;
    QByteArray utf8;
    Params params;
    ExecOptions options;
    // Manager::submit() for the writer: fails clearly once the database is closed.
    std::function<Outcome<Done>(Task &&)> submitToWriter;

    void settle(Outcome<std::shared_ptr<QueryStream>> r) const { fulfil(*promise, std::move(r)); }

    // Every failure to start is an operation of the user's too: it goes to
    // the history with its error.
    void fail(Error e) const
    {
        if (e.database().isEmpty())
            e.withDatabase(state->db->path);
        state->finish(&e);
        settle(std::move(e));
    }

    Task task() const
    {
        Task t;
        t.fail = [self = *this](const Error &e) { self.fail(e); };
        t.run = [self = *this](Connection &c) { self.run(c); };
        return t;
    }

    // Queues this start on the writer, behind what the session sent before.
    void toWriter() const
    {
        Task t = task();
        if (auto s = submitToWriter(std::move(t)); !s)
            fail(s.error());
    }

    void toOwnLane() const
    {
        const bool mayWait = QThread::currentThread() != state->db->manager->thread();
        state->ownLane = state->db->newStreamLane();
        Task t = task();
        if (auto s = state->ownLane->post(std::move(t), mayWait); !s)
            fail(s.error());
    }

    void run(Connection &c) const
    {
        if (!c.isOpen()) {
            if (auto r = c.open(state->db->options); !r) {
                fail(r.error());
                return;
            }
        }
        const char *tail = nullptr;
        auto stmt = c.prepare(utf8, /*cache=*/false, &tail);
        if (!stmt) {
            fail(stmt.error());
            return;
        }
        if (tail && !isBlankSql(QByteArrayView(tail, utf8.constData() + utf8.size() - tail))) {
            fail(Error::invalid(QStringLiteral("more than one statement given; run them as a script"))
                     .withSql(QString::fromUtf8(utf8))
                     .withOffset(int(tail - utf8.constData())));
            return;
        }
        const bool readOnly = sqlite3_stmt_readonly(stmt.value().handle()) != 0;
        if (!readOnly && options.onlyIfReadOnly) {
            fail(Error::invalid(QStringLiteral("the statement changes the database, so it is not run again"))
                     .withSql(QString::fromUtf8(utf8)));
            return;
        }
        if (c.role() == Connection::Role::Reader && !readOnly) {
            // The route was a guess from the text, and SQLite says it writes.
            stmt = Statement();
            if (std::shared_ptr<Lane> lane = std::move(state->ownLane))
                lane->closeAfterQueued([lane] {});
            toWriter();
            return;
        }
        const bool writer = c.role() == Connection::Role::Writer;
        const bool sessionState = writer && (!c.autocommit() || c.hasSessionState());
        if (writer && readOnly && options.route == Route::Session && !sessionState && state->db->hasReaders()) {
            stmt = Statement();
            toOwnLane();
            return;
        }
        state->readOnly = readOnly;
        state->sessionBound = sessionState;
        if (!readOnly) {
            // Run whole by the connection, which binds and checks the
            // parameters itself.
            stmt = Statement();
            QElapsedTimer timer;
            timer.start();
            Outcome<StatementResult> r = Error::interrupted(QStringLiteral("cancelled before it started"));
            if (c.beginTask(options.cancel))
                r = c.execute(utf8, params, Fetch::all(), options.cancel);
            c.endTask();
            state->busyNs += timer.nsecsElapsed();
            if (!r) {
                fail(r.error());
                return;
            }
            state->columns = r.value().rows.columns();
            state->declTypes = r.value().rows.declTypes();
            state->rowsAffected = r.value().rowsAffected;
            state->buffered.emplace(std::move(r.value().rows));
            state->report(nullptr);
            settle(std::make_shared<QueryStream>(state));
            return;
        }
        qsizetype next = 0;
        QSet<QString> used;
        if (auto b = stmt.value().bind(params, &next, &used, /*copy=*/true); !b) {
            fail(Error(b.error()).withSql(QString::fromUtf8(utf8)));
            return;
        }
        if (next < params.positional.size()) {
            fail(Error::invalid(QStringLiteral("too many parameters: the SQL uses %1, %2 were given")
                                    .arg(next)
                                    .arg(params.positional.size()))
                     .withSql(QString::fromUtf8(utf8)));
            return;
        }
        state->columns = stmt.value().columnNames();
        state->declTypes = stmt.value().declTypes();
        // Take ownership of the handle: the stream finalizes it.
        state->stmt = stmt.value().release();
        state->db->trackStream(state);
        settle(std::make_shared<QueryStream>(state));
    }
};

} // namespace

QFuture<Outcome<std::shared_ptr<QueryStream>>> Manager::stream(const QString &database, const QString &sql,
                                                              const Params &params, const ExecOptions &options)
{
    using R = std::shared_ptr<QueryStream>;
    auto promise = makePromise<Outcome<R>>();
    auto future = promise->future();
    auto db = find(database);
    if (!db) {
        settle<R>(promise, Error(Error::Kind::NotOpen, QStringLiteral("no open database named \"%1\"").arg(database)));
        return future;
    }
    const QByteArray utf8 = sql.toUtf8();
    auto state = std::make_shared<StreamState>();
    state->db = db;
    state->reported = !options.record;
    state->record.timestamp = QDateTime::currentDateTimeUtc();
    state->record.database = db->path;
    if (database != db->path)
        state->record.alias = database;
    state->record.sql = sql;
    state->record.params = params.toString();
    state->record.kind = options.kind;
    const StatementInfo info = classifyStatement(utf8);
    state->record.statementType = statementTypeName(info.kind);
    StreamStart start{promise, state, utf8, params, options,
                      [this, database](Task &&t) { return submit(database, Route::Writer, std::move(t)); }};
    // The first guess: from the text, on the calling thread. run() corrects it.
    const bool ownLane = db->hasReaders() && !db->inTransaction()
        && (options.route == Route::Reader
            || (options.route == Route::Auto && info.looksReadOnly()));
    if (ownLane) {
        start.toOwnLane();
        return future;
    }
    start.toWriter();
    return future;
}

} // namespace Litehouse
