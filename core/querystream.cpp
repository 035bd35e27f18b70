#include "querystream.h"

#include "database_p.h"

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
    atEnd.store(true);
    if (!reported) {
        reported = true;
        record.durationNs = busyNs;
        record.rowsReturned = fetched.load();
        if (error) {
            record.outcome = error->kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled
                                                                       : OperationRecord::Outcome::Error;
            record.error = error->message();
            record.errorCode = error->extendedCode();
        }
        db->manager->report(record, error ? *error : Error());
    }
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

QFuture<Outcome<ResultSet>> QueryStream::fetch(int maxRows, const CancelToken &cancel)
{
    auto promise = makePromise<Outcome<ResultSet>>();
    auto future = promise->future();
    auto state = d;
    Task t;
    t.fail = [promise](const Error &e) { fulfil(*promise, e); };
    t.run = [promise, state, maxRows, cancel](Connection &c) {
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
    state->record.timestamp = QDateTime::currentDateTimeUtc();
    state->record.database = db->path;
    if (database != db->path)
        state->record.alias = database;
    state->record.sql = sql;
    state->record.params = params.toString();
    state->record.kind = options.kind;
    state->record.statementType = statementTypeName(classifyStatement(utf8).kind);
    const bool ownLane = db->hasReaders() && options.route != Route::Writer && !db->inTransaction()
        && (options.route == Route::Reader || classifyStatement(utf8).looksReadOnly());
    if (ownLane)
        state->ownLane = db->newStreamLane();

    Task t;
    t.fail = [promise](const Error &e) { settle<R>(promise, e); };
    t.run = [this, promise, state, utf8, params, options](Connection &c) {
        if (!c.isOpen()) {
            if (auto r = c.open(state->db->options); !r) {
                settle<R>(promise, r.error());
                return;
            }
        }
        const char *tail = nullptr;
        auto stmt = c.prepare(utf8, /*cache=*/false, &tail);
        if (!stmt) {
            settle<R>(promise, stmt.error());
            return;
        }
        if (tail && !isBlankSql(QByteArrayView(tail, utf8.constData() + utf8.size() - tail))) {
            settle<R>(promise, Error::invalid(QStringLiteral("a stream takes one statement"))
                                   .withSql(QString::fromUtf8(utf8)).withOffset(int(tail - utf8.constData())));
            return;
        }
        if (c.role() == Connection::Role::Reader && !sqlite3_stmt_readonly(stmt.value().handle())) {
            settle<R>(promise, Error::invalid(QStringLiteral("this statement writes; stream it on the writer"))
                                   .withSql(QString::fromUtf8(utf8)));
            return;
        }
        qsizetype next = 0;
        QSet<QString> used;
        if (auto b = stmt.value().bind(params, &next, &used, /*copy=*/true); !b) {
            settle<R>(promise, b.error());
            return;
        }
        if (next < params.positional.size()) {
            settle<R>(promise, Error::invalid(QStringLiteral("too many parameters: the SQL uses %1, %2 were given")
                                                  .arg(next).arg(params.positional.size())));
            return;
        }
        state->columns = stmt.value().columnNames();
        state->declTypes = stmt.value().declTypes();
        // Take ownership of the handle: the stream finalizes it.
        state->stmt = stmt.value().release();
        state->db->trackStream(state);
        settle<R>(promise, std::make_shared<QueryStream>(state));
        Q_UNUSED(this);
    };
    const bool mayWait = QThread::currentThread() != thread();
    Outcome<Done> posted = ownLane ? state->ownLane->post(std::move(t), mayWait) : Outcome<Done>(Done{});
    if (!ownLane) {
        // On the writer, through submit() so that a closed database fails clearly.
        posted = submit(database, Route::Writer, std::move(t));
    }
    if (!posted)
        t.fail(posted.error());
    return future;
}

} // namespace Litehouse
