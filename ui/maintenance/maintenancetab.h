#pragma once

#include <core/canceltoken.h>
#include <core/maintenance/maintenance.h>

#include <QHash>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QFormLayout;

namespace Litehouse {

class HealthMonitor;
class Manager;

/// The maintenance dashboard of one open database, as a workbench tab:
/// its health (checked every few seconds off the UI thread), file and page
/// sizes with the largest tables and indexes, its settings, and the
/// maintenance actions (integrity, quick and foreign key checks, ANALYZE,
/// PRAGMA optimize, a WAL checkpoint, VACUUM and an online backup). One
/// action runs at a time, off the UI thread, and can be cancelled; each
/// result goes to the log below the buttons.
class MaintenanceTab final : public QWidget
{
    Q_OBJECT
public:
    enum class Action { IntegrityCheck, QuickCheck, ForeignKeyCheck, Analyze, Optimize, Checkpoint, Vacuum };
    Q_ENUM(Action)

    MaintenanceTab(Manager *manager, const QString &database, QWidget *parent = nullptr);
    ~MaintenanceTab() override;

    QString database() const { return m_database; }
    /// Reads sizes and settings again.
    void refresh();
    /// Starts an action; false when another one is running.
    bool run(Action action);
    /// Starts an online backup to path (an existing file is refused).
    bool backupTo(const QString &path);
    void cancel() { m_cancel.cancel(); }
    /// Stops the health checks (before the database is closed).
    void stopWatching();
    bool isBusy() const { return m_busy; }

    /// What the dashboard shows, for tests and copying.
    QString healthText() const;
    QString logText() const;
    const SizeStats &sizes() const { return m_sizes; }
    QString settingValue(const QString &name) const;

Q_SIGNALS:
    void refreshed();
    void actionFinished(bool ok, const QString &message);

private:
    QPushButton *actionButton(const QString &text, const QString &tip, Action action);
    void begin(const QString &what);
    void finish(bool ok, const QString &message);
    void log(const QString &line);
    void showSizes();

    Manager *m_manager;
    QString m_database;
    Maintenance m_maintenance; // the user's actions: recorded in the history
    Maintenance m_reader;      // the dashboard's own reads: not recorded
    HealthMonitor *m_health;
    CancelToken m_cancel;
    bool m_busy = false;
    QString m_running;
    SizeStats m_sizes;
    QMap<QString, QString> m_settings;

    QLabel *m_healthLabel;
    QLabel *m_sizeLabel;
    QTableWidget *m_objects;
    QFormLayout *m_settingsForm;
    QHash<QString, QLabel *> m_settingLabels; // value label per setting name
    QPlainTextEdit *m_log;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QList<QPushButton *> m_buttons;
};

} // namespace Litehouse
