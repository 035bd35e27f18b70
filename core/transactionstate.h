#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QStringList>

namespace Litehouse {

/// The writer connection's transaction state as SQLite reports it
/// (sqlite3_get_autocommit), with the savepoint stack, also when the user's
/// own SQL began or ended the transaction.
struct TransactionState
{
    enum class Mode { None, Deferred, Immediate, Exclusive, Savepoint };

    bool active = false;      ///< false in autocommit mode
    Mode mode = Mode::None;   ///< how it began; Savepoint when a SAVEPOINT opened it
    QDateTime since;          ///< when it began (UTC)
    QStringList savepoints;   ///< the live stack, outermost first

    bool operator==(const TransactionState &o) const
    {
        return active == o.active && mode == o.mode && since == o.since && savepoints == o.savepoints;
    }
    bool operator!=(const TransactionState &o) const { return !(*this == o); }
};

QString transactionModeName(TransactionState::Mode mode);

} // namespace Litehouse

Q_DECLARE_METATYPE(Litehouse::TransactionState)
