#include "tabstore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtConcurrent>

namespace Litehouse {

TabStore::TabStore(QString dir, QObject *parent) : QObject(parent), m_dir(std::move(dir))
{
    m_io.setMaxThreadCount(1); // one writer: saves land in order
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &TabStore::flush);
    // Not restarted by later keystrokes, unlike the debounce.
    m_maxDelay.setSingleShot(true);
    m_maxDelay.setInterval(2000);
    connect(&m_maxDelay, &QTimer::timeout, this, &TabStore::flush);
}

TabStore::~TabStore()
{
    flush();
    m_io.waitForDone();
}

void TabStore::save(const QString &id, const QString &text)
{
    m_pending.insert(id, text);
    m_debounce.start();
    if (!m_maxDelay.isActive())
        m_maxDelay.start();
}

void TabStore::remove(const QString &id)
{
    m_pending.remove(id);
    const QString path = m_dir + QLatin1Char('/') + id + QStringLiteral(".sql");
    m_io.start([path] { QFile::remove(path); });
}

void TabStore::flush()
{
    m_debounce.stop();
    m_maxDelay.stop();
    if (m_pending.isEmpty())
        return;
    const QHash<QString, QString> batch = std::exchange(m_pending, {});
    const QString dir = m_dir;
    // The store outlives its writes (its destructor waits for them), and a
    // queued call to a store that is gone by then is dropped by Qt.
    m_io.start([this, dir, batch] {
        QDir().mkpath(dir);
        for (auto it = batch.begin(); it != batch.end(); ++it) {
            const QString path = dir + QLatin1Char('/') + it.key() + QStringLiteral(".sql");
            QSaveFile f(path);
            const QByteArray bytes = it.value().toUtf8();
            const bool ok = f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
            if (!ok) {
                const QString message = tr("Could not save the editor tab to %1: %2").arg(path, f.errorString());
                // Back on the UI thread.
                QMetaObject::invokeMethod(
                    this, [this, id = it.key(), text = it.value(), message] { failed(id, text, message); },
                    Qt::QueuedConnection);
            }
        }
    });
}

void TabStore::failed(const QString &id, const QString &text, const QString &message)
{
    // A newer text typed meanwhile supersedes the one that failed; either
    // way the next save tries again, and nothing typed is dropped.
    if (!m_pending.contains(id))
        m_pending.insert(id, text);
    if (!m_maxDelay.isActive())
        m_maxDelay.start();
    Q_EMIT saveFailed(message);
}

QFuture<QHash<QString, QString>> TabStore::load(const QStringList &ids) const
{
    const QString dir = m_dir;
    return QtConcurrent::run(&m_io, [dir, ids] {
        QHash<QString, QString> out;
        for (const QString &id : ids) {
            QFile f(dir + QLatin1Char('/') + id + QStringLiteral(".sql"));
            if (f.open(QIODevice::ReadOnly))
                out.insert(id, QString::fromUtf8(f.readAll()));
        }
        return out;
    });
}

} // namespace Litehouse
