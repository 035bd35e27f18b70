#pragma once

#include "outcome.h"

#include <QLockFile>
#include <QString>

#include <memory>

namespace Litehouse {

/// A cross-process lock beside a database (`<db>.litehouse-lock`), for work
/// that must never run twice at once: migrations, VACUUM. A lock left by a
/// process that died is detected and taken over.
class ProcessLock final
{
public:
    /// The lock file used for a database path.
    static QString lockPathFor(const QString &databasePath);

    explicit ProcessLock(const QString &databasePath);
    ~ProcessLock();
    Q_DISABLE_COPY_MOVE(ProcessLock)

    /// Waits up to timeoutMs (0: try once). Fails with Error::Kind::Locked
    /// naming the holder's process id when another process keeps it.
    Outcome<Done> acquire(int timeoutMs);
    void release();
    bool isLocked() const;

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Litehouse
