#pragma once

#include "schemaplan.h"

#include "../outcome.h"

#include <QFuture>

namespace Litehouse {

class Connection;
class Manager;

/// Runs a plan on a connection, inside the caller's task: exactly
/// SchemaPlan::script(). Refuses when a transaction is open (a rebuild has
/// to turn foreign keys off, which SQLite cannot do inside one; every plan
/// runs in a transaction of its own) and when the schema or the session's
/// foreign_keys / legacy_alter_table changed since the plan was made. Any
/// failing statement, a foreign key check that finds rows, or a failing
/// COMMIT rolls everything back: the database is as it was.
Outcome<Done> applySchemaPlan(Connection &c, const SchemaPlan &plan);

/// Runs a plan on the database's writer connection (the editor tabs'
/// session, Route::Writer) off the calling thread. The run is reported as
/// an operation (a DDL script) to the history and to Manager's signals, so
/// that the schema tree reads the schema again.
QFuture<Outcome<Done>> applySchemaPlan(Manager &manager, const QString &database, const SchemaPlan &plan);

} // namespace Litehouse
