#pragma once

#include <core/manager.h>
#include <transactions/closeguard.h>

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QAbstractItemView;
class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace Litehouse {

class CellEditor;
class HistoryDock;
class MaintenanceTab;
class MigrationsDialog;
class HistoryStore;
class QueryTab;
class ResultView;
class SavepointPanel;
class SchemaActions;
class SchemaDock;
class TabStore;
class TableBrowser;
class TransactionPanel;

/// The workbench window. It composes the feature widgets (query tabs,
/// docks) and routes the user's commands to them; it holds no feature
/// logic and never calls SQLite: every operation returns through a future
/// or a signal.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    /// stateDir: where editor tabs are kept between runs (default: the app data folder).
    explicit MainWindow(Manager *manager, QWidget *parent = nullptr, const QString &stateDir = {});
    ~MainWindow() override;

    /// Opens a database (asynchronously); with a script, runs it first when
    /// the file is new. A missing file is an error unless create is set or a
    /// creation script is given.
    void openDatabase(const QString &path, const QString &creationScript = {}, bool readOnly = false,
                      bool create = false);
    QString currentDatabase() const;
    QStringList openDatabases() const { return m_databases; }
    /// The current query tab; nullptr when the current tab is a table browser.
    QueryTab *currentTab() const;
    /// The query tab at index; nullptr for a table browser tab.
    QueryTab *tab(int index) const;
    int tabCount() const;
    QueryTab *newTab(const QString &text = {});
    /// Opens (or brings forward) the browser tab of a table or view.
    TableBrowser *browseTable(const QString &database, const QString &table);
    /// Opens (or shows) the maintenance dashboard of an open database as a tab.
    MaintenanceTab *openMaintenance(const QString &database);
    /// Opens (or raises) the migrations dialog of an open database.
    MigrationsDialog *openMigrations(const QString &database);
    SchemaDock *schemaDock() const { return m_schemaDock; }
    /// Opens the schema dialogs (table designer, index, view, trigger, drop).
    SchemaActions *schemaActions() const { return m_schemaActions; }
    HistoryDock *historyDock() const { return m_historyDock; }
    /// The cell editor dock's editor: it follows the current cell of the current grid.
    CellEditor *cellEditor() const { return m_cellEditor; }
    /// The history the History dock shows (the caller records into it,
    /// e.g. with a HistoryRecorder on the Manager); nullptr turns it off.
    void setHistory(std::shared_ptr<HistoryStore> store);

    // The current tab's parts (for tests and the demo).
    class SqlEditor *editor() const;
    class ResultModel *resultModel() const;
    QString errorText() const;
    bool isRunning() const;

    // Transactions (docks on the right; see ui/transactions/).
    TransactionPanel *transactionPanel() const { return m_transactionPanel; }
    SavepointPanel *savepointPanel() const { return m_savepointPanel; }
    /// Asks before closing over an open transaction; tests inject its chooser.
    CloseGuard &closeGuard() { return m_closeGuard; }

    // SQL files in editor tabs.
    /// Opens a .sql file in a new tab (or shows the tab that has it); read
    /// off the UI thread, then fileOpened() or an error.
    void openSqlFile(const QString &path);
    /// Saves a tab to its file, or to path (Save As); asks for a path when
    /// the tab has none and path is empty. Then fileSaved() or an error.
    void saveSqlFile(QueryTab *tab, const QString &path = {});
    /// The tab showing a file, or nullptr.
    QueryTab *tabForFile(const QString &path) const;
    /// What to do with unsaved work when its tab or the window closes.
    enum class Unsaved { Save, Discard, Cancel };
    /// Asks about unsaved work (what says which); tests inject an answer.
    void setUnsavedChooser(std::function<Unsaved(const QString &what)> chooser) { m_unsavedChooser = std::move(chooser); }

public Q_SLOTS:
    void run();
    void runStatement();
    void cancel();

Q_SIGNALS:
    void runFinished(bool ok);
    void databaseOpened(const QString &path);
    /// Saved tabs are back in the editor (after start).
    void tabsRestored();
    void fileOpened(const QString &path);
    void fileSaved(const QString &path);
    void fileSaveFailed(const QString &path, const QString &message);
    /// The current tab's database changed (panels follow it).
    void currentDatabaseChanged(const QString &path);

protected:
    void closeEvent(QCloseEvent *e) override;
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    void buildMenus();
    /// File ▸ SQL file actions and the Edit menu (mainwindow_edit.cpp).
    void buildFileEditMenus(QMenu *file);
    /// Asks about a tab's unsaved work before it closes; false: keep it.
    bool mayCloseTab(int index);
    /// Asks about browsers' pending changes before the window closes.
    bool mayCloseBrowsers();
    Unsaved askUnsaved(const QString &what);
    void restoreFileTab(QueryTab *tab, const QString &path);
    void updateTabTitle(QueryTab *tab);
    void setupCellEditor();
    /// Shows a grid's cell in the cell editor (when its dock is open).
    void showCell(QAbstractItemView *view, const QModelIndex &index);
    /// The browser the Edit menu acts on: the focused one, else the current tab's.
    TableBrowser *editBrowser() const;
    void chooseDatabase(bool readOnly);
    void createDatabase();
    void closeDatabase();
    void addRecent(const QString &path);
    void updateRecentMenu();
    void updateStatus();
    void showError(const QString &message);
    void saveTabs();
    void restoreTabs();
    void wireTab(QueryTab *tab);
    bool isAnyTabRunning() const;
    void setupSchemaDock();
    void setupSchemaEditing();
    void updateSchemaWords();

    Manager *m_manager;
    QStringList m_databases;
    QTabWidget *m_tabs;
    QComboBox *m_dbBox;
    QLabel *m_status;
    QMenu *m_recentMenu = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_runStatementAction = nullptr;
    QAction *m_cancelAction = nullptr;
    TabStore *m_store;
    int m_nextTabId = 1;

    // Transactions.
    TransactionPanel *m_transactionPanel = nullptr;
    SavepointPanel *m_savepointPanel = nullptr;
    CloseGuard m_closeGuard;
    bool m_closePending = false;  // closeEvent(): its commit or rollback is running
    bool m_closeAfterRun = false; // closeEvent(): waiting for the running SQL to finish
    QMenu *m_viewMenu = nullptr;
    QString m_shownDatabase;
    SchemaDock *m_schemaDock = nullptr;
    SchemaActions *m_schemaActions = nullptr;
    HistoryDock *m_historyDock = nullptr;
    QHash<QString, QPointer<MigrationsDialog>> m_migrations; // by database path
    std::function<Unsaved(const QString &)> m_unsavedChooser;
    CellEditor *m_cellEditor = nullptr;
    QDockWidget *m_cellDock = nullptr;
};

} // namespace Litehouse
