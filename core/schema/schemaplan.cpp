#include "schemaplan.h"

#include "sqltext_p.h"

#include "../migrations/migrationfile.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace Litehouse {

namespace T = SchemaText;

namespace {

using Check = PlanStep::Check;

SchemaPlan basePlan(const Catalog &cat, const QString &title, const QString &slug)
{
    SchemaPlan p;
    p.title = title;
    p.slug = slug;
    p.database = cat.database;
    p.schemaVersion = cat.schemaVersion;
    p.foreignKeys = cat.foreignKeys;
    p.legacyAlterTable = cat.legacyAlterTable;
    return p;
}

QString slugOf(const QString &verb, const QString &name)
{
    QString s = name.toLower();
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]+")), QStringLiteral("_"));
    s.remove(QRegularExpression(QStringLiteral("^_+|_+$")));
    return s.isEmpty() ? verb : verb + QLatin1Char('_') + s;
}

Error problem(const QStringList &problems)
{
    return Error::invalid(problems.join(QStringLiteral("; ")));
}

QString freeName(const Catalog &cat, const QString &base, const QSet<QString> &taken = {})
{
    QString n = base;
    for (int i = 2; cat.hasObject(n) || taken.contains(T::key(n)); ++i)
        n = base + QLatin1Char('_') + QString::number(i);
    return n;
}

// Renames columns in a description all at once (a swap works), with every
// reference in its expressions, keys and foreign keys.
TableDesc renamed(const TableDesc &d, const QHash<QString, QString> &map)
{
    if (map.isEmpty())
        return d;
    TableDesc out = d;
    auto names = [&](QStringList &list) {
        for (QString &n : list)
            if (const auto it = map.constFind(T::key(n)); it != map.constEnd())
                n = *it;
    };
    for (ColumnDesc &c : out.columns) {
        if (const auto it = map.constFind(T::key(c.name)); it != map.constEnd())
            c.name = *it;
        for (CheckDesc &ch : c.checks)
            ch.expr = T::renameIdentifiers(ch.expr, map, d.name);
        c.generatedExpr = T::renameIdentifiers(c.generatedExpr, map, d.name);
    }
    for (CheckDesc &ch : out.checks)
        ch.expr = T::renameIdentifiers(ch.expr, map, d.name);
    for (UniqueDesc &u : out.uniques)
        names(u.columns);
    for (ForeignKeyDesc &fk : out.foreignKeys) {
        names(fk.columns);
        if (T::key(fk.refTable) == T::key(d.name))
            names(fk.refColumns);
    }
    return out;
}

struct Rename
{
    QString from, to;
};

// Orders column renames so that no step names a column that still exists,
// going through a temporary name where two columns swap names. current:
// the table's column names now. Fails when a rename's target is held by a
// column that stays.
Outcome<QList<Rename>> orderRenames(QList<Rename> pending, QStringList current)
{
    QList<Rename> out;
    auto has = [&](const QString &n) {
        for (const QString &c : current)
            if (T::key(c) == T::key(n))
                return true;
        return false;
    };
    auto apply = [&](const Rename &r) {
        for (QString &c : current)
            if (T::key(c) == T::key(r.from))
                c = r.to;
        out << r;
    };
    while (!pending.isEmpty()) {
        bool progress = false;
        for (int i = 0; i < pending.size(); ++i) {
            const Rename r = pending.at(i);
            if (!has(r.to) || T::key(r.to) == T::key(r.from)) {
                apply(r);
                pending.removeAt(i);
                progress = true;
                break;
            }
        }
        if (progress)
            continue;
        // Every target is taken: by a column that is itself renamed (a cycle), or by one that stays.
        Rename &first = pending.first();
        bool cycle = false;
        for (const Rename &r : std::as_const(pending))
            if (T::key(r.from) == T::key(first.to))
                cycle = true;
        if (!cycle)
            return Error::invalid(QStringLiteral("column “%1” cannot be renamed to “%2”: another column has that name")
                                      .arg(first.from, first.to));
        QString tmp = first.from + QStringLiteral("_lh_tmp");
        while (has(tmp))
            tmp += QLatin1Char('_');
        apply({first.from, tmp});
        first.from = tmp;
    }
    return out;
}

