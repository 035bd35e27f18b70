#pragma once

#include <core/canceltoken.h>
#include <core/migrations/migrationrunner.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Litehouse {

class Manager;

/// Tools ▸ Migrations…: the versioned SQL files of a folder against one open
/// database. Shows every migration's state (applied, pending, changed,
/// missing) and what would stop a run; previews a run (the SQL of each step,
/// nothing executed); applies pending migrations up to a target version or
/// reverts the newest ones down to it, each in its own transaction, off the
/// UI thread and cancellable between migrations. Not modal: the workbench
/// stays usable while it is open. The folder is remembered per database.
class MigrationsDialog final : public QDialog
{
    Q_OBJECT
public:
    MigrationsDialog(Manager *manager, const QString &database, QWidget *parent = nullptr);
    ~MigrationsDialog() override;

    QString database() const { return m_database; }
    QString folder() const { return m_folder; }
    /// Reads the folder's migrations and the database's applied ones.
    void setFolder(const QString &folder);
    void refresh();

    /// Starts a run (dryRun: a preview); false while one is running or no
    /// folder is chosen. target: -1 for the default (up: the latest; down:
    /// revert the newest one only).
    bool apply(qint64 target = -1, bool dryRun = false);
    bool revert(qint64 target = -1, bool dryRun = false);
    void cancel() { m_cancel.cancel(); }
    bool isRunning() const { return m_running; }

    /// What the dialog shows, for tests.
    QList<MigrationStatus> statuses() const { return m_status; }
    QStringList problems() const { return m_problems; }
    QString logText() const;

Q_SIGNALS:
    /// status() and validate() were read again.
    void refreshed();
    /// A run (or preview) ended; the schema may have changed when it was not a preview.
    void runFinished(bool ok, const QString &message);
    void schemaChanged(const QString &database);

private:
    bool start(bool down, qint64 target, bool dryRun);
    void log(const QString &line);
    void setRunning(bool running);
    void fillTargets();
    qint64 chosenTarget() const;

    Manager *m_manager;
    QString m_database;
    QString m_folder;
    MigrationRunner *m_runner = nullptr;
    CancelToken m_cancel;
    bool m_running = false;
    int m_reads = 0; // status and validate reads still out
    QList<MigrationStatus> m_status;
    QStringList m_problems;
    QString m_statusError;

    QLineEdit *m_folderEdit;
    QPushButton *m_browse;
    QTableWidget *m_table;
    QLabel *m_problemLabel;
    QComboBox *m_target;
    QPushButton *m_preview;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_cancelButton;
    QPlainTextEdit *m_log;
};

} // namespace Litehouse
