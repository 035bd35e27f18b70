#pragma once

#include "outcome.h"

#include <QStringList>

struct sqlite3;

namespace Litehouse {

/// Puts a connection in the state every connection Litehouse opens must
/// have, because a database file can come from anywhere: extension loading
/// off, defensive mode on (no writable_schema, no corrupting the file by
/// SQL), schema untrusted (views, triggers and defaults may call only
/// innocuous functions), and double-quoted string literals off. Each
/// setting is read back; the error names the first that SQLite refused.
/// Call it right after sqlite3_open_v2(), before any statement runs.
Outcome<Done> hardenConnection(sqlite3 *db);

/// The settings of hardenConnection() that db lacks (empty when all are in place).
QStringList missingHardening(sqlite3 *db);

} // namespace Litehouse