QString alterRenameColumn(const QString &table, const Rename &r)
{
    return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3").arg(T::name(table), T::name(r.from), T::name(r.to));
}

bool indexUses(const IndexInfo &ix, const QString &column)
{
    for (const QString &c : ix.columns)
        if (T::key(c) == T::key(column))
            return true;
    // An expression or a WHERE clause: look in the text (past "ON table(").
    if ((ix.partial || ix.columns.contains(QStringLiteral("<expression>"))) && !ix.sql.isEmpty()) {
        const qsizetype on = ix.sql.indexOf(QLatin1Char('('));
        return on >= 0 && T::mentions(ix.sql.mid(on), column);
    }
    return false;
}

// Steps that check, before COMMIT, what the change could have broken.
void addChecks(QList<PlanStep> &steps, const Catalog &cat, const QString &oldName, const QString &newName,
               QStringList *warnings)
{
    QList<ObjectInfo> views = cat.viewsNaming(oldName);
    for (const ObjectInfo &v : std::as_const(views)) {
        if (!v.error.isEmpty()) {
            if (warnings)
                *warnings << QStringLiteral("view %1 did not work before the change (%2); it is not checked")
                                 .arg(v.name, v.error);
            continue;
        }
        steps.append({QStringLiteral("SELECT * FROM %1 LIMIT 0").arg(T::name(v.name)), Check::None,
                      QStringLiteral("view %1 names the table: it must still work").arg(v.name)});
    }
    steps.append({QStringLiteral("PRAGMA foreign_key_check(%1)").arg(T::name(newName)), Check::NoRows,
                  QStringLiteral("its rows must match their parent rows"), newName});
    QSet<QString> done{T::key(oldName), T::key(newName)};
    for (const ForeignKeyRef &ref : cat.referencing(oldName)) {
        if (done.contains(T::key(ref.table)))
            continue;
        done.insert(T::key(ref.table));
        steps.append({QStringLiteral("PRAGMA foreign_key_check(%1)").arg(T::name(ref.table)), Check::NoRows,
                      QStringLiteral("%1 refers to it: its rows must still find their parents").arg(ref.table), ref.table});
    }
}

// The copy, drop and rename of a rebuild (steps 4 to 7 of the SQLite
// procedure): target is created under a new name, rows are copied by
// column name (copy: target column <- source column), the old table goes
// and the new one takes its name.
void rebuildCore(QList<PlanStep> &steps, const Catalog &cat, const QString &table, const TableDesc &target,
                 const QList<QPair<QString, QString>> &copy, bool carrySequence)
{
    const QString tmp = freeName(cat, QStringLiteral("lh_new_") + table);
    steps.append({target.createSql(tmp), Check::None, QStringLiteral("the table as it will be, under a new name")});
    if (!copy.isEmpty()) {
        QStringList to, from;
        for (const auto &[t, f] : copy) {
            to << T::name(t);
            from << T::name(f);
        }
        steps.append({QStringLiteral("INSERT INTO %1 (%2)\n  SELECT %3 FROM %4")
                          .arg(T::name(tmp), to.join(QStringLiteral(", ")), from.join(QStringLiteral(", ")),
                               T::name(table)),
                      Check::None, QStringLiteral("every row, column by column name")});
    }
    if (carrySequence) {
        const QString t = QStringLiteral("'%1'").arg(QString(table).replace(QLatin1Char('\''), QStringLiteral("''")));
        const QString n = QStringLiteral("'%1'").arg(QString(tmp).replace(QLatin1Char('\''), QStringLiteral("''")));
        steps.append({QStringLiteral("INSERT INTO sqlite_sequence(name, seq) SELECT %1, 0 WHERE NOT EXISTS "
                                     "(SELECT 1 FROM sqlite_sequence WHERE name = %1)").arg(n),
                      Check::None, QStringLiteral("AUTOINCREMENT goes on from where it was, not from the largest key")});
        steps.append({QStringLiteral("UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM "
                                     "sqlite_sequence WHERE name = %1), 0)) WHERE name = %2").arg(t, n),
                      Check::None, {}});
    }
    steps.append({QStringLiteral("DROP TABLE %1").arg(T::name(table)), Check::None,
                  QStringLiteral("the old table (its indexes and triggers go with it and are made again below)")});
    if (!cat.legacyAlterTable)
        steps.append({QStringLiteral("PRAGMA legacy_alter_table=ON"), Check::None,
                      QStringLiteral("rename without rewriting views and triggers that name the dropped table")});
    steps.append({QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(T::name(tmp), T::name(table)), Check::None, {}});
    if (!cat.legacyAlterTable)
        steps.append({QStringLiteral("PRAGMA legacy_alter_table=OFF"), Check::None, {}});
}

