#pragma once

#include "../outcome.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Litehouse {

/// A CHECK constraint: its expression as written, and its name if it has one.
struct CheckDesc
{
    QString name;
    QString expr;
    bool operator==(const CheckDesc &) const = default;
};

/// A FOREIGN KEY: the table's columns and the columns of the parent table
/// they refer to (empty refColumns: the parent's primary key).
struct ForeignKeyDesc
{
    QString name;
    QStringList columns;
    QString refTable;
    QStringList refColumns;
    QString onDelete;   ///< "CASCADE", "SET NULL", ... ; empty: NO ACTION
    QString onUpdate;
    QString tail;       ///< MATCH and DEFERRABLE clauses, as written
    bool operator==(const ForeignKeyDesc &) const = default;
    /// "FOREIGN KEY(a) REFERENCES p(id) ON DELETE CASCADE".
    QString sql() const;
};

/// A UNIQUE table constraint over several columns.
struct UniqueDesc
{
    QString name;
    QStringList columns;
    QString conflict;   ///< ON CONFLICT resolution, empty for the default
    bool operator==(const UniqueDesc &) const = default;
};

/// One column as the table designer edits it.
struct ColumnDesc
{
    enum class Generated { No, Virtual, Stored };

    QString name;
    /// The name of the existing column this one continues (its rows are
    /// copied from there); empty for a new column. The catalog sets it to
    /// the name itself.
    QString origin;
    QString type;            ///< declared type as written ("VARCHAR(20)"), may be empty
    bool notNull = false;
    QString notNullConflict;
    QString defaultExpr;     ///< DEFAULT as written ("0", "'x'", "(random())"); empty: none
    int primaryKey = 0;      ///< position in the primary key (1, 2, …); 0: not part of it
    bool unique = false;     ///< a single-column UNIQUE
    QString uniqueConflict;
    QList<CheckDesc> checks; ///< column CHECK constraints
    QString collation;       ///< COLLATE name; empty for the default (BINARY)
    Generated generated = Generated::No;
    QString generatedExpr;   ///< GENERATED ALWAYS AS (expr): the expression
    bool hidden = false;     ///< a hidden column of a virtual table

    bool isGenerated() const { return generated != Generated::No; }
    bool operator==(const ColumnDesc &) const = default;
};

/// A table as the designer edits it and the planner compares: enough to
/// write its CREATE TABLE again without losing anything SQLite keeps.
struct TableDesc
{
    QString name;
    /// The existing table this one is (empty: a new table).
    QString origin;
    QList<ColumnDesc> columns;
    bool autoincrement = false;     ///< the INTEGER PRIMARY KEY is AUTOINCREMENT
    bool primaryKeyDescending = false; ///< a one-column key declared DESC
    QString primaryKeyConflict;
    QString primaryKeyName;
    QList<UniqueDesc> uniques;
    QList<CheckDesc> checks;
    QList<ForeignKeyDesc> foreignKeys;
    bool withoutRowid = false;
    bool strict = false;

    bool operator==(const TableDesc &) const = default;

    /// The column with this name (case-insensitive), or nullptr.
    const ColumnDesc *column(const QString &name) const;
    int indexOf(const QString &name) const;
    /// The primary key's columns in key order.
    QStringList primaryKey() const;
    /// The column's definition as CREATE TABLE writes it.
    static QString columnSql(const ColumnDesc &c, const TableDesc &table);
    /// The table constraints (after the columns), each as written.
    QStringList constraintSql() const;
    /// CREATE TABLE for the description, under its name or another one.
    QString createSql(const QString &asName = {}) const;
    /// Renames a column and every reference to it in the description
    /// (CHECK, generated and DEFAULT expressions, keys, foreign keys).
    void renameColumn(const QString &from, const QString &to);
    /// The same for the column at index i (names may repeat while edited).
    void renameColumnAt(int i, const QString &to);
    /// What is wrong with the description, for people ("column 2 has no
    /// name"); empty when it can be created.
    QStringList problems() const;
};

/// Reads a CREATE TABLE statement into a description. Fails with a message
/// on text it cannot follow (a virtual table, CREATE TABLE … AS).
Outcome<TableDesc> parseCreateTable(const QString &sql);

/// One column of an index: a column name or an expression.
struct IndexColumn
{
    QString column;      ///< empty when expr is set
    QString expr;
    QString collation;
    bool descending = false;
};

/// What the index dialog edits.
struct IndexDesc
{
    QString name;
    QString table;
    bool unique = false;
    QList<IndexColumn> columns;
    QString where;       ///< partial index condition; empty: the whole table
    QString createSql() const;
};

/// What the trigger dialog edits.
struct TriggerDesc
{
    QString name;
    QString table;
    QString timing = QStringLiteral("AFTER");   ///< BEFORE, AFTER or INSTEAD OF
    QString event = QStringLiteral("INSERT");   ///< INSERT, DELETE or UPDATE
    QStringList updateOf;                       ///< UPDATE OF these columns
    QString when;                               ///< WHEN condition; empty: always
    QString body;                               ///< the statements between BEGIN and END
    QString createSql() const;
};

} // namespace Litehouse
