#pragma once

#include "../options.h"

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace Litehouse {

class Manager;

/// Watches open databases with a periodic check per database and signals
/// every change of health. The timers live on the monitor's thread and only
/// schedule: the checks (file identity, file system, a ping on a reader)
/// run on the manager's pool. A check notices a deleted, moved or replaced
/// file, a read-only file system, I/O errors and a transaction that has held
/// the writer too long. A database that is Down is reconnected (closed and
/// opened again, never created) with exponential backoff.
class HealthMonitor final : public QObject
{
    Q_OBJECT
public:
    enum class State { Healthy, Degraded, Down };
    Q_ENUM(State)

    /// The last known health of a database.
    struct Status
    {
        State state = State::Healthy;
        QString reason;        ///< empty when healthy
        QDateTime since;       ///< when the state last changed (UTC)
        int failures = 0;      ///< checks in a row that found it Down
        bool checked = false;  ///< false until the first check finished
    };

    explicit HealthMonitor(Manager &manager, QObject *parent = nullptr);
    /// Waits for checks still running.
    ~HealthMonitor() override;
    Q_DISABLE_COPY_MOVE(HealthMonitor)

    /// Starts checking an open database (path or alias) every intervalMs;
    /// options are used to reconnect (create is always off then).
    void watch(const QString &database, int intervalMs = 5000, const OpenOptions &options = {});
    void unwatch(const QString &database);
    bool isWatching(const QString &database) const;
    /// Runs a check now (it still runs off this thread).
    void checkNow(const QString &database);
    Status status(const QString &database) const;

    /// A transaction open longer than this makes the database Degraded (default 30 s).
    void setLockThresholdMs(int ms) { m_lockThresholdMs = ms; }
    /// Backoff between reconnect attempts: doubling from min to max (defaults 100 ms, 30 s).
    void setBackoff(int minMs, int maxMs);
    /// The delay before the next check after n failed ones.
    int backoffDelayMs(int failures) const;

    static QString stateName(State state);

Q_SIGNALS:
    /// Every change of state or reason.
    void healthChanged(const QString &database, Litehouse::HealthMonitor::State state, const QString &reason);

private:
    struct Watch;
    struct Probe;
    void schedule(const std::shared_ptr<Watch> &w);
    void runCheck(const std::shared_ptr<Watch> &w);
    void finish(const std::shared_ptr<Watch> &w, const Probe &p);
    void reconnect(const std::shared_ptr<Watch> &w);
    void setState(const std::shared_ptr<Watch> &w, State state, const QString &reason);

    Manager *m_manager;
    QHash<QString, std::shared_ptr<Watch>> m_watches;
    int m_lockThresholdMs = 30000;
    int m_backoffMinMs = 100;
    int m_backoffMaxMs = 30000;
};

} // namespace Litehouse