bool addable(const ColumnDesc &c)
{
    if (c.primaryKey > 0 || c.unique || c.generated == ColumnDesc::Generated::Stored)
        return false;
    if (!c.defaultExpr.trimmed().isEmpty() && !T::isConstantDefault(c.defaultExpr))
        return false;
    if (c.notNull && (c.defaultExpr.trimmed().isEmpty() || c.defaultExpr.trimmed().compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        && !c.isGenerated())
        return false;
    return true;
}

void appendScript(QStringList &out, const QList<PlanStep> &steps, bool failingChecks)
{
    for (const PlanStep &s : steps) {
        if (!s.why.isEmpty())
            out << QStringLiteral("-- ") + s.why;
        if (s.check == Check::NoRows && failingChecks && !s.subject.isEmpty()) {
            // A script cannot look at rows: json() of text that is not JSON
            // fails the statement, and so the script, when a row is there.
            const QString table = QString(s.subject).replace(QLatin1Char('\''), QStringLiteral("''"));
            out << QStringLiteral("SELECT json('foreign key check of %1 failed: the change is not made') "
                                  "FROM pragma_foreign_key_check('%1') LIMIT 1;").arg(table);
        } else {
            out << s.sql + QLatin1Char(';');
        }
    }
}

QString scriptOf(const SchemaPlan &p, const QList<PlanStep> &steps, bool rebuild, bool migration)
{
    QStringList out;
    if (migration && rebuild)
        out << QLatin1String(MigrationFile::noTransactionMarker);
    out << QStringLiteral("-- ") + p.title;
    for (const QString &w : p.warnings)
        out << QStringLiteral("-- Note: ") + w;
    if (rebuild && (p.foreignKeys || migration))
        out << QStringLiteral("PRAGMA foreign_keys=OFF;");
    if (!migration || rebuild)
        out << QStringLiteral("BEGIN IMMEDIATE;");
    appendScript(out, steps, migration);
    if (!migration || rebuild)
        out << QStringLiteral("COMMIT;");
    if (rebuild && p.foreignKeys)
        out << QStringLiteral("PRAGMA foreign_keys=ON;");
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

QString SchemaPlan::script() const
{
    return steps.isEmpty() ? QString() : scriptOf(*this, steps, rebuild, false);
}

QString SchemaPlan::downScript() const
{
    if (downSteps.isEmpty())
        return {};
    SchemaPlan d = *this;
    d.title = QStringLiteral("Undo: ") + title;
    d.warnings = downNote.isEmpty() ? QStringList() : QStringList{downNote};
    return scriptOf(d, downSteps, downRebuild, false);
}

QString SchemaPlan::migrationScript(bool down) const
{
    if (down && downSteps.isEmpty())
        return {};
    SchemaPlan d = *this;
    if (down) {
        d.title = QStringLiteral("Undo: ") + title;
        d.warnings = downNote.isEmpty() ? QStringList() : QStringList{downNote};
    }
    return scriptOf(d, down ? downSteps : steps, down ? downRebuild : rebuild, true);
}

Outcome<SchemaPlan> planCreateTable(const Catalog &cat, const TableDesc &table)
{
    QStringList problems = table.problems();
    if (cat.hasObject(table.name))
        problems << QStringLiteral("there is already an object named “%1”").arg(table.name);
    if (!problems.isEmpty())
        return problem(problems);
    SchemaPlan p = basePlan(cat, QStringLiteral("Create table %1").arg(table.name), slugOf(QStringLiteral("create"), table.name));
    for (const ForeignKeyDesc &fk : table.foreignKeys)
        if (!cat.table(fk.refTable) && T::key(fk.refTable) != T::key(table.name))
            p.warnings << QStringLiteral("the foreign key on %1 refers to %2, which does not exist (yet)")
                              .arg(fk.columns.join(QStringLiteral(", ")), fk.refTable);
    p.steps.append({table.createSql(), Check::None, {}});
    p.downSteps.append({QStringLiteral("DROP TABLE %1").arg(T::name(table.name)), Check::None, {}});
    return p;
}

Outcome<SchemaPlan> planAlterTable(const Catalog &cat, const TableDesc &wanted)
{
    const TableInfo *info = cat.table(wanted.origin);
    if (!info)
        return Error::invalid(QStringLiteral("there is no table named “%1” to change").arg(wanted.origin));
    if (!info->editable)
        return Error::invalid(QStringLiteral("table %1 cannot be changed here: %2").arg(info->desc.name, info->readProblem));
    const TableDesc &old = info->desc;
    QStringList problems = wanted.problems();
    if (T::key(wanted.name) != T::key(old.name) && cat.hasObject(wanted.name))
        problems << QStringLiteral("there is already an object named “%1”").arg(wanted.name);

    // Which old column each new one continues.
    QHash<QString, QString> toNew;  // key(old name) -> new name
    QHash<QString, QString> toOld;  // key(new name) -> old name
    QList<Rename> renames;
    QStringList added;
    for (const ColumnDesc &c : wanted.columns) {
        if (c.origin.isEmpty()) {
            added << c.name;
            continue;
        }
        const ColumnDesc *o = old.column(c.origin);
        if (!o) {
            problems << QStringLiteral("column “%1” comes from “%2”, which %3 does not have").arg(c.name, c.origin, old.name);
            continue;
        }
        if (toNew.contains(T::key(o->name))) {
            problems << QStringLiteral("two columns come from “%1”").arg(o->name);
            continue;
        }
        toNew.insert(T::key(o->name), c.name);
        toOld.insert(T::key(c.name), o->name);
        if (c.name != o->name)
            renames.append({o->name, c.name});
    }
    if (!problems.isEmpty())
        return problem(problems);
    QStringList dropped;
    for (const ColumnDesc &c : old.columns)
        if (!toNew.contains(T::key(c.name)))
            dropped << c.name;

    SchemaPlan p = basePlan(cat, QStringLiteral("Modify table %1").arg(old.name), slugOf(QStringLiteral("modify"), old.name));
    const QList<IndexInfo> indexes = cat.indexesOf(old.name);
    const QList<ObjectInfo> triggers = cat.triggersOf(old.name);

    // Plain ALTER TABLE is enough when, renames aside, the columns that stay
    // are unchanged and in their order, new ones come last and can be added,
    // and the dropped ones are used by nothing SQLite would refuse.
    TableDesc oldRenamed = renamed(old, toNew);
    TableDesc kept = oldRenamed;
    for (int i = int(old.columns.size()) - 1; i >= 0; --i)
        if (!toNew.contains(T::key(old.columns.at(i).name)))
            kept.columns.removeAt(i);
    bool plain = kept.constraintSql() == wanted.constraintSql() && kept.withoutRowid == wanted.withoutRowid
        && kept.strict == wanted.strict && kept.columns.size() + added.size() == wanted.columns.size();
    for (int i = 0; plain && i < kept.columns.size(); ++i)
        plain = wanted.columns.at(i).origin.size() > 0
            && TableDesc::columnSql(kept.columns.at(i), kept) == TableDesc::columnSql(wanted.columns.at(i), wanted);
    for (int i = int(kept.columns.size()); plain && i < wanted.columns.size(); ++i)
        plain = wanted.columns.at(i).origin.isEmpty() && addable(wanted.columns.at(i));
    for (const QString &d : std::as_const(dropped)) {
        if (!plain)
            break;
        const ColumnDesc *c = old.column(d);
        plain = c->primaryKey == 0 && !c->unique;
        for (const IndexInfo &ix : indexes)
            plain = plain && !indexUses(ix, d);
        for (const ForeignKeyDesc &fk : old.foreignKeys)
            for (const QString &fc : fk.columns)
                plain = plain && T::key(fc) != T::key(d);
        for (const UniqueDesc &u : old.uniques)
            for (const QString &uc : u.columns)
                plain = plain && T::key(uc) != T::key(d);
        for (const CheckDesc &ch : old.checks)
            plain = plain && !T::mentions(ch.expr, d);
        for (const ColumnDesc &other : old.columns) {
            if (T::key(other.name) == T::key(d))
                continue;
            plain = plain && !T::mentions(other.generatedExpr, d);
            for (const CheckDesc &ch : other.checks)
                plain = plain && !T::mentions(ch.expr, d);
        }
    }
    for (const ObjectInfo &t : triggers)
        for (const QString &d : std::as_const(dropped))
            if (T::mentions(t.sql.mid(qMax<qsizetype>(0, t.sql.indexOf(QLatin1String("BEGIN"), 0, Qt::CaseInsensitive))), d))
                p.warnings << QStringLiteral("trigger %1 names the dropped column %2: it fails when it fires").arg(t.name, d);

    QStringList current;
    for (const ColumnDesc &c : old.columns)
        current << c.name;

    if (plain) {
        if (dropped.isEmpty() && renames.isEmpty() && added.isEmpty() && wanted.name == old.name)
            return p; // nothing to do: an empty plan
        for (const QString &d : std::as_const(dropped)) {
            p.steps.append({QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(T::name(old.name), T::name(d)), Check::None, {}});
            current.removeAll(d);
        }
        auto ordered = orderRenames(renames, current);
        if (!ordered)
            return ordered.error();
        for (const Rename &r : ordered.value())
            p.steps.append({alterRenameColumn(old.name, r), Check::None, {}});
        for (int i = int(kept.columns.size()); i < wanted.columns.size(); ++i)
            p.steps.append({QStringLiteral("ALTER TABLE %1 ADD COLUMN %2")
                                .arg(T::name(old.name), TableDesc::columnSql(wanted.columns.at(i), wanted)),
                            Check::None, {}});
        if (wanted.name != old.name)
            p.steps.append({QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(T::name(old.name), T::name(wanted.name)),
                            Check::None, {}});
        addChecks(p.steps, cat, old.name, wanted.name, nullptr);
    } else {
        // The rebuild. The new table is made under the old column names
        // (new columns whose name an old column still holds under a
        // temporary one), the old indexes and triggers are made again as
        // they were, and the renames come last as ALTER TABLE RENAME
        // COLUMN, so that SQLite itself carries them into every index,
        // trigger, view and foreign key that names the columns.
        p.rebuild = true;
        QHash<QString, QString> toBuild; // key(new name) -> name in the rebuilt table
        QList<Rename> finalRenames = renames;
        QSet<QString> taken;
        for (const ColumnDesc &c : old.columns)
            taken.insert(T::key(c.name));
        for (const ColumnDesc &c : wanted.columns) {
            if (!c.origin.isEmpty()) {
                toBuild.insert(T::key(c.name), toOld.value(T::key(c.name)));
            } else if (taken.contains(T::key(c.name))) {
                QString tmp = c.name + QStringLiteral("_lh_new");
                while (taken.contains(T::key(tmp)))
                    tmp += QLatin1Char('_');
                taken.insert(T::key(tmp));
                toBuild.insert(T::key(c.name), tmp);
                finalRenames.append({tmp, c.name});
            }
        }
        TableDesc build = renamed(wanted, toBuild);
        build.name = old.name;
        for (ForeignKeyDesc &fk : build.foreignKeys)
            if (T::key(fk.refTable) == T::key(wanted.name))
                fk.refTable = old.name;
        QList<QPair<QString, QString>> copy;
        for (const ColumnDesc &c : wanted.columns) {
            if (c.origin.isEmpty() || c.isGenerated())
                continue;
            const QString from = toOld.value(T::key(c.name));
            copy.append({from, from});
        }
        rebuildCore(p.steps, cat, old.name, build, copy, old.autoincrement && build.autoincrement);
        for (const IndexInfo &ix : indexes) {
            if (ix.sql.isEmpty())
                continue;
            QString uses;
            for (const QString &d : std::as_const(dropped))
                if (indexUses(ix, d))
                    uses = d;
            if (!uses.isEmpty()) {
                p.warnings << QStringLiteral("index %1 uses the dropped column %2: it is dropped too").arg(ix.name, uses);
                continue;
            }
            p.steps.append({ix.sql, Check::None, QStringLiteral("index %1, as it was").arg(ix.name)});
        }
        for (const ObjectInfo &t : triggers)
            p.steps.append({t.sql, Check::None, QStringLiteral("trigger %1, as it was").arg(t.name)});
        QStringList built;
        for (const ColumnDesc &c : build.columns)
            built << c.name;
        auto ordered = orderRenames(finalRenames, built);
        if (!ordered)
            return ordered.error();
        for (const Rename &r : ordered.value())
            p.steps.append({alterRenameColumn(old.name, r), Check::None,
                            QStringLiteral("rename, carried into indexes, triggers and views by SQLite")});
        if (wanted.name != old.name)
            p.steps.append({QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(T::name(old.name), T::name(wanted.name)),
                            Check::None, {}});
        addChecks(p.steps, cat, old.name, wanted.name, &p.warnings);
    }

    // The way back: undo renames first (SQLite carries them back), then a
    // rebuild into the old definition with its indexes and triggers as they
    // were. Plain when nothing was dropped and only renames and adds happened.
    QList<PlanStep> &down = p.downSteps;
    if (wanted.name != old.name)
        down.append({QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(T::name(wanted.name), T::name(old.name)), Check::None, {}});
    QList<Rename> back;
    for (const Rename &r : std::as_const(renames))
        back.append({r.to, r.from});
    QStringList now;
    for (const ColumnDesc &c : wanted.columns)
        now << c.name;
    if (plain && dropped.isEmpty()) {
        for (int i = int(wanted.columns.size()) - 1; i >= int(kept.columns.size()); --i) {
            down.append({QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(T::name(old.name), T::name(wanted.columns.at(i).name)),
                         Check::None, {}});
            now.removeAll(wanted.columns.at(i).name);
        }
        auto ordered = orderRenames(back, now);
        if (!ordered) {
            down.clear();
            p.downNote = ordered.error().message();
        } else {
            for (const Rename &r : ordered.value())
                down.append({alterRenameColumn(old.name, r), Check::None, {}});
        }
    } else {
        auto ordered = orderRenames(back, now);
        if (!ordered) {
            down.clear();
            p.downNote = QStringLiteral("the change cannot be undone by a script: ") + ordered.error().message();
        } else {
            p.downRebuild = true;
            for (const Rename &r : ordered.value())
                down.append({alterRenameColumn(old.name, r), Check::None, {}});
            QList<QPair<QString, QString>> copy;
            for (const ColumnDesc &c : old.columns)
                if (toNew.contains(T::key(c.name)) && !c.isGenerated())
                    copy.append({c.name, c.name});
            rebuildCore(down, cat, old.name, old, copy, old.autoincrement && wanted.autoincrement);
            for (const IndexInfo &ix : indexes)
                if (!ix.sql.isEmpty())
                    down.append({ix.sql, Check::None, QStringLiteral("index %1, as it was").arg(ix.name)});
            for (const ObjectInfo &t : triggers)
                down.append({t.sql, Check::None, QStringLiteral("trigger %1, as it was").arg(t.name)});
            addChecks(down, cat, old.name, old.name, nullptr);
            if (!dropped.isEmpty())
                p.downNote = QStringLiteral("the dropped column(s) %1 come back empty: their values are not kept")
                                 .arg(dropped.join(QStringLiteral(", ")));
        }
    }
    return p;
}

Outcome<SchemaPlan> planCreateIndex(const Catalog &cat, const IndexDesc &index)
{
    QStringList problems;
    if (index.name.trimmed().isEmpty())
        problems << QStringLiteral("the index has no name");
    else if (cat.hasObject(index.name))
        problems << QStringLiteral("there is already an object named “%1”").arg(index.name);
    const TableInfo *t = cat.table(index.table);
    if (!t)
        problems << QStringLiteral("there is no table named “%1”").arg(index.table);
    if (index.columns.isEmpty())
        problems << QStringLiteral("an index needs at least one column");
    for (const IndexColumn &c : index.columns)
        if (t && !c.column.isEmpty() && !t->desc.column(c.column))
            problems << QStringLiteral("%1 has no column “%2”").arg(index.table, c.column);
    if (!problems.isEmpty())
        return problem(problems);
    SchemaPlan p = basePlan(cat, QStringLiteral("Create index %1").arg(index.name), slugOf(QStringLiteral("index"), index.name));
    p.steps.append({index.createSql(), Check::None, {}});
    p.downSteps.append({QStringLiteral("DROP INDEX %1").arg(T::name(index.name)), Check::None, {}});
    return p;
}

Outcome<SchemaPlan> planCreateView(const Catalog &cat, const QString &name, const QString &select)
{
    QString body = select.trimmed();
    while (body.endsWith(QLatin1Char(';')))
        body = body.chopped(1).trimmed();
    QStringList problems;
    if (name.trimmed().isEmpty())
        problems << QStringLiteral("the view has no name");
    else if (cat.hasObject(name))
        problems << QStringLiteral("there is already an object named “%1”").arg(name);
    const QList<T::Token> tokens = T::tokenize(body);
    if (body.isEmpty() || !(tokens.first().is("SELECT") || tokens.first().is("WITH") || tokens.first().is("VALUES")))
        problems << QStringLiteral("a view is made from one SELECT statement");
    for (const T::Token &tk : tokens)
        if (tk.isPunct(';'))
            problems << QStringLiteral("a view is made from one statement; the text holds several");
    if (!problems.isEmpty())
        return problem(problems);
    SchemaPlan p = basePlan(cat, QStringLiteral("Create view %1").arg(name), slugOf(QStringLiteral("view"), name));
    p.steps.append({QStringLiteral("CREATE VIEW %1 AS\n%2").arg(T::name(name), body), Check::None, {}});
    p.steps.append({QStringLiteral("SELECT * FROM %1 LIMIT 0").arg(T::name(name)), Check::None,
                    QStringLiteral("the view must work")});
    p.downSteps.append({QStringLiteral("DROP VIEW %1").arg(T::name(name)), Check::None, {}});
    return p;
}

Outcome<SchemaPlan> planCreateTrigger(const Catalog &cat, const TriggerDesc &trigger)
{
    QStringList problems;
    if (trigger.name.trimmed().isEmpty())
        problems << QStringLiteral("the trigger has no name");
    else if (cat.hasObject(trigger.name))
        problems << QStringLiteral("there is already an object named “%1”").arg(trigger.name);
    const bool onView = cat.view(trigger.table) != nullptr;
    if (!cat.table(trigger.table) && !onView)
        problems << QStringLiteral("there is no table or view named “%1”").arg(trigger.table);
    if (onView && trigger.timing != QLatin1String("INSTEAD OF"))
        problems << QStringLiteral("a trigger on a view must be INSTEAD OF");
    if (!onView && trigger.timing == QLatin1String("INSTEAD OF"))
        problems << QStringLiteral("INSTEAD OF triggers are for views only");
    if (trigger.body.trimmed().isEmpty())
        problems << QStringLiteral("the trigger has no statements");
    if (!problems.isEmpty())
        return problem(problems);
    SchemaPlan p = basePlan(cat, QStringLiteral("Create trigger %1").arg(trigger.name), slugOf(QStringLiteral("trigger"), trigger.name));
    p.steps.append({trigger.createSql(), Check::None, {}});
    p.downSteps.append({QStringLiteral("DROP TRIGGER %1").arg(T::name(trigger.name)), Check::None, {}});
    return p;
}

Outcome<SchemaPlan> planDrop(const Catalog &cat, const QString &name)
{
    QString type;
    if (cat.table(name))
        type = QStringLiteral("TABLE");
    else if (cat.view(name))
        type = QStringLiteral("VIEW");
    else if (const IndexInfo *ix = cat.index(name)) {
        if (ix->sql.isEmpty())
            return Error::invalid(QStringLiteral("index %1 belongs to a PRIMARY KEY or UNIQUE constraint of %2: change the table instead")
                                      .arg(ix->name, ix->table));
        type = QStringLiteral("INDEX");
    } else if (cat.trigger(name))
        type = QStringLiteral("TRIGGER");
    else
        return Error::invalid(QStringLiteral("there is no table, view, index or trigger named “%1”").arg(name));
    SchemaPlan p = basePlan(cat, QStringLiteral("Drop %1 %2").arg(type.toLower(), name), slugOf(QStringLiteral("drop"), name));
    p.warnings = dependentsOf(cat, name);
    p.steps.append({QStringLiteral("DROP %1 %2").arg(type, T::name(name)), Check::None, {}});
    p.downSteps.append({cat.createSql(name), Check::None, {}});
    if (type == QLatin1String("TABLE")) {
        for (const IndexInfo &ix : cat.indexesOf(name))
            if (!ix.sql.isEmpty())
                p.downSteps.append({ix.sql, Check::None, {}});
        for (const ObjectInfo &t : cat.triggersOf(name))
            p.downSteps.append({t.sql, Check::None, {}});
        p.downNote = QStringLiteral("the table comes back empty: its rows are not kept");
    }
    return p;
}

QStringList dependentsOf(const Catalog &cat, const QString &name)
{
    QStringList out;
    const bool isTable = cat.table(name) != nullptr;
    if (!isTable && !cat.view(name))
        return out;
    for (const IndexInfo &ix : cat.indexesOf(name))
        if (!ix.sql.isEmpty())
            out << QStringLiteral("index %1 (dropped with it)").arg(ix.name);
    for (const ObjectInfo &t : cat.triggersOf(name))
        out << QStringLiteral("trigger %1 (dropped with it)").arg(t.name);
    for (const ObjectInfo &v : cat.viewsNaming(name))
        out << QStringLiteral("view %1 (stops working)").arg(v.name);
    for (const ObjectInfo &t : cat.triggers)
        if (T::key(t.table) != T::key(name) && T::mentions(t.sql, name))
            out << QStringLiteral("trigger %1 on %2 (fails when it fires)").arg(t.name, t.table);
    if (isTable) {
        for (const ForeignKeyRef &ref : cat.referencing(name)) {
            if (T::key(ref.table) == T::key(name))
                continue;
            QString what = QStringLiteral("table %1 refers to it by a foreign key").arg(ref.table);
            if (cat.foreignKeys && ref.key.onDelete == QLatin1String("CASCADE"))
                what += QStringLiteral(" (ON DELETE CASCADE: dropping deletes its rows that refer to this table)");
            else if (cat.foreignKeys)
                what += QStringLiteral(" (the drop fails while rows of it refer to this table)");
            out << what;
        }
    }
    return out;
}

} // namespace Litehouse
