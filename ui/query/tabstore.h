#pragma once

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

namespace Litehouse {

/// Keeps the editor tabs' text on disk as the user types, so they come back
/// after a crash or restart. Writes run on a thread of their own (never the
/// UI thread), debounced, each file replaced atomically.
class TabStore final : public QObject
{
    Q_OBJECT
public:
    /// dir: where the files live (created on first write).
    explicit TabStore(QString dir, QObject *parent = nullptr);
    /// Writes what is pending and waits for it: nothing typed is lost.
    ~TabStore() override;

    /// Schedules a save of one tab's text.
    void save(const QString &id, const QString &text);
    /// Removes a closed tab's file.
    void remove(const QString &id);
    /// Reads the saved texts of these tabs (off the UI thread).
    QFuture<QHash<QString, QString>> load(const QStringList &ids) const;
    /// Writes everything pending now.
    void flush();
    QString directory() const { return m_dir; }

private:
    QString m_dir;
    QHash<QString, QString> m_pending;
    QTimer m_debounce;
    mutable QThreadPool m_io;
};

} // namespace Litehouse
