#pragma once

#include "../manager.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

namespace Litehouse {

/// The table a set of row edits applies to.
struct EditTarget
{
    QString table;
    QStringList columns;    ///< the table's columns, in order (indexes in RowEdit refer to them)
    /// How a row is found again: a rowid name ("rowid", "_rowid_" or "oid"),
    /// or the PRIMARY KEY columns of a WITHOUT ROWID table.
    QStringList keyColumns;
};

/// One pending change to a table's rows, as the table browser collects them.
struct RowEdit
{
    enum class Kind { Update, Insert, Delete };
    Kind kind = Kind::Update;
    /// Update, Delete: the row's key as it was read (never NULL).
    QList<Value> key;
    /// Update, Delete: every column as it was read, to see whether the row
    /// changed meanwhile. Empty: not checked.
    QList<Value> original;
    /// Update: the columns set. Insert: the columns given; the others get
    /// their DEFAULT.
    QList<QPair<int, Value>> values;
};

/// One statement of a plan, and the edit (its index) it comes from.
struct PlannedEdit
{
    QString sql;
    Params params;
    int edit = -1;
};

/// The statements that apply the edits, with every value bound: deletes
/// first, then updates, then inserts (so that a deleted row's key can be
/// taken again by a new row). An InvalidArgument error names a bad edit.
Outcome<QList<PlannedEdit>> planEdits(const EditTarget &target, const QList<RowEdit> &edits);

/// The plan as text for people: each statement followed by its bound values
/// as SQL literals in a comment.
QString planText(const QList<PlannedEdit> &plan);

/// What applying edits came to. Nothing was written unless applied is true.
struct EditReport
{
    bool applied = false;
    qint64 rowsChanged = 0;
    /// Edits whose row changed or vanished since it was read, with the reason.
    QList<QPair<int, QString>> conflicts;
    /// The edit whose statement failed (a constraint), or -1.
    int failedEdit = -1;
    Error failure;
};

struct EditOptions
{
    /// Write even over rows that changed since they were read.
    bool overwriteChanged = false;
};

/// Applies the edits on the database's writer connection (the editor tabs'
/// session), in one transaction: BEGIN IMMEDIATE, or a savepoint inside the
/// session's open transaction, so the edits become part of it. Before
/// writing, each updated or deleted row is read again and compared with its
/// original values; any difference stops everything (unless overwriting is
/// asked for). All or nothing: on a conflict or a failed statement the
/// report says which edit, and the database is as it was.
QFuture<Outcome<EditReport>> applyEdits(Manager &manager, const QString &database, const EditTarget &target,
                                        const QList<RowEdit> &edits, const EditOptions &options = {});

/// The value a user's text becomes in a column of this declared type,
/// following SQLite's affinity rules: in an INTEGER, REAL or NUMERIC column
/// a number is stored as a number, anything else (and any text in a TEXT or
/// BLOB column) as text. Empty text stays empty text, never NULL.
Value valueForColumn(const QString &text, const QString &declaredType);

} // namespace Litehouse
