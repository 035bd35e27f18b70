#include "healthmonitor.h"

#include "../manager.h"
#include "../async_p.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>

#include <sqlite3.h>

#include <sys/stat.h>
#include <sys/statvfs.h>

namespace Litehouse {

namespace {

/// Which file a path names: device and inode.
struct FileIdentity
{
    bool exists = false;
    quint64 device = 0;
    quint64 inode = 0;
    bool operator==(const FileIdentity &o) const { return exists == o.exists && device == o.device && inode == o.inode; }
};

FileIdentity identityOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {true, quint64(st.st_dev), quint64(st.st_ino)};
}

bool readOnlyFileSystem(const QString &path)
{
    struct statvfs vfs;
    const QString dir = QFileInfo(path).absolutePath();
    return ::statvfs(QFile::encodeName(dir).constData(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

} // namespace

struct HealthMonitor::Probe
{
    State state = State::Healthy;
    QString reason;
    bool reconnect = false;    ///< the connections point at a file that is gone or broken
    FileIdentity identity;
};

struct HealthMonitor::Watch
{
    QString name;
    QString path;
    OpenOptions options;
    int intervalMs = 5000;
    FileIdentity baseline;   ///< the file the connections were opened on
    Status status;
    QTimer *timer = nullptr;
    bool running = false;
    bool removed = false;
};

HealthMonitor::HealthMonitor(Manager &manager, QObject *parent) : QObject(parent), m_manager(&manager)
{
    qRegisterMetaType<Litehouse::HealthMonitor::State>();
}

HealthMonitor::~HealthMonitor()
{
    for (const auto &w : std::as_const(m_watches))
        w->removed = true;
}

QString HealthMonitor::stateName(State state)
{
    switch (state) {
    case State::Healthy: return QStringLiteral("healthy");
    case State::Degraded: return QStringLiteral("degraded");
    case State::Down: return QStringLiteral("down");
    }
    return {};
}

void HealthMonitor::setBackoff(int minMs, int maxMs)
{
    m_backoffMinMs = std::max(1, minMs);
    m_backoffMaxMs = std::max(m_backoffMinMs, maxMs);
}

int HealthMonitor::backoffDelayMs(int failures) const
{
    if (failures <= 0)
        return m_backoffMinMs;
    const qint64 d = qint64(m_backoffMinMs) << std::min(failures - 1, 30);
    return int(std::min<qint64>(d, m_backoffMaxMs));
}

void HealthMonitor::watch(const QString &database, int intervalMs, const OpenOptions &options)
{
    unwatch(database);
    auto w = std::make_shared<Watch>();
    w->name = database;
    w->path = m_manager->resolve(database);
    if (w->path.isEmpty())
        w->path = QFileInfo(database).absoluteFilePath();
    w->options = options;
    w->options.create = false; // a vanished database is never recreated empty
    w->intervalMs = std::max(1, intervalMs);
    w->status.since = QDateTime::currentDateTimeUtc();
    w->timer = new QTimer(this);
    w->timer->setSingleShot(true);
    connect(w->timer, &QTimer::timeout, this, [this, w] { runCheck(w); });
    m_watches.insert(database, w);
    w->timer->start(0);
}

void HealthMonitor::unwatch(const QString &database)
{
    auto w = m_watches.take(database);
    if (!w)
        return;
    w->removed = true;
    w->timer->deleteLater();
    w->timer = nullptr;
}

bool HealthMonitor::isWatching(const QString &database) const
{
    return m_watches.contains(database);
}

void HealthMonitor::checkNow(const QString &database)
{
    if (auto w = m_watches.value(database); w && !w->running)
        w->timer->start(0);
}

HealthMonitor::Status HealthMonitor::status(const QString &database) const
{
    auto w = m_watches.value(database);
    return w ? w->status : Status{};
}

void HealthMonitor::schedule(const std::shared_ptr<Watch> &w)
{
    if (w->removed || !w->timer)
        return;
    // Down: retry (and reconnect) with exponential backoff instead of the interval.
    const int delay = w->status.state == State::Down ? backoffDelayMs(w->status.failures) : w->intervalMs;
    w->timer->start(delay);
}

void HealthMonitor::setState(const std::shared_ptr<Watch> &w, State state, const QString &reason)
{
    const bool first = !w->status.checked;
    w->status.checked = true;
    w->status.failures = state == State::Down ? w->status.failures + 1 : 0;
    if (!first && w->status.state == state && w->status.reason == reason)
        return;
    w->status.state = state;
    w->status.reason = reason;
    w->status.since = QDateTime::currentDateTimeUtc();
    Q_EMIT healthChanged(w->name, state, reason);
}

void HealthMonitor::runCheck(const std::shared_ptr<Watch> &w)
{
    if (w->removed || w->running)
        return;
    if (!m_manager->isOpen(w->name)) {
        reconnect(w);
        return;
    }
    w->running = true;
    const QString path = w->path;
    const FileIdentity baseline = w->baseline;
    // Runs on a reader's lane: a writer busy with a long transaction does not hold it up.
    auto probe = [path, baseline](Connection &c) -> Outcome<Probe> {
        Probe p;
        p.identity = identityOf(path);
        if (!p.identity.exists) {
            p.state = State::Down;
            p.reason = QStringLiteral("the database file was deleted or moved: %1").arg(path);
            return p;
        }
        if (baseline.exists && !(p.identity == baseline)) {
            p.state = State::Down;
            p.reason = QStringLiteral("the database file was replaced: %1").arg(path);
            p.reconnect = true;
            return p;
        }
        auto r = c.execute("SELECT count(*) FROM sqlite_schema", {}, Fetch::one());
        if (!r) {
            const int code = r.error().code();
            if (r.error().isBusy()) {
                p.state = State::Degraded;
                p.reason = QStringLiteral("the database is locked: %1").arg(r.error().message());
            } else {
                p.state = State::Down;
                p.reason = (code == SQLITE_IOERR ? QStringLiteral("I/O error: %1") : QStringLiteral("the database does not answer: %1"))
                               .arg(r.error().message());
                p.reconnect = code == SQLITE_IOERR || code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_CANTOPEN;
            }
            return p;
        }
        if (readOnlyFileSystem(path)) {
            p.state = State::Degraded;
            p.reason = QStringLiteral("the file system holding %1 is read-only").arg(path);
        }
        return p;
    };
    auto *watcher = new QFutureWatcher<Outcome<Probe>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, w, watcher] {
        watcher->deleteLater();
        const auto r = finishedResult(watcher->future());
        w->running = false;
        if (w->removed)
            return;
        if (!r) {
            Probe p;
            p.state = State::Down;
            p.reason = r.error().message();
            p.reconnect = r.error().kind() != Error::Kind::Interrupted;
            finish(w, p);
            return;
        }
        finish(w, r.value());
    });
    watcher->setFuture(m_manager->withConnection<Probe>(w->name, Route::Reader, std::move(probe)));
}

void HealthMonitor::finish(const std::shared_ptr<Watch> &w, const Probe &probe)
{
    Probe p = probe;
    if (p.state != State::Down && !w->baseline.exists)
        w->baseline = p.identity; // the file the connections were opened on
    if (p.state == State::Healthy) {
        const TransactionState t = m_manager->transactionState(w->name);
        if (t.active && t.since.isValid()) {
            const qint64 held = t.since.msecsTo(QDateTime::currentDateTimeUtc());
            if (held > m_lockThresholdMs) {
                p.state = State::Degraded;
                p.reason = QStringLiteral("a transaction has been open for %1 s; other writes wait for it").arg(held / 1000.0, 0, 'f', 1);
            }
        }
    }
    setState(w, p.state, p.reason);
    if (p.reconnect) {
        // Close the connections on the old file first, so nothing of theirs
        // (a WAL checkpoint on close) touches the new one, then reopen.
        w->running = true;
        auto *watcher = new QFutureWatcher<Outcome<Done>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, w, watcher] {
            watcher->deleteLater();
            Tsan::acquireFuture(watcher->future());
            w->running = false;
            schedule(w);
        });
        watcher->setFuture(m_manager->close(w->name));
        return;
    }
    schedule(w);
}

void HealthMonitor::reconnect(const std::shared_ptr<Watch> &w)
{
    w->running = true;
    const QString alias = w->name == w->path ? QString() : w->name;
    auto *watcher = new QFutureWatcher<Outcome<DatabaseInfo>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, w, watcher] {
        watcher->deleteLater();
        const auto r = finishedResult(watcher->future());
        w->running = false;
        if (w->removed)
            return;
        if (!r) {
            setState(w, State::Down, QStringLiteral("reconnect failed: %1").arg(r.error().message()));
            schedule(w);
            return;
        }
        // Opened again: the next check takes the new file as its baseline.
        w->baseline = {};
        w->running = false;
        runCheck(w);
    });
    watcher->setFuture(m_manager->open(w->path, w->options, alias));
}

} // namespace Litehouse
