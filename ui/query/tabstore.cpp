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
}

void TabStore::remove(const QString &id)
{
    m_pending.remove(id);
    const QString path = m_dir + QLatin1Char('/') + id + QStringLiteral(".sql");
    m_io.start([path] { QFile::remove(path); });
}

void TabStore::flush()
{
    if (m_pending.isEmpty())
        return;
    const QHash<QString, QString> batch = std::exchange(m_pending, {});
    const QString dir = m_dir;
    m_io.start([dir, batch] {
        QDir().mkpath(dir);
        for (auto it = batch.begin(); it != batch.end(); ++it) {
            QSaveFile f(dir + QLatin1Char('/') + it.key() + QStringLiteral(".sql"));
            if (f.open(QIODevice::WriteOnly)) {
                f.write(it.value().toUtf8());
                f.commit();
            }
        }
    });
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
