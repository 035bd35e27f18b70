#pragma once

#include <core/canceltoken.h>
#include <core/manager.h>
#include <transactions/closeguard.h>

#include <QMainWindow>

class QLabel;
class QTableView;
class QAction;

namespace Litehouse {

class ResultModel;
class SqlEditor;
class SavepointPanel;
class TransactionPanel;

/// The workbench window. It composes the feature widgets (editor, results)
/// and routes their requests to the Manager; it holds no feature logic and
/// never calls SQLite: every operation returns through a future or signal.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Manager *manager, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a database (asynchronously); with a script, runs it first when the file is new.
    void openDatabase(const QString &path, const QString &creationScript = {});
    QString currentDatabase() const { return m_database; }
    SqlEditor *editor() const { return m_editor; }
    ResultModel *resultModel() const { return m_model; }
    QTableView *resultView() const { return m_view; }
    /// The message shown in the error strip (empty when none).
    QString errorText() const;
    bool isRunning() const { return m_running; }

    // Transactions (docks on the right; see ui/transactions/).
    TransactionPanel *transactionPanel() const { return m_transactionPanel; }
    SavepointPanel *savepointPanel() const { return m_savepointPanel; }
    /// Asks before closing over an open transaction; tests inject its chooser.
    CloseGuard &closeGuard() { return m_closeGuard; }

public Q_SLOTS:
    /// Runs the selection, or the whole editor text.
    void run();
    /// Stops the running query at once.
    void cancel();

Q_SIGNALS:
    /// A run ended (ok or not); for tests and the status bar.
    void runFinished(bool ok);
    void databaseOpened(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showError(const Error &e);
    void setRunning(bool running);
    void updateStatus();
    void chooseDatabase();
    bool needsManualTransaction() const; // transactions

    Manager *m_manager;
    QString m_database;
    SqlEditor *m_editor;
    ResultModel *m_model;
    QTableView *m_view;
    QLabel *m_error;
    QLabel *m_status;
    QAction *m_runAction;
    QAction *m_cancelAction;
    CancelToken m_cancel;
    bool m_running = false;
    QString m_lastRun;

    // Transactions.
    TransactionPanel *m_transactionPanel = nullptr;
    SavepointPanel *m_savepointPanel = nullptr;
    CloseGuard m_closeGuard;
    bool m_transactionEnsured = false; // run(): manual commit's transaction is open
    bool m_closePending = false;       // closeEvent(): its commit or rollback is running
    bool m_closeAfterRun = false;      // closeEvent(): waiting for the running SQL to finish
};

} // namespace Litehouse
