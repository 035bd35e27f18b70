#include "processlock.h"

namespace Litehouse {

QString ProcessLock::lockPathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".litehouse-lock");
}

ProcessLock::ProcessLock(const QString &databasePath)
    : m_path(lockPathFor(databasePath)), m_lock(std::make_unique<QLockFile>(m_path))
{
    // A holder that is alive keeps the lock however long it works; only a
    // dead holder's file is taken over (QLockFile checks the process id).
    m_lock->setStaleLockTime(0);
}

ProcessLock::~ProcessLock() = default;

Outcome<Done> ProcessLock::acquire(int timeoutMs)
{
    if (m_lock->tryLock(qMax(0, timeoutMs)))
        return Done{};
    qint64 pid = 0;
    QString host, app;
    const bool known = m_lock->getLockInfo(&pid, &host, &app);
    switch (m_lock->error()) {
    case QLockFile::PermissionError:
        return Error(Error::Kind::Io, QStringLiteral("cannot create the lock file %1: permission denied").arg(m_path));
    case QLockFile::LockFailedError:
        return Error(Error::Kind::Locked,
                     known ? QStringLiteral("another process (pid %1) holds the lock %2").arg(pid).arg(m_path)
                           : QStringLiteral("another process holds the lock %1").arg(m_path));
    default:
        return Error(Error::Kind::Io, QStringLiteral("cannot take the lock %1").arg(m_path));
    }
}

void ProcessLock::release()
{
    m_lock->unlock();
}

bool ProcessLock::isLocked() const
{
    return m_lock->isLocked();
}

} // namespace Litehouse
