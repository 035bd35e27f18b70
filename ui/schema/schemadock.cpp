#include "schemadock.h"

#include "schemamodel.h"

#include <core/sqlclassify.h>

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>

#include "io/exportdialog.h"
#include <QTreeView>

#include <functional>

namespace Litehouse {

namespace {

// A key that survives the tree being rebuilt: database, kind and name path.
QString keyOf(const QModelIndex &index)
{
    QStringList parts;
    for (QModelIndex i = index; i.isValid(); i = i.parent())
        parts.prepend(i.data(SchemaModel::KindRole).toString() + QLatin1Char(':')
                      + i.data(SchemaModel::GroupRole).toString() + QLatin1Char(':')
                      + i.data(SchemaModel::NameRole).toString());
    return index.data(SchemaModel::DatabaseRole).toString() + QLatin1Char('|') + parts.join(QLatin1Char('/'));
}

bool isBrowsable(const QModelIndex &index)
{
    const auto kind = SchemaModel::Kind(index.siblingAtColumn(0).data(SchemaModel::KindRole).toInt());
    return kind == SchemaModel::Kind::Table || kind == SchemaModel::Kind::View;
}

} // namespace

SchemaDock::SchemaDock(Manager *manager, QWidget *parent)
    : QDockWidget(tr("Schema"), parent), m_manager(manager), m_model(new SchemaModel(manager, this)), m_view(new QTreeView)
{
    setObjectName(QStringLiteral("schemaDock"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setExpandsOnDoubleClick(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Names are never cut short; a narrow dock scrolls sideways instead.
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setWidget(m_view);

    // Activation is a double-click (or the platform's click) or Return.
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(0);
        if (isBrowsable(first))
            Q_EMIT tableActivated(first.data(SchemaModel::DatabaseRole).toString(),
                                  first.data(SchemaModel::NameRole).toString());
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(0);
        if (!isBrowsable(first))
            m_view->setExpanded(first, !m_view->isExpanded(first));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &SchemaDock::showMenu);
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &i) { m_expanded.insert(keyOf(i)); });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex &i) { m_expanded.remove(keyOf(i)); });
    connect(m_model, &SchemaModel::refreshed, this, &SchemaDock::restoreExpanded);
    // A database shows its tables when it first appears.
    auto expandByDefault = [this](int first, int last) {
        for (int r = first; r <= last; ++r) {
            const QModelIndex db = m_model->index(r, 0);
            m_expanded.insert(keyOf(db));
            m_expanded.insert(keyOf(db) + QStringLiteral("/%1:%2:").arg(int(SchemaModel::Kind::Group))
                                              .arg(int(SchemaModel::Kind::Table)));
        }
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [expandByDefault](const QModelIndex &where, int first, int last) {
                if (!where.isValid())
                    expandByDefault(first, last);
            });
    expandByDefault(0, m_model->rowCount() - 1);
}

void SchemaDock::restoreExpanded(const QString &database)
{
    // Walks the rebuilt tree and expands what was expanded before.
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex i = m_model->index(r, 0, parent);
            if (m_model->rowCount(i) == 0)
                continue;
            if (m_expanded.contains(keyOf(i))) {
                m_view->setExpanded(i, true);
                walk(i);
            }
        }
    };
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex db = m_model->index(r, 0);
        if (db.data(SchemaModel::DatabaseRole).toString() != database)
            continue;
        if (m_expanded.contains(keyOf(db))) {
            m_view->setExpanded(db, true);
            walk(db);
        }
    }
}

SchemaDock::Object SchemaDock::currentObject() const
{
    const QModelIndex index = m_view->currentIndex().siblingAtColumn(0);
    Object o;
    if (!index.isValid())
        return o;
    o.database = index.data(SchemaModel::DatabaseRole).toString();
    o.kind = SchemaModel::Kind(index.data(SchemaModel::KindRole).toInt());
    if (o.kind == SchemaModel::Kind::Column) { // a column stands for its table
        o.name = index.data(SchemaModel::TableRole).toString();
        o.kind = SchemaModel::Kind::Table;
    } else if (o.kind != SchemaModel::Kind::Database && o.kind != SchemaModel::Kind::Group) {
        o.name = index.data(SchemaModel::NameRole).toString();
    } else {
        o.kind = SchemaModel::Kind::Database;
    }
    return o;
}

