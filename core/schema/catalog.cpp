#include "catalog.h"

#include "sqltext_p.h"

#include "../connection.h"
#include "../manager_p.h"

#include <QHash>

namespace Litehouse {

namespace T = SchemaText;

namespace {

Outcome<ResultSet> rows(Connection &c, const char *sql, const Params &params = {})
{
    auto r = c.execute(QByteArray(sql), params);
    if (!r)
        return r.error();
    return std::move(r.value().rows);
}

// Merges what PRAGMA table_xinfo says into the parsed description, and says
// where the two disagree (then the text was not understood).
QString merge(TableDesc &d, const ResultSet &xinfo)
{
    if (xinfo.rowCount() != d.columns.size())
        return QStringLiteral("SQLite lists %1 columns, the definition was read as %2")
            .arg(xinfo.rowCount()).arg(d.columns.size());
    for (qsizetype i = 0; i < xinfo.rowCount(); ++i) {
        ColumnDesc &c = d.columns[int(i)];
        const QString name = xinfo.at(i, 1).toString();
        if (name != c.name)
            return QStringLiteral("column %1 is “%2” in SQLite, read as “%3”").arg(i + 1).arg(name, c.name);
        c.notNull = c.notNull || xinfo.at(i, 3).toInt() != 0;
        c.primaryKey = int(xinfo.at(i, 5).toInt());
        const qint64 hidden = xinfo.at(i, 6).toInt();
        if ((hidden == 2 || hidden == 3) != c.isGenerated())
            return QStringLiteral("column “%1” is %2generated in SQLite").arg(c.name, c.isGenerated() ? QStringLiteral("not ") : QString());
        if (hidden == 3)
            c.generated = ColumnDesc::Generated::Stored;
        c.hidden = hidden == 1;
    }
    return {};
}

} // namespace

const TableInfo *Catalog::table(const QString &name) const
{
    for (const TableInfo &t : tables)
        if (T::key(t.desc.name) == T::key(name))
            return &t;
    return nullptr;
}

const ObjectInfo *Catalog::view(const QString &name) const
{
    for (const ObjectInfo &v : views)
        if (T::key(v.name) == T::key(name))
            return &v;
    return nullptr;
}

const ObjectInfo *Catalog::trigger(const QString &name) const
{
    for (const ObjectInfo &v : triggers)
        if (T::key(v.name) == T::key(name))
            return &v;
    return nullptr;
}

const IndexInfo *Catalog::index(const QString &name) const
{
    for (const IndexInfo &i : indexes)
        if (T::key(i.name) == T::key(name))
            return &i;
    return nullptr;
}

bool Catalog::hasObject(const QString &name) const
{
    return table(name) || view(name) || trigger(name) || index(name);
}

QList<IndexInfo> Catalog::indexesOf(const QString &tableName) const
{
    QList<IndexInfo> out;
    for (const IndexInfo &i : indexes)
        if (T::key(i.table) == T::key(tableName))
            out << i;
    return out;
}

QList<ObjectInfo> Catalog::triggersOf(const QString &tableName) const
{
    QList<ObjectInfo> out;
    for (const ObjectInfo &t : triggers)
        if (T::key(t.table) == T::key(tableName))
            out << t;
    return out;
}

QList<ForeignKeyRef> Catalog::referencing(const QString &tableName) const
{
    QList<ForeignKeyRef> out;
    for (const TableInfo &t : tables)
        for (const ForeignKeyDesc &fk : t.desc.foreignKeys)
            if (T::key(fk.refTable) == T::key(tableName))
                out.append({t.desc.name, fk});
    return out;
}

QList<ObjectInfo> Catalog::viewsNaming(const QString &name) const
{
    QList<ObjectInfo> out;
    for (const ObjectInfo &v : views)
        if (T::key(v.name) != T::key(name) && T::mentions(v.sql, name))
            out << v;
    return out;
}

QString Catalog::createSql(const QString &name) const
{
    if (const TableInfo *t = table(name))
        return t->sql;
    if (const ObjectInfo *v = view(name))
        return v->sql;
    if (const ObjectInfo *v = trigger(name))
        return v->sql;
    if (const IndexInfo *i = index(name))
        return i->sql;
    return {};
}

Outcome<Catalog> readCatalog(Connection &c, const QString &only)
{
    Catalog cat;
    cat.database = c.path();
    auto version = rows(c, "PRAGMA schema_version");
    if (!version)
        return version.error();
    cat.schemaVersion = int(version.value().at(0, 0).toInt());
    auto flags = rows(c, "SELECT foreign_keys, legacy_alter_table FROM pragma_foreign_keys, pragma_legacy_alter_table");
    if (!flags)
        return flags.error();
    cat.foreignKeys = flags.value().at(0, 0).toInt() != 0;
    cat.legacyAlterTable = flags.value().at(0, 1).toInt() != 0;

    // In creation order: recreating objects in this order keeps what depends on what.
    auto listing = only.isEmpty()
        ? rows(c, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid")
        : rows(c, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                  "WHERE name = ?1 COLLATE NOCASE OR tbl_name = ?1 COLLATE NOCASE ORDER BY rowid",
               {Value(only)});
    if (!listing)
        return listing.error();
    const ResultSet &all = listing.value();
    QHash<QString, QString> indexSql;
    for (qsizetype i = 0; i < all.rowCount(); ++i) {
        const QString type = all.at(i, 0).toString();
        const QString name = all.at(i, 1).toString();
        const QString sql = all.at(i, 3).toString();
        if (type == QLatin1String("table")) {
            TableInfo t;
            t.sql = sql;
            auto xinfo = rows(c, "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
                                 "FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
                              {Value(name)});
            auto parsed = parseCreateTable(sql);
            if (parsed) {
                t.desc = parsed.take();
                t.desc.name = name;
                t.desc.origin = name;
                if (!xinfo) {
                    t.editable = false;
                    t.readProblem = xinfo.error().message();
                } else if (const QString why = merge(t.desc, xinfo.value()); !why.isEmpty()) {
                    t.editable = false;
                    t.readProblem = why;
                }
            } else {
                // A virtual table, or text the parser does not follow: what SQLite says, read only.
                t.editable = false;
                t.isVirtual = sql.simplified().startsWith(QLatin1String("CREATE VIRTUAL"), Qt::CaseInsensitive);
                t.readProblem = parsed.error().message();
                t.desc.name = name;
                t.desc.origin = name;
                if (xinfo) {
                    const ResultSet &x = xinfo.value();
                    for (qsizetype r = 0; r < x.rowCount(); ++r) {
                        ColumnDesc col;
                        col.name = x.at(r, 1).toString();
                        col.origin = col.name;
                        col.type = x.at(r, 2).toString();
                        col.notNull = x.at(r, 3).toInt() != 0;
                        col.defaultExpr = x.at(r, 4).isNull() ? QString() : x.at(r, 4).toString();
                        col.primaryKey = int(x.at(r, 5).toInt());
                        const qint64 h = x.at(r, 6).toInt();
                        col.hidden = h == 1;
                        col.generated = h == 2 ? ColumnDesc::Generated::Virtual
                                      : h == 3 ? ColumnDesc::Generated::Stored : ColumnDesc::Generated::No;
                        t.desc.columns << col;
                    }
                }
            }
            if (name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive)) {
                t.editable = false;
                t.readProblem = QStringLiteral("it is SQLite's own table");
            }
            cat.tables << t;
        } else if (type == QLatin1String("view")) {
            ObjectInfo v{type, name, name, sql, {}, {}};
            auto cols = rows(c, "SELECT name, type FROM pragma_table_xinfo(?1, 'main') ORDER BY cid", {Value(name)});
            if (!cols) {
                v.error = cols.error().message();
            } else {
                for (qsizetype r = 0; r < cols.value().rowCount(); ++r) {
                    ColumnDesc col;
                    col.name = cols.value().at(r, 0).toString();
                    col.type = cols.value().at(r, 1).toString();
                    v.columns << col;
                }
            }
            cat.views << v;
        } else if (type == QLatin1String("trigger")) {
            cat.triggers << ObjectInfo{type, name, all.at(i, 2).toString(), sql, {}, {}};
        } else if (type == QLatin1String("index")) {
            indexSql.insert(name, sql);
        }
    }
    for (const TableInfo &t : std::as_const(cat.tables)) {
        auto list = rows(c, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1, 'main') ORDER BY seq",
                         {Value(t.desc.name)});
        if (!list)
            continue; // a virtual table has none
        for (qsizetype r = 0; r < list.value().rowCount(); ++r) {
            IndexInfo ix;
            ix.name = list.value().at(r, 0).toString();
            ix.table = t.desc.name;
            ix.unique = list.value().at(r, 1).toInt() != 0;
            ix.origin = list.value().at(r, 2).toString();
            ix.partial = list.value().at(r, 3).toInt() != 0;
            ix.sql = indexSql.value(ix.name);
            auto cols = rows(c, "SELECT name, cid FROM pragma_index_xinfo(?1, 'main') WHERE key ORDER BY seqno",
                             {Value(ix.name)});
            if (cols)
                for (qsizetype k = 0; k < cols.value().rowCount(); ++k)
                    ix.columns << (cols.value().at(k, 1).toInt() == -2 ? QStringLiteral("<expression>")
                                                                       : cols.value().at(k, 0).toString());
            cat.indexes << ix;
        }
    }
    return cat;
}

QFuture<Outcome<Catalog>> readCatalog(Manager &manager, const QString &database, Route route, const QString &only)
{
    if (route != Route::Auto)
        return manager.withConnection<Catalog>(database, route, [only](Connection &c) { return readCatalog(c, only); });
    // Auto: it only reads, so a reader may take it while no transaction is
    // open (then the writer's uncommitted schema is what the tree must show).
    auto promise = makePromise<Outcome<Catalog>>();
    QFuture<Outcome<Catalog>> future = promise->future();
    Task task;
    task.run = [promise, only](Connection &c) {
        if (!c.beginTask({})) {
            c.endTask();
            fulfil(*promise, Outcome<Catalog>(Error::interrupted(QStringLiteral("cancelled before it started"))));
            return;
        }
        Outcome<Catalog> r = readCatalog(c, only);
        c.endTask();
        fulfil(*promise, std::move(r));
    };
    task.fail = [promise](const Error &e) { fulfil(*promise, Outcome<Catalog>(e)); };
    if (auto s = detail::ManagerAccess::submit(manager, database, Route::Auto, std::move(task), /*looksReadOnly=*/true); !s)
        task.fail(s.error());
    return future;
}

} // namespace Litehouse
