#include "schemaactions.h"

#include "dropdialog.h"
#include "indexdialog.h"
#include "tabledesigner.h"
#include "triggerdialog.h"
#include "viewdialog.h"

#include "schema/schemadock.h"
#include "schema/schemamodel.h"

#include <QMenu>

namespace Litehouse {

SchemaActions::SchemaActions(Manager *manager, SchemaDock *dock, QWidget *window)
    : QObject(window), m_manager(manager), m_dock(dock), m_window(window)
{
    connect(dock, &SchemaDock::createRequested, this, [this](const QString &db, int kind, const QString &table) {
        switch (SchemaModel::Kind(kind)) {
        case SchemaModel::Kind::Index: createIndex(db, table); break;
        case SchemaModel::Kind::View: createView(db, m_editorSql ? m_editorSql() : QString()); break;
        case SchemaModel::Kind::Trigger: createTrigger(db, table); break;
        default: createTable(db); break;
        }
    });
    connect(dock, &SchemaDock::modifyRequested, this, [this](const QString &db, const QString &t) { modifyTable(db, t); });
    connect(dock, &SchemaDock::dropRequested, this, [this](const QString &db, const QString &n) { drop(db, n); });
}

template<typename D>
D *SchemaActions::open(D *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlanDialog::openInEditor, this, &SchemaActions::openInEditor);
    connect(dialog, &PlanDialog::applied, m_dock->model(), &SchemaModel::refresh);
    dialog->load();
    dialog->show();
    return dialog;
}

TableDesigner *SchemaActions::createTable(const QString &database)
{
    return open(new TableDesigner(m_manager, database, {}, m_window));
}

TableDesigner *SchemaActions::modifyTable(const QString &database, const QString &table)
{
    return open(new TableDesigner(m_manager, database, table, m_window));
}

IndexDialog *SchemaActions::createIndex(const QString &database, const QString &table)
{
    return open(new IndexDialog(m_manager, database, table, m_window));
}

ViewDialog *SchemaActions::createView(const QString &database, const QString &select)
{
    return open(new ViewDialog(m_manager, database, select, m_window));
}

TriggerDialog *SchemaActions::createTrigger(const QString &database, const QString &table)
{
    return open(new TriggerDialog(m_manager, database, table, m_window));
}

DropDialog *SchemaActions::drop(const QString &database, const QString &name)
{
    auto *d = new DropDialog(m_manager, database, name, m_window);
    d->setWindowModality(Qt::WindowModal);
    return open(d);
}

void SchemaActions::addToMenu(QMenu *tools, std::function<QString()> currentDatabase, std::function<QString()> editorSql)
{
    m_editorSql = editorSql;
    QMenu *menu = tools->addMenu(tr("&Schema"));
    auto withDb = [this, currentDatabase](auto f) {
        return [this, currentDatabase, f] {
            const QString db = currentDatabase();
            if (db.isEmpty())
                Q_EMIT message(tr("Open a database first."));
            else
                f(db);
        };
    };
    // The object picked in the tree, when it is of the kind wanted (Database: any object).
    auto selected = [this](SchemaModel::Kind want) {
        const SchemaDock::Object o = m_dock->currentObject();
        return (want == SchemaModel::Kind::Database || o.kind == want) ? o.name : QString();
    };
    menu->addAction(tr("New &Table…"), this, withDb([this](const QString &db) { createTable(db); }));
    menu->addAction(tr("&Modify Table…"), this, [this, selected] {
        const QString t = selected(SchemaModel::Kind::Table);
        if (t.isEmpty())
            Q_EMIT message(tr("Pick a table in the schema tree first."));
        else
            modifyTable(m_dock->currentObject().database, t);
    });
    menu->addAction(tr("New &Index…"), this, withDb([this, selected](const QString &db) {
        createIndex(db, selected(SchemaModel::Kind::Table));
    }));
    menu->addAction(tr("New &View from the Editor's SQL…"), this,
                    withDb([this, editorSql](const QString &db) { createView(db, editorSql()); }));
    menu->addAction(tr("New T&rigger…"), this, withDb([this, selected](const QString &db) {
        createTrigger(db, selected(SchemaModel::Kind::Table));
    }));
    menu->addAction(tr("&Drop…"), this, [this, selected] {
        const QString n = selected(SchemaModel::Kind::Database);
        if (n.isEmpty())
            Q_EMIT message(tr("Pick a table, view, index or trigger in the schema tree first."));
        else
            drop(m_dock->currentObject().database, n);
    });
}

} // namespace Litehouse
