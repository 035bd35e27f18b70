#include "schemamodel.h"

#include "util/futures.h"

#include <QFileInfo>

#include <algorithm>
#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcSchema, "litehouse.ui.schema")

namespace Litehouse {

struct SchemaModel::Snapshot
{
    struct Column
    {
        QString name, type;
        bool notNull = false;
        int pk = 0;
    };
    struct Object
    {
        QString type, name, table, sql;
        QList<Column> columns;
        QString error; // reading the columns failed (a view on a dropped table)
    };
    QList<Object> objects;
    QHash<QString, bool> uniqueIndex; // index name -> UNIQUE
};

namespace {

QStandardItem *makeItem(const QString &text, SchemaModel::Kind kind, const QString &path)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(QVariant::fromValue(int(kind)), SchemaModel::KindRole);
    item->setData(path, SchemaModel::DatabaseRole);
    return item;
}

QStandardItem *detailItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

} // namespace

SchemaModel::SchemaModel(Manager *manager, QObject *parent) : QStandardItemModel(parent), m_manager(manager)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Type")});
    connect(m_manager, &Manager::opened, this, &SchemaModel::addDatabase);
    connect(m_manager, &Manager::closed, this, &SchemaModel::removeDatabase);
    connect(m_manager, &Manager::operationFinished, this, &SchemaModel::onOperation);
    for (const QString &db : m_manager->databases())
        addDatabase(db);
}

QString SchemaModel::pathOf(const QString &database) const
{
    const QString p = m_manager->resolve(database);
    return p.isEmpty() ? database : p;
}

QStandardItem *SchemaModel::databaseItem(const QString &database) const
{
    const QString path = pathOf(database);
    for (int i = 0; i < rowCount(); ++i)
        if (item(i)->data(DatabaseRole).toString() == path)
            return item(i);
    return nullptr;
}

QStandardItem *SchemaModel::groupItem(const QString &database, Kind kind) const
{
    QStandardItem *db = databaseItem(database);
    if (!db)
        return nullptr;
    for (int i = 0; i < db->rowCount(); ++i)
        if (db->child(i)->data(GroupRole).toInt() == int(kind))
            return db->child(i);
    return nullptr;
}

QStringList SchemaModel::objectNames(const QString &database, Kind kind) const
{
    QStringList out;
    if (QStandardItem *g = groupItem(database, kind))
        for (int i = 0; i < g->rowCount(); ++i)
            out << g->child(i)->data(NameRole).toString();
    return out;
}

QStringList SchemaModel::columnNames(const QString &database, const QString &table) const
{
    QStringList out;
    for (Kind k : {Kind::Table, Kind::View}) {
        QStandardItem *g = groupItem(database, k);
        for (int i = 0; g && i < g->rowCount(); ++i) {
            QStandardItem *t = g->child(i);
            if (t->data(NameRole).toString() == table)
                for (int c = 0; c < t->rowCount(); ++c)
                    out << t->child(c)->data(NameRole).toString();
        }
    }
    return out;
}

QStringList SchemaModel::columnsOf(const QString &database, const QString &table) const
{
    QStringList out;
    for (Kind k : {Kind::Table, Kind::View}) {
        QStandardItem *g = groupItem(database, k);
        for (int i = 0; g && i < g->rowCount(); ++i) {
            QStandardItem *t = g->child(i);
            if (t->data(NameRole).toString() != table)
                continue;
            for (int c = 0; c < t->rowCount(); ++c)
                out << (t->child(c)->data(NameRole).toString() + QLatin1Char(' ')
                        + t->child(c)->data(TypeRole).toString()).trimmed();
        }
    }
    return out;
}

void SchemaModel::addDatabase(const QString &database)
{
    const QString path = pathOf(database);
    if (!databaseItem(path)) {
        auto *db = makeItem(QFileInfo(path).fileName(), Kind::Database, path);
        db->setToolTip(path);
        appendRow({db, detailItem(QString())});
    }
    refresh(path);
}

void SchemaModel::removeDatabase(const QString &database)
{
    const QString path = pathOf(database);
    m_generation.remove(path);
    m_catalogs.remove(path);
    if (QStandardItem *db = databaseItem(path))
        removeRow(db->row());
}

void SchemaModel::refreshAll()
{
    for (int i = 0; i < rowCount(); ++i)
        refresh(item(i)->data(DatabaseRole).toString());
}

void SchemaModel::onOperation(const OperationRecord &op)
{
    using K = OperationRecord::Kind;
    const bool changesSchema = op.statementType == QLatin1String("DDL") || op.kind == K::Script
        || op.kind == K::Migration || op.kind == K::Maintenance || op.kind == K::Rollback
        || op.kind == K::RollbackTo;
    if (changesSchema && databaseItem(op.database))
        refresh(op.database);
}

