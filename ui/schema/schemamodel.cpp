#include "schemamodel.h"

#include "util/futures.h"

#include <QFileInfo>
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
    int pending = 0;
};

namespace {

ExecOptions housekeeping()
{
    ExecOptions o;
    o.route = Route::Auto;
    o.record = false;
    return o;
}

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
    auto fail = [this, path](const Error &e) {
        qCWarning(lcSchema) << "reading the schema of" << path << "failed:" << e.message();
        Q_EMIT refreshFailed(path, e.message());
    };
    auto listing = m_manager->execute(path, QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                                           "ORDER BY name COLLATE NOCASE, name"),
                                      {}, housekeeping());
    whenDone(this, listing, [this, path, gen, fail](const Outcome<StatementResult> &r) {
        if (m_generation.value(path) != gen)
            return;
        if (!r) {
            fail(r.error());
            return;
        }
        auto snap = std::make_shared<Snapshot>();
        const ResultSet &rows = r.value().rows;
        for (qsizetype i = 0; i < rows.rowCount(); ++i)
            snap->objects.append({rows.at(i, 0).toString(), rows.at(i, 1).toString(), rows.at(i, 2).toString(),
                                  rows.at(i, 3).toString(), {}, {}});
        for (qsizetype i = 0; i < snap->objects.size(); ++i)
            if (snap->objects.at(i).type == QLatin1String("table") || snap->objects.at(i).type == QLatin1String("view"))
                ++snap->pending;
        if (snap->pending == 0) {
            apply(path, *snap);
            return;
        }
        // One query per table or view: its columns, then its indexes.
        const QString sql = QStringLiteral(
            "SELECT 0, cid, name, type, \"notnull\", pk FROM pragma_table_info(?1) "
            "UNION ALL SELECT 1, seq, name, \"unique\", origin, partial FROM pragma_index_list(?1) ORDER BY 1, 2");
        for (qsizetype i = 0; i < snap->objects.size(); ++i) {
            const auto &o = snap->objects.at(i);
            if (o.type != QLatin1String("table") && o.type != QLatin1String("view"))
                continue;
            whenDone(this, m_manager->execute(path, sql, {Value(o.name)}, housekeeping()),
                     [this, path, gen, snap, i](const Outcome<StatementResult> &c) {
                         if (m_generation.value(path) != gen)
                             return;
                         auto &obj = snap->objects[i];
                         if (!c) {
                             obj.error = c.error().message();
                         } else {
                             const ResultSet &rs = c.value().rows;
                             for (qsizetype row = 0; row < rs.rowCount(); ++row) {
                                 if (rs.at(row, 0).toInt() == 0)
                                     obj.columns.append({rs.at(row, 2).toString(), rs.at(row, 3).toString(),
                                                         rs.at(row, 4).toInt() != 0, int(rs.at(row, 5).toInt())});
                                 else
                                     snap->uniqueIndex.insert(rs.at(row, 2).toString(), rs.at(row, 3).toInt() != 0);
                             }
                         }
                         if (--snap->pending == 0)
                             apply(path, *snap);
                     });
        }
    });
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
