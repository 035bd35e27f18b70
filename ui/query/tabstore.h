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
/// UI thread), each file replaced atomically. A save waits for a pause in
/// typing (300 ms), but never longer than maxDelayMs after the first
/// unsaved keystroke, so steady typing is saved too.
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
    /// The longest a typed change waits for its save (default 2 s).
    void setMaxDelay(int ms) { m_maxDelay.setInterval(ms); }
    int maxDelay() const { return m_maxDelay.interval(); }

Q_SIGNALS:
    /// A tab's text could not be written (disk full, folder not writable);
    /// it stays pending and is tried again at the next save.
    void saveFailed(const QString &message);

private:
    void failed(const QString &id, const QString &text, const QString &message);

    QString m_dir;
    QHash<QString, QString> m_pending;
    QTimer m_debounce;
    QTimer m_maxDelay;
    mutable QThreadPool m_io;
};

} // namespace Litehouse
