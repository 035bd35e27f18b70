#include "error.h"

#include <sqlite3.h>

namespace Litehouse {

Error Error::sqlite(int extendedCode, QString message)
{
    const int primary = extendedCode & 0xff;
    Kind kind = Kind::Sqlite;
    if (primary == SQLITE_INTERRUPT)
        kind = Kind::Interrupted;
    return Error(kind, std::move(message), primary, extendedCode);
}

Error Error::interrupted(const QString &what)
{
    return Error(Kind::Interrupted, what.isEmpty() ? QStringLiteral("interrupted") : what,
                 SQLITE_INTERRUPT, SQLITE_INTERRUPT);
}

bool Error::isBusy() const
{
    return m_kind == Kind::Busy || (m_kind == Kind::Sqlite && (m_code == SQLITE_BUSY || m_code == SQLITE_LOCKED));
}

QString Error::toString() const
{
    QString s = m_message;
    if (m_offset >= 0)
        s += QStringLiteral(" (at byte %1)").arg(m_offset);
    return s;
}

QString Error::codeName(int extendedCode)
{
    // sqlite3_errstr gives the English text; the symbolic names are what
    // people search for, so keep a table of the common ones.
    switch (extendedCode) {
#define LH_CODE(c) case c: return QStringLiteral(#c);
    LH_CODE(SQLITE_OK) LH_CODE(SQLITE_ERROR) LH_CODE(SQLITE_INTERNAL) LH_CODE(SQLITE_PERM)
    LH_CODE(SQLITE_ABORT) LH_CODE(SQLITE_BUSY) LH_CODE(SQLITE_LOCKED) LH_CODE(SQLITE_NOMEM)
    LH_CODE(SQLITE_READONLY) LH_CODE(SQLITE_INTERRUPT) LH_CODE(SQLITE_IOERR) LH_CODE(SQLITE_CORRUPT)
    LH_CODE(SQLITE_NOTFOUND) LH_CODE(SQLITE_FULL) LH_CODE(SQLITE_CANTOPEN) LH_CODE(SQLITE_PROTOCOL)
    LH_CODE(SQLITE_SCHEMA) LH_CODE(SQLITE_TOOBIG) LH_CODE(SQLITE_CONSTRAINT) LH_CODE(SQLITE_MISMATCH)
    LH_CODE(SQLITE_MISUSE) LH_CODE(SQLITE_NOLFS) LH_CODE(SQLITE_AUTH) LH_CODE(SQLITE_RANGE)
    LH_CODE(SQLITE_NOTADB) LH_CODE(SQLITE_BUSY_SNAPSHOT) LH_CODE(SQLITE_BUSY_RECOVERY)
    LH_CODE(SQLITE_BUSY_TIMEOUT) LH_CODE(SQLITE_LOCKED_SHAREDCACHE) LH_CODE(SQLITE_READONLY_DBMOVED)
    LH_CODE(SQLITE_CONSTRAINT_UNIQUE) LH_CODE(SQLITE_CONSTRAINT_PRIMARYKEY)
    LH_CODE(SQLITE_CONSTRAINT_FOREIGNKEY) LH_CODE(SQLITE_CONSTRAINT_NOTNULL)
    LH_CODE(SQLITE_CONSTRAINT_CHECK) LH_CODE(SQLITE_IOERR_WRITE) LH_CODE(SQLITE_IOERR_READ)
    LH_CODE(SQLITE_IOERR_FSYNC) LH_CODE(SQLITE_IOERR_TRUNCATE) LH_CODE(SQLITE_IOERR_SHORT_READ)
    LH_CODE(SQLITE_CORRUPT_INDEX) LH_CODE(SQLITE_CANTOPEN_ISDIR) LH_CODE(SQLITE_ABORT_ROLLBACK)
#undef LH_CODE
    default:
        return QStringLiteral("SQLITE_%1").arg(extendedCode);
    }
}

} // namespace Litehouse
