#include "manager_p.h"

#include "database_p.h"

#include <QElapsedTimer>

// Transaction control and the optimistic update: small operations on the
// writer, each recorded like any other.

namespace Litehouse {

using detail::notOpen;
using detail::startRecord;

QFuture<Outcome<TransactionState>> Manager::transactionOp(const QString &database, const QByteArray &sql,
                                                          OperationRecord::Kind kind)
{
    auto promise = makePromise<Outcome<TransactionState>>();
    auto future = promise->future();
    auto db = find(database);
    if (!db) {
        settle<TransactionState>(promise, notOpen(database));
        return future;
    }
    auto op = std::make_shared<OperationRecord>(startRecord(db, database, QString::fromUtf8(sql), {}, kind));
    Task task;
    task.fail = [this, promise, op](const Error &e) {
        finishRecord(*op, &e, 0, 0, 0);
        report(*op, e);
        settle<TransactionState>(promise, e);
    };
    task.run = [this, promise, op, sql](Connection &c) {
        QElapsedTimer t;
        t.start();
        auto r = c.execute(sql, {}, Fetch::none());
        finishRecord(*op, r ? nullptr : &r.error(), t.nsecsElapsed(), 0, 0);
        report(*op, r ? Error() : r.error());
        if (!r)
            settle<TransactionState>(promise, r.error());
        else
            settle<TransactionState>(promise, c.transactionState());
    };
    if (auto s = submit(database, Route::Writer, std::move(task)); !s)
        task.fail(s.error());
    return future;
}

QFuture<Outcome<TransactionState>> Manager::begin(const QString &database, BeginMode mode)
{
    const QByteArray sql = mode == BeginMode::Immediate ? "BEGIN IMMEDIATE"
        : mode == BeginMode::Exclusive                  ? "BEGIN EXCLUSIVE"
                                                        : "BEGIN DEFERRED";
    return transactionOp(database, sql, OperationRecord::Kind::Begin);
}

QFuture<Outcome<TransactionState>> Manager::commit(const QString &database)
{
    return transactionOp(database, "COMMIT", OperationRecord::Kind::Commit);
}

QFuture<Outcome<TransactionState>> Manager::rollback(const QString &database)
{
    return transactionOp(database, "ROLLBACK", OperationRecord::Kind::Rollback);
}

static QFuture<Outcome<TransactionState>> invalidName(const QString &why)
{
    QPromise<Outcome<TransactionState>> p;
    p.start();
    fulfil(p, Error::invalid(why));
    return p.future();
}

QFuture<Outcome<TransactionState>> Manager::savepoint(const QString &database, const QString &name)
{
    if (const QString why = validateSavepointName(name); !why.isEmpty())
        return invalidName(why);
    return transactionOp(database, "SAVEPOINT " + quoteIdentifier(name).toUtf8(), OperationRecord::Kind::Savepoint);
}

QFuture<Outcome<TransactionState>> Manager::release(const QString &database, const QString &name)
{
    if (const QString why = validateSavepointName(name); !why.isEmpty())
        return invalidName(why);
    return transactionOp(database, "RELEASE SAVEPOINT " + quoteIdentifier(name).toUtf8(), OperationRecord::Kind::Release);
}

QFuture<Outcome<TransactionState>> Manager::rollbackTo(const QString &database, const QString &name)
{
    if (const QString why = validateSavepointName(name); !why.isEmpty())
        return invalidName(why);
    return transactionOp(database, "ROLLBACK TO SAVEPOINT " + quoteIdentifier(name).toUtf8(),
                         OperationRecord::Kind::RollbackTo);
}

QFuture<Outcome<bool>> Manager::updateIfVersion(const QString &database, const VersionedUpdate &u)
{
    if (u.table.isEmpty() || u.keyColumn.isEmpty() || u.versionColumn.isEmpty()) {
        QPromise<Outcome<bool>> p;
        p.start();
        fulfil(p, Error::invalid(QStringLiteral("an optimistic update needs a table, a key column and a version column")));
        return p.future();
    }
    QString sql = QStringLiteral("UPDATE %1 SET ").arg(quoteIdentifier(u.table));
    Params params;
    for (const auto &[col, v] : u.set) {
        sql += quoteIdentifier(col) + QStringLiteral(" = ?, ");
        params.positional.append(v);
    }
    const QString ver = quoteIdentifier(u.versionColumn);
    sql += QStringLiteral("%1 = %1 + 1 WHERE %2 = ? AND %1 = ?").arg(ver, quoteIdentifier(u.keyColumn));
    params.positional.append(u.key);
    params.positional.append(Value(u.expectedVersion));
    // The changed-row count of this very statement decides; a separate
    // "SELECT changes()" could run on another connection.
    return withConnection<bool>(database, Route::Writer, [sql, params](Connection &c) -> Outcome<bool> {
        auto r = c.execute(sql.toUtf8(), params, Fetch::none());
        if (!r)
            return r.error();
        return r.value().rowsAffected == 1;
    });
}

} // namespace Litehouse
