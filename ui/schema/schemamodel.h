#pragma once

#include <core/manager.h>
#include <core/schema/catalog.h>

#include <QHash>
#include <QStandardItemModel>

namespace Litehouse {

/// The objects of every open database as a tree: database ▸ Tables, Views,
/// Indexes, Triggers ▸ objects, with the columns and their declared types
/// under tables and views. Two columns: the name, and a detail (declared
/// type, or the table an index or trigger belongs to).
///
/// The schema is read off the UI thread with readCatalog() (a reader
/// unless a transaction is open; not recorded in the history). The tree follows the manager:
/// databases appear when opened and go when closed, and a database is read
/// again after DDL, a script, a migration or maintenance finishes on it.
class SchemaModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< a Kind
        DatabaseRole,                ///< the database's path
        NameRole,                    ///< the object's (or column's) name, unquoted
        TableRole,                   ///< the table an object or column belongs to
        TypeRole,                    ///< a column's declared type
        GroupRole,                   ///< for a group: the Kind of the objects under it
    };
    enum class Kind { Database = 1, Group, Table, View, Index, Trigger, Column };
    Q_ENUM(Kind)

    explicit SchemaModel(Manager *manager, QObject *parent = nullptr);

    /// Adds a database (by path or alias) and reads its schema.
    void addDatabase(const QString &database);
    void removeDatabase(const QString &database);
    /// Reads a database's schema again.
    void refresh(const QString &database);
    void refreshAll();

    /// The top-level item of a database, or nullptr.
    QStandardItem *databaseItem(const QString &database) const;
    /// The group item (Kind::Table, View, Index or Trigger) of a database.
    QStandardItem *groupItem(const QString &database, Kind kind) const;
    /// The names under a group, in tree order (for tests and completion).
    QStringList objectNames(const QString &database, Kind kind) const;
    /// A table's or view's columns as "name TYPE" (for tests and tooltips).
    QStringList columnsOf(const QString &database, const QString &table) const;
    /// A table's or view's column names only.
    QStringList columnNames(const QString &database, const QString &table) const;
    /// The catalog the tree was last built from; nullptr before the first read.
    const Catalog *catalog(const QString &database) const;

Q_SIGNALS:
    /// A database's tree was rebuilt.
    void refreshed(const QString &database);
    void refreshFailed(const QString &database, const QString &message);

private:
    struct Snapshot;
    void onOperation(const OperationRecord &op);
    void apply(const QString &path, const Snapshot &s);
    QString pathOf(const QString &database) const;

    Manager *m_manager;
    QHash<QString, quint64> m_generation;
    QHash<QString, Catalog> m_catalogs; // by path
};

} // namespace Litehouse
