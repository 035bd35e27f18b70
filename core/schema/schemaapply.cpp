#include "schemaapply.h"

#include "../connection.h"
#include "../manager_p.h"

#include <sqlite3.h>

#include <QElapsedTimer>

namespace Litehouse {

namespace {

// PRAGMAs the apply sets for itself go straight to SQLite: through
// Connection::execute they would count as PRAGMAs the user set in the
// session (Connection::hasSessionState()).
Outcome<qint64> pragmaValue(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    qint64 v = 0;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            v = sqlite3_column_int64(s, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
    return v;
}

// The first TEMP object whose name a main object has too; empty when none.
Outcome<QString> shadowedName(sqlite3 *db)
{
    sqlite3_stmt *s = nullptr;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT t.name FROM temp.sqlite_schema AS t JOIN main.sqlite_schema AS m "
                                "ON m.name = t.name COLLATE NOCASE LIMIT 1",
                                -1, &s, nullptr);
    QString name;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            name = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
    return name;
}

bool setPragma(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// Runs one step; for a NoRows step, the first row it returns is the failure.
Outcome<Done> runStep(Connection &c, const PlanStep &step)
{
    const QByteArray sql = step.sql.toUtf8();
    sqlite3 *db = c.handle();
    sqlite3_stmt *s = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &s, nullptr);
    if (rc != SQLITE_OK) {
        Error e = c.lastError(rc, sql);
        sqlite3_finalize(s);
        return e;
    }
    QString found;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (step.check == PlanStep::Check::NoRows && found.isEmpty()) {
            // foreign_key_check: table, rowid, parent, fkid
            found = QStringLiteral("a row of %1 (rowid %2) has no matching row in %3")
                        .arg(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))),
                             QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 1))),
                             QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 2))));
            break;
        }
    }
    Error e;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = c.lastError(rc, sql);
    sqlite3_finalize(s);
    if (e.isError())
        return e;
    if (!found.isEmpty())
        return Error(Error::Kind::Sqlite, QStringLiteral("the foreign key check failed: %1").arg(found),
                     SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_FOREIGNKEY);
    return Done{};
}

} // namespace

Outcome<Done> applySchemaPlan(Connection &c, const SchemaPlan &plan)
{
    if (plan.steps.isEmpty())
        return Error::invalid(QStringLiteral("there is nothing to change"));
    if (!c.isOpen())
        return Error(Error::Kind::NotOpen, QStringLiteral("the database is not open"));
    if (!c.autocommit())
        return Error::invalid(plan.rebuild
            ? QStringLiteral("commit or roll back the open transaction first: this change rebuilds the table with "
                             "foreign keys turned off, which SQLite cannot do inside a transaction")
            : QStringLiteral("commit or roll back the open transaction first: a schema change runs in a "
                             "transaction of its own"));
    sqlite3 *db = c.handle();
    auto fk = pragmaValue(db, "PRAGMA foreign_keys");
    auto legacy = pragmaValue(db, "PRAGMA legacy_alter_table");
    if (!fk)
        return fk.error();
    if (!legacy)
        return legacy.error();
    if ((fk.value() != 0) != plan.foreignKeys || (legacy.value() != 0) != plan.legacyAlterTable)
        return Error::invalid(QStringLiteral("PRAGMA foreign_keys or legacy_alter_table changed in the session since "
                                             "the change was planned: plan it again"));
    const bool fkOff = plan.rebuild && plan.foreignKeys;
    if (fkOff && !setPragma(db, "PRAGMA foreign_keys=OFF"))
        return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
    auto restore = [&] {
        if (fkOff)
            setPragma(db, "PRAGMA foreign_keys=ON");
        setPragma(db, plan.legacyAlterTable ? "PRAGMA legacy_alter_table=ON" : "PRAGMA legacy_alter_table=OFF");
    };
    auto fail = [&](Error e) -> Outcome<Done> {
        if (!c.autocommit())
            c.exec("ROLLBACK");
        restore();
        return e;
    };
    if (auto r = c.exec("BEGIN IMMEDIATE"); !r)
        return fail(r.error());
    // The plan names objects without "main.": a TEMP object of the same
    // name would be found first (DROP TABLE would drop the session's copy).
    if (auto shadow = shadowedName(db); !shadow)
        return fail(shadow.error());
    else if (!shadow.value().isEmpty())
        return fail(Error::invalid(QStringLiteral("the session has a TEMP object named “%1”, which hides the database's own: "
                                                  "drop it (or close and reopen the database) first")
                                       .arg(shadow.value())));
    // Read again inside the transaction: nobody can change it from here on.
    auto version = pragmaValue(db, "PRAGMA schema_version");
    if (!version)
        return fail(version.error());
    if (version.value() != plan.schemaVersion)
        return fail(Error::invalid(QStringLiteral("the schema changed since the change was planned: plan it again")));
    for (int i = 0; i < plan.steps.size(); ++i) {
        const PlanStep &step = plan.steps.at(i);
        if (auto r = runStep(c, step); !r) {
            Error e = r.error();
            e.withMessage(QStringLiteral("%1 (statement %2 of %3: %4). Nothing was changed.")
                              .arg(e.message()).arg(i + 1).arg(plan.steps.size())
                              .arg(step.sql.section(QLatin1Char('\n'), 0, 0)))
                .withSql(step.sql);
            return fail(e);
        }
    }
    if (auto r = c.exec("COMMIT"); !r)
        return fail(r.error());
    restore();
    return Done{};
}

QFuture<Outcome<Done>> applySchemaPlan(Manager &manager, const QString &database, const SchemaPlan &plan)
{
    Manager *m = &manager;
    std::function<Outcome<Done>(Connection &)> fn = [m, plan](Connection &c) -> Outcome<Done> {
        OperationRecord op;
        op.timestamp = QDateTime::currentDateTimeUtc();
        op.database = c.path();
        op.sql = plan.script();
        op.kind = OperationRecord::Kind::Script;
        op.statementType = QStringLiteral("DDL");
        QElapsedTimer timer;
        timer.start();
        auto r = applySchemaPlan(c, plan);
        op.durationNs = timer.nsecsElapsed();
        if (!r) {
            op.outcome = OperationRecord::Outcome::Error;
            op.error = r.error().message();
            op.errorCode = r.error().extendedCode();
        }
        detail::ManagerAccess::report(*m, op, r ? Error() : r.error());
        return r;
    };
    return manager.withConnection<Done>(database, Route::Writer, std::move(fn));
}

} // namespace Litehouse
