#pragma once

#include <QByteArrayView>
#include <QString>

namespace Litehouse {

/// What a statement is, read from its leading keywords without SQLite.
/// Used to route statements, to keep the transaction and savepoint state in
/// step with SQL the user types, and to count statements by type.
struct StatementInfo
{
    enum class Kind {
        Empty, Select, Insert, Update, Delete, Ddl, Pragma,
        Begin, Commit, Rollback, RollbackTo, Savepoint, Release,
        Attach, Detach, Vacuum, Analyze, Explain, With, Other
    };
    enum class BeginMode { Deferred, Immediate, Exclusive };

    Kind kind = Kind::Empty;
    BeginMode beginMode = BeginMode::Deferred;
    QString name; ///< the savepoint name of SAVEPOINT, RELEASE and ROLLBACK TO, unquoted

    bool isTransactionControl() const
    {
        return kind == Kind::Begin || kind == Kind::Commit || kind == Kind::Rollback
            || kind == Kind::RollbackTo || kind == Kind::Savepoint || kind == Kind::Release;
    }
    /// A statement that can only read (before SQLite confirms it).
    bool looksReadOnly() const { return kind == Kind::Select || kind == Kind::With || kind == Kind::Explain; }
};

/// Classifies the first statement of UTF-8 SQL text.
StatementInfo classifyStatement(QByteArrayView sql);

/// Metric bucket names: SELECT, INSERT, UPDATE, DELETE, DDL, PRAGMA, OTHER.
QString statementTypeName(StatementInfo::Kind kind);

/// True when the text holds nothing but whitespace, comments and semicolons.
bool isBlankSql(QByteArrayView sql);

/// Quotes an identifier for SQL ("a""b"); never fails.
QString quoteIdentifier(const QString &name);

/// Checks a savepoint name as an identifier (a letter or underscore, then
/// letters, digits, underscores; at most 128 characters). Returns an empty
/// string when valid, else the reason.
QString validateSavepointName(const QString &name);

} // namespace Litehouse
