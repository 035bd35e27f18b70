#pragma once

#include "tabledesc.h"

#include "../outcome.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace Litehouse {

class Connection;
class Manager;
enum class Route;

/// An index as the catalog reads it (PRAGMA index_list and index_xinfo).
struct IndexInfo
{
    QString name;
    QString table;
    QString sql;          ///< CREATE INDEX as stored; empty for SQLite's own (PRIMARY KEY, UNIQUE)
    bool unique = false;
    bool partial = false;
    QString origin;       ///< "c" (CREATE INDEX), "u" (UNIQUE constraint) or "pk"
    QStringList columns;  ///< key columns; "<expression>" for an expression
};

/// A view or a trigger.
struct ObjectInfo
{
    QString type;         ///< "view" or "trigger"
    QString name;
    QString table;        ///< a trigger's table; a view's own name
    QString sql;
    QList<ColumnDesc> columns; ///< a view's result columns (name, declared type)
    QString error;        ///< reading a view's columns failed (it names what no longer exists)
};

/// A table: its description and what SQLite says about it.
struct TableInfo
{
    TableDesc desc;
    QString sql;          ///< CREATE TABLE as stored
    bool isVirtual = false;
    /// The description was read back from the SQL completely; false for
    /// virtual tables and text the parser could not follow (the table can
    /// be browsed and dropped, not modified).
    bool editable = true;
    QString readProblem;  ///< why it is not editable
};

/// A table that refers to another with a foreign key (a "foreign key in").
struct ForeignKeyRef
{
    QString table;        ///< the child table
    ForeignKeyDesc key;
};

/// The schema of a database's main schema, read in one task on one connection.
struct Catalog
{
    QString database;      ///< the path
    int schemaVersion = 0; ///< PRAGMA schema_version when read: a plan made from it checks it still holds
    bool foreignKeys = false;      ///< PRAGMA foreign_keys on the connection that read it
    bool legacyAlterTable = false; ///< PRAGMA legacy_alter_table on it
    QList<TableInfo> tables;
    QList<IndexInfo> indexes;
    QList<ObjectInfo> views;
    QList<ObjectInfo> triggers;

    const TableInfo *table(const QString &name) const;
    const ObjectInfo *view(const QString &name) const;
    const ObjectInfo *trigger(const QString &name) const;
    const IndexInfo *index(const QString &name) const;
    /// True when a table, view, index or trigger has the name.
    bool hasObject(const QString &name) const;
    QList<IndexInfo> indexesOf(const QString &table) const;
    QList<ObjectInfo> triggersOf(const QString &table) const;
    /// Foreign keys of other tables (and the table itself) that refer to the table.
    QList<ForeignKeyRef> referencing(const QString &table) const;
    /// Views whose SQL names the object.
    QList<ObjectInfo> viewsNaming(const QString &name) const;
    /// The CREATE statement of any object; empty when unknown.
    QString createSql(const QString &name) const;
};

/// Reads the catalog on a connection (the caller's task). Tables with text
/// the parser cannot follow are listed, marked not editable. With only,
/// just that table or view and its indexes and triggers are read (a
/// partial catalog, for a browser; plans need the whole one).
Outcome<Catalog> readCatalog(Connection &c, const QString &only = {});

/// Reads the catalog of an open database off the calling thread. Route
/// Writer reads on the tab session's connection (what a plan is applied
/// to); Auto reads on a reader unless a transaction is open. Nothing is
/// recorded in the history.
QFuture<Outcome<Catalog>> readCatalog(Manager &manager, const QString &database, Route route, const QString &only = {});

} // namespace Litehouse