void SchemaDock::showMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos).siblingAtColumn(0);
    QMenu menu(this);
    if (index.isValid()) {
        const QString db = index.data(SchemaModel::DatabaseRole).toString();
        const QString name = index.data(SchemaModel::NameRole).toString();
        const auto objectKind = SchemaModel::Kind(index.data(SchemaModel::KindRole).toInt());
        const bool isObject = objectKind == SchemaModel::Kind::Table || objectKind == SchemaModel::Kind::View
            || objectKind == SchemaModel::Kind::Index || objectKind == SchemaModel::Kind::Trigger;
        if (isBrowsable(index)) {
            menu.addAction(tr("&Browse"), this, [this, db, name] { Q_EMIT tableActivated(db, name); });
            menu.addAction(tr("&SELECT * in Editor"), this, [this, name] {
                Q_EMIT openInEditor(QStringLiteral("SELECT * FROM %1;").arg(quoteIdentifier(name)));
            });
            menu.addAction(tr("&Export…"), this, [this, db, name] {
                auto *d = ExportDialog::forTable(m_manager, db, m_model->objectNames(db, SchemaModel::Kind::Table), name, this);
                d->setAttribute(Qt::WA_DeleteOnClose);
                d->show();
            });
        }
        const auto kind = SchemaModel::Kind(index.data(SchemaModel::KindRole).toInt());
        if (!name.isEmpty() && kind != SchemaModel::Kind::Database && kind != SchemaModel::Kind::Group)
            menu.addAction(tr("&Copy Name"), this, [name] { QApplication::clipboard()->setText(name); });
        if (isObject)
            menu.addAction(tr("Copy CREATE S&tatement"), this, [this, db, name] {
                if (const Catalog *c = m_model->catalog(db))
                    QApplication::clipboard()->setText(c->createSql(name) + QLatin1Char(';'));
            });
        if (!menu.isEmpty())
            menu.addSeparator();
        // Create… offers what fits where the click was; a table is the one the new index or trigger is for.
        const QString table = objectKind == SchemaModel::Kind::Table ? name
            : objectKind == SchemaModel::Kind::Column ? index.data(SchemaModel::TableRole).toString() : QString();
        QMenu *create = menu.addMenu(tr("&Create"));
        using K = SchemaModel::Kind;
        const QList<QPair<K, QString>> kinds = {{K::Table, tr("&Table…")}, {K::Index, tr("&Index…")},
                                                {K::View, tr("&View…")}, {K::Trigger, tr("T&rigger…")}};
        for (const auto &[k, label] : kinds)
            create->addAction(label, this, [this, db, k = k, table] { Q_EMIT createRequested(db, int(k), table); });
        if (objectKind == K::Table || objectKind == K::Column) {
            const Catalog *c = m_model->catalog(db);
            const TableInfo *t = c ? c->table(table) : nullptr;
            QAction *modify = menu.addAction(tr("&Modify Table…"), this, [this, db, table] { Q_EMIT modifyRequested(db, table); });
            if (t && !t->editable) {
                modify->setEnabled(false);
                modify->setToolTip(t->readProblem);
            }
        }
        if (isObject && !name.startsWith(QLatin1String("sqlite_")))
            menu.addAction(tr("&Drop…"), this, [this, db, name] { Q_EMIT dropRequested(db, name); });
        menu.addSeparator();
        menu.addAction(tr("&Refresh"), this, [this, db] { m_model->refresh(db); });
    } else {
        menu.addAction(tr("&Refresh All"), m_model, &SchemaModel::refreshAll);
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Litehouse
