#pragma once

#include "catalog.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Litehouse {

/// One statement of a plan.
struct PlanStep
{
    enum class Check {
        None,       ///< runs; any rows it returns are ignored
        NoRows,     ///< must return no rows (PRAGMA foreign_key_check): rows fail the plan
    };
    PlanStep() = default;
    PlanStep(QString sql_, Check check_ = Check::None, QString why_ = {}, QString subject_ = {})
        : sql(std::move(sql_)), check(check_), why(std::move(why_)), subject(std::move(subject_)) {}
    QString sql;
    Check check = Check::None;
    QString why;    ///< what the step is for, shown as a comment above it
    QString subject; ///< NoRows: the table a foreign key check is about
};

/// What a schema change runs, made from a Catalog before anything runs.
///
/// applySchemaPlan() runs exactly script(): the steps inside one
/// transaction (BEGIN IMMEDIATE … COMMIT), and for a rebuild
/// PRAGMA foreign_keys=OFF before and ON after when foreign keys were on.
/// Every statement succeeds or nothing of the plan stays.
struct SchemaPlan
{
    QString title;              ///< "Modify table books"
    QString database;           ///< the path the catalog was read from
    QList<PlanStep> steps;
    /// The steps of the reverse change (for a down migration); empty when
    /// it cannot be derived (downNote says why).
    QList<PlanStep> downSteps;
    QString downNote;
    bool rebuild = false;       ///< a 12-step rebuild: runs with foreign_keys off
    bool downRebuild = false;
    /// Things the user should know before running it ("index i is dropped
    /// with column c"), in the order found.
    QStringList warnings;
    int schemaVersion = 0;      ///< the catalog's; applying checks it still holds
    bool foreignKeys = false;   ///< the catalog's PRAGMA foreign_keys
    bool legacyAlterTable = false;

    bool isEmpty() const { return steps.isEmpty(); }
    bool hasDown() const { return !downSteps.isEmpty(); }
    /// The SQL exactly as it runs, with comments; a script for the editor.
    QString script() const;
    /// The reverse as a script, or empty.
    QString downScript() const;
    /// As a migration file: a rebuild manages its own transaction (and
    /// starts with the migrations runner's no-transaction marker), so that
    /// foreign keys can be turned off around it.
    QString migrationScript(bool down = false) const;
    /// Short name for a migration file ("modify_books").
    QString slug;
};

/// A new table.
Outcome<SchemaPlan> planCreateTable(const Catalog &catalog, const TableDesc &table);
/// Changes an existing table (desired.origin names it) into desired: plain
/// ALTER TABLE where that is enough (rename the table or columns, add
/// columns at the end, drop columns nothing depends on), otherwise the
/// 12-step rebuild of https://www.sqlite.org/lang_altertable.html with the
/// table's indexes and triggers recreated and its views checked.
Outcome<SchemaPlan> planAlterTable(const Catalog &catalog, const TableDesc &desired);
Outcome<SchemaPlan> planCreateIndex(const Catalog &catalog, const IndexDesc &index);
/// CREATE VIEW name AS select.
Outcome<SchemaPlan> planCreateView(const Catalog &catalog, const QString &name, const QString &select);
Outcome<SchemaPlan> planCreateTrigger(const Catalog &catalog, const TriggerDesc &trigger);
/// DROP TABLE/VIEW/INDEX/TRIGGER of a named object.
Outcome<SchemaPlan> planDrop(const Catalog &catalog, const QString &name);

/// What depends on an object, one line each for a drop confirmation
/// ("index books_title (dropped with it)", "view cheap_books (stops working)").
QStringList dependentsOf(const Catalog &catalog, const QString &name);

} // namespace Litehouse
