#include "resultset.h"

namespace Litehouse {

qint64 ScriptResult::rowsAffected() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rowsAffected;
    return n;
}

qint64 ScriptResult::rowsReturned() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rows.rowCount();
    return n;
}

} // namespace Litehouse