void SchemaModel::refresh(const QString &database)
{
    const QString path = pathOf(database);
    if (!databaseItem(path))
        return;
    const quint64 gen = ++m_generation[path];
    whenDone(this, readCatalog(*m_manager, path, Route::Auto), [this, path, gen](const Outcome<Catalog> &r) {
        if (m_generation.value(path) != gen)
            return;
        if (!r) {
            qCWarning(lcSchema) << "reading the schema of" << path << "failed:" << r.error().message();
            Q_EMIT refreshFailed(path, r.error().message());
            return;
        }
        const Catalog &cat = r.value();
        m_catalogs.insert(path, cat);
        Snapshot snap;
        auto columns = [](const QList<ColumnDesc> &cols) {
            QList<Snapshot::Column> out;
            for (const ColumnDesc &c : cols)
                out.append({c.name, c.type, c.notNull, c.primaryKey});
            return out;
        };
        for (const TableInfo &t : cat.tables)
            snap.objects.append({QStringLiteral("table"), t.desc.name, t.desc.name, t.sql, columns(t.desc.columns), {}});
        for (const ObjectInfo &v : cat.views)
            snap.objects.append({QStringLiteral("view"), v.name, v.name, v.sql, columns(v.columns), v.error});
        for (const IndexInfo &i : cat.indexes) {
            snap.objects.append({QStringLiteral("index"), i.name, i.table, i.sql, {}, {}});
            snap.uniqueIndex.insert(i.name, i.unique);
        }
        for (const ObjectInfo &t : cat.triggers)
            snap.objects.append({QStringLiteral("trigger"), t.name, t.table, t.sql, {}, {}});
        std::sort(snap.objects.begin(), snap.objects.end(), [](const Snapshot::Object &a, const Snapshot::Object &b) {
            const int c = a.name.compare(b.name, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.name < b.name;
        });
        apply(path, snap);
    });
}

const Catalog *SchemaModel::catalog(const QString &database) const
{
    const auto it = m_catalogs.constFind(pathOf(database));
    return it == m_catalogs.constEnd() ? nullptr : &*it;
}

void SchemaModel::apply(const QString &path, const Snapshot &s)
{
    QStandardItem *db = databaseItem(path);
    if (!db)
        return;
    db->removeRows(0, db->rowCount());
    const QList<QPair<Kind, QString>> groups = {
        {Kind::Table, QStringLiteral("table")}, {Kind::View, QStringLiteral("view")},
        {Kind::Index, QStringLiteral("index")}, {Kind::Trigger, QStringLiteral("trigger")}};
    for (const auto &[kind, type] : groups) {
        QList<QList<QStandardItem *>> rows;
        for (const auto &o : s.objects) {
            if (o.type != type)
                continue;
            QStandardItem *item = makeItem(o.name, kind, path);
            item->setData(o.name, NameRole);
            item->setData(o.table, TableRole);
            if (!o.sql.isEmpty())
                item->setToolTip(o.sql);
            QString detail;
            if (kind == Kind::Index) {
                detail = s.uniqueIndex.value(o.name) ? tr("unique on %1").arg(o.table) : tr("on %1").arg(o.table);
                if (o.sql.isEmpty())
                    item->setToolTip(tr("Created by SQLite for a PRIMARY KEY or UNIQUE constraint"));
            } else if (kind == Kind::Trigger) {
                detail = tr("on %1").arg(o.table);
            } else if (!o.error.isEmpty()) {
                detail = tr("error");
                item->setToolTip(o.error);
            }
            for (const auto &c : o.columns) {
                QStandardItem *col = makeItem(c.name, Kind::Column, path);
                col->setData(c.name, NameRole);
                col->setData(o.name, TableRole);
                col->setData(c.type, TypeRole);
                QStringList notes;
                if (c.pk > 0)
                    notes << tr("primary key");
                if (c.notNull)
                    notes << tr("not null");
                col->setToolTip(notes.join(QStringLiteral(", ")));
                QStandardItem *typeItem = detailItem(c.pk > 0 ? tr("%1 · PK").arg(c.type).trimmed() : c.type);
                typeItem->setToolTip(col->toolTip());
                item->appendRow({col, typeItem});
            }
            rows.append(QList<QStandardItem *>{item, detailItem(detail)});
        }
        static const char *const labels[] = {QT_TR_NOOP("Tables"), QT_TR_NOOP("Views"), QT_TR_NOOP("Indexes"),
                                             QT_TR_NOOP("Triggers")};
        QStandardItem *group = makeItem(tr(labels[int(kind) - int(Kind::Table)]), Kind::Group, path);
        group->setData(int(kind), GroupRole);
        for (const auto &r : rows)
            group->appendRow(r);
        db->appendRow({group, detailItem(QString::number(rows.size()))});
    }
    Q_EMIT refreshed(path);
}

} // namespace Litehouse
