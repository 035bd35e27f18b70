#pragma once

#include "schemamodel.h"

#include <QDockWidget>
#include <QSet>

class QTreeView;

namespace Litehouse {

class Manager;

/// The schema tree in a dock (objectName "schemaDock"). Double-clicking a
/// table or view (or Return on it) asks to browse it; the context menu offers Browse, Copy
/// Name, SELECT * in the editor, Copy CREATE Statement, Create…, Modify
/// Table…, Drop…, Export… and Refresh. Expanded branches stay
/// expanded when the tree is read again after DDL.
class SchemaDock final : public QDockWidget
{
    Q_OBJECT
public:
    explicit SchemaDock(Manager *manager, QWidget *parent = nullptr);

    SchemaModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

    /// The object (table, view, index, trigger) picked in the tree.
    struct Object
    {
        QString database;
        QString name;
        SchemaModel::Kind kind = SchemaModel::Kind::Database;
    };
    Object currentObject() const;

Q_SIGNALS:
    /// The user wants to browse a table or view of a database (its path).
    void tableActivated(const QString &database, const QString &table);
    /// The user wants this SQL in a new editor tab.
    void openInEditor(const QString &sql);
    /// Create… on the tree: kind is a SchemaModel::Kind (Table, View,
    /// Index, Trigger); table is the table picked, if any.
    void createRequested(const QString &database, int kind, const QString &table);
    void modifyRequested(const QString &database, const QString &table);
    void dropRequested(const QString &database, const QString &name);

private:
    void showMenu(const QPoint &pos);
    void restoreExpanded(const QString &database);

    Manager *m_manager; // for Export… of a table
    SchemaModel *m_model;
    QTreeView *m_view;
    QSet<QString> m_expanded; // "path/kind/name" keys of expanded items
};

} // namespace Litehouse
