#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace Litehouse {

class DropDialog;
class IndexDialog;
class Manager;
class SchemaDock;
class TableDesigner;
class TriggerDialog;
class ViewDialog;

/// Opens the schema dialogs for the schema tree's context menu and the
/// Tools menu, and wires them: a change that ran reads the tree again (open
/// table browsers follow by themselves, on the DDL they see), "Open in
/// Editor" goes to openInEditor(). The designers are not modal; Drop asks
/// window-modally, since it confirms losing data.
class SchemaActions final : public QObject
{
    Q_OBJECT
public:
    SchemaActions(Manager *manager, SchemaDock *dock, QWidget *window);

    TableDesigner *createTable(const QString &database);
    TableDesigner *modifyTable(const QString &database, const QString &table);
    IndexDialog *createIndex(const QString &database, const QString &table = {});
    ViewDialog *createView(const QString &database, const QString &select = {});
    TriggerDialog *createTrigger(const QString &database, const QString &table = {});
    DropDialog *drop(const QString &database, const QString &name);

    /// Adds Tools ▸ Schema. currentDatabase and editorSql come from the window.
    void addToMenu(QMenu *tools, std::function<QString()> currentDatabase, std::function<QString()> editorSql);

Q_SIGNALS:
    void openInEditor(const QString &sql, const QString &database);
    /// A short note for the status bar ("Open a database first.").
    void message(const QString &text);

private:
    template<typename D>
    D *open(D *dialog);

    Manager *m_manager;
    SchemaDock *m_dock;
    QWidget *m_window;
    std::function<QString()> m_editorSql; // the current editor's text, for a new view
};

} // namespace Litehouse
