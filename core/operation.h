#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Litehouse {

/// One operation the manager ran, as the history and the metrics see it.
/// Results themselves are not part of it.
struct OperationRecord
{
    enum class Kind { Query, Script, Begin, Commit, Rollback, Savepoint, Release, RollbackTo, Migration, Maintenance };
    enum class Outcome { Ok, Error, Cancelled };

    QDateTime timestamp;        ///< when it started (UTC)
    QString database;           ///< the database's path
    QString alias;              ///< the alias the caller used, if any
    QString sql;
    QString params;             ///< rendered parameters (for history display)
    QString paramsJson;         ///< parameters as a JSON array or object
    Kind kind = Kind::Query;
    Outcome outcome = Outcome::Ok;
    QString error;
    int errorCode = 0;          ///< SQLite's extended code, 0 when ok
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    qint64 durationNs = 0;
    QString statementType;      ///< SELECT, INSERT, UPDATE, DELETE, DDL, PRAGMA or OTHER
};

QString operationKindName(OperationRecord::Kind kind);
QString operationOutcomeName(OperationRecord::Outcome outcome);

/// Receives every operation the manager runs. record() is called on worker
/// threads, right after the operation; it must be thread-safe and cheap, and
/// must never do I/O on the calling thread.
class OperationSink
{
public:
    virtual ~OperationSink() = default;
    virtual void record(const OperationRecord &op) = 0;
};

} // namespace Litehouse

Q_DECLARE_METATYPE(Litehouse::OperationRecord)
