#include "hardening.h"

#include <sqlite3.h>

namespace Litehouse {

namespace {

struct Setting
{
    int op;
    int wanted;
    const char *name;
};

constexpr Setting kSettings[] = {
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "extension loading off"},
    {SQLITE_DBCONFIG_DEFENSIVE, 1, "defensive mode"},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "untrusted schema"},
    {SQLITE_DBCONFIG_DQS_DML, 0, "no double-quoted strings in statements"},
    {SQLITE_DBCONFIG_DQS_DDL, 0, "no double-quoted strings in the schema"},
};

// Reads a setting without changing it (-1 asks).
int current(sqlite3 *db, int op)
{
    int value = -1;
    if (sqlite3_db_config(db, op, -1, &value) != SQLITE_OK)
        return -1;
    return value;
}

} // namespace

Outcome<Done> hardenConnection(sqlite3 *db)
{
    if (!db)
        return Error::invalid(QStringLiteral("no connection to harden"));
    for (const Setting &s : kSettings) {
        int now = -1;
        const int rc = sqlite3_db_config(db, s.op, s.wanted, &now);
        if (rc != SQLITE_OK || now != s.wanted)
            return Error::sqlite(rc == SQLITE_OK ? SQLITE_ERROR : rc,
                                 QStringLiteral("SQLite refused a safety setting (%1) on the connection")
                                     .arg(QLatin1String(s.name)));
    }
    return Done{};
}

QStringList missingHardening(sqlite3 *db)
{
    QStringList missing;
    for (const Setting &s : kSettings)
        if (!db || current(db, s.op) != s.wanted)
            missing << QLatin1String(s.name);
    return missing;
}

} // namespace Litehouse
