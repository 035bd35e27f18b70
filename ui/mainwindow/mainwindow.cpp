#include "mainwindow.h"

#include <sqlite3.h>

#include "browser/tablebrowser.h"
#include "editor/sqleditor.h"
#include "mainwindow/theme.h"
#include "history/historydock.h"
#include "io/iomenu.h"
#include "maintenance/maintenancetab.h"
#include "migrations/migrationsdialog.h"
#include "query/querytab.h"
#include "results/resultview.h"
#include "query/tabstore.h"
#include "results/resultmodel.h"
#include "transactions/closeguard.h"
#include "transactions/savepointpanel.h"
#include "transactions/transactionpanel.h"
#include "schema/schemadock.h"
#include "schema/schemamodel.h"
#include "schemaedit/schemaactions.h"
#include "util/futures.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTableView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUuid>

#include <core/sqlclassify.h>

#include <algorithm>

namespace Litehouse {

MainWindow::MainWindow(Manager *manager, QWidget *parent, const QString &stateDir)
    : QMainWindow(parent), m_manager(manager), m_closeGuard(manager)
{
    setWindowTitle(tr("Litehouse"));
    setObjectName(QStringLiteral("LitehouseMainWindow"));
    setAcceptDrops(true);
    resize(1280, 800);
    m_store = new TabStore(stateDir.isEmpty()
                               ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/tabs")
                               : stateDir,
                           this);
    connect(m_store, &TabStore::saveFailed, this, &MainWindow::showError);

    m_tabs = new QTabWidget;
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget *w = m_tabs->widget(i);
        if (!w || !mayCloseTab(i))
            return;
        if (auto *t = tab(i))
            m_store->remove(t->objectName());
        m_tabs->removeTab(i);
        w->deleteLater();
        if (m_tabs->count() == 0)
            newTab();
        saveTabs();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        QString db;
        if (auto *t = currentTab())
            db = t->database();
        else if (auto *b = qobject_cast<TableBrowser *>(m_tabs->currentWidget()))
            db = b->database();
        else if (auto *mt = qobject_cast<MaintenanceTab *>(m_tabs->currentWidget()))
            db = mt->database();
        if (const int i = m_dbBox->findData(db); i >= 0)
            m_dbBox->setCurrentIndex(i);
        updateStatus();
    });

    m_dbBox = new QComboBox;
    m_dbBox->setMinimumContentsLength(24);
    m_dbBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dbBox->setToolTip(tr("The database the current tab runs on"));
    connect(m_dbBox, &QComboBox::activated, this, [this](int i) {
        if (auto *t = currentTab())
            t->setDatabase(m_dbBox->itemData(i).toString());
        saveTabs();
        updateStatus();
    });

    m_status = new QLabel;
    statusBar()->addPermanentWidget(m_status, 1);

    // Transactions: the state and savepoint docks on the right, following
    // the current tab's database.
    m_transactionPanel = new TransactionPanel(m_manager);
    auto *transactionDock = new QDockWidget(tr("Transaction"), this);
    transactionDock->setObjectName(QStringLiteral("transactionDock"));
    transactionDock->setWidget(m_transactionPanel);
    addDockWidget(Qt::RightDockWidgetArea, transactionDock);
    m_savepointPanel = new SavepointPanel(m_manager);
    auto *savepointDock = new QDockWidget(tr("Savepoints"), this);
    savepointDock->setObjectName(QStringLiteral("savepointsDock"));
    savepointDock->setWidget(m_savepointPanel);
    addDockWidget(Qt::RightDockWidgetArea, savepointDock);
    connect(this, &MainWindow::currentDatabaseChanged, m_transactionPanel, &TransactionPanel::setDatabase);
    connect(this, &MainWindow::currentDatabaseChanged, m_savepointPanel, &SavepointPanel::setDatabase);

    buildMenus();
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(transactionDock->toggleViewAction());
    m_viewMenu->addAction(savepointDock->toggleViewAction());
    setupSchemaDock();
    setupSchemaEditing();
    // History along the bottom; it shows what main() records (setHistory).
    m_historyDock = new HistoryDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    resizeDocks({m_historyDock}, {170}, Qt::Vertical); // a saved layout wins
    connect(m_historyDock, &HistoryDock::openInEditor, this, [this](const QString &sql) { newTab(sql); });
    m_historyDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_viewMenu->addAction(m_historyDock->toggleViewAction());
    connect(m_manager, &Manager::transactionStateChanged, this, [this] { updateStatus(); });
    setupCellEditor();

    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray()); // docks: after they are all made
    restoreTabs();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setHistory(std::shared_ptr<HistoryStore> store)
{
    m_historyDock->setStore(std::move(store));
}

void MainWindow::buildMenus()
{
    auto *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newDb = file->addAction(tr("&New Database…"), this, &MainWindow::createDatabase);
    newDb->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(tr("&Open Database…"), this, [this] { chooseDatabase(false); });
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &Read-Only…"), this, [this] { chooseDatabase(true); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addAction(tr("&Close Database"), this, &MainWindow::closeDatabase);
    file->addSeparator();
    buildFileEditMenus(file);
    file->addSeparator();
    addImportExportActions(this, m_manager, file); // import and export: ui/io/
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    QAction *newTabAction = query->addAction(tr("New &Tab"), this, [this] { newTab(); });
    newTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_runStatementAction = query->addAction(tr("Run &Statement"), this, &MainWindow::runStatement);
    m_runStatementAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runAction = query->addAction(tr("&Run All or Selection"), this, &MainWindow::run);
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::Key_F5)});
    m_cancelAction = query->addAction(tr("&Cancel"), this, &MainWindow::cancel);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    tools->addAction(tr("M&igrations…"), this, [this] {
        if (const QString db = currentDatabase(); !db.isEmpty())
            openMigrations(db);
        else
            statusBar()->showMessage(tr("Open a database first."), 5000);
    });
    tools->addAction(tr("&Maintenance"), this, [this] {
        if (const QString db = currentDatabase(); !db.isEmpty())
            openMaintenance(db);
        else
            statusBar()->showMessage(tr("Open a database first."), 5000);
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    const QList<QPair<QString, QString>> themeNames = {
        {QStringLiteral("system"), tr("Follow the System")}, {QStringLiteral("light"), tr("Light")},
        {QStringLiteral("dark"), tr("Dark")}};
    for (const auto &[key, label] : themeNames) {
        QAction *a = theme->addAction(label, this, [key] { Theme::apply(key); });
        a->setCheckable(true);
        a->setChecked(Theme::current() == key);
        themes->addAction(a);
    }
    QMenu *language = view->addMenu(tr("&Language"));
    auto *langs = new QActionGroup(this);
    const QString currentLang = QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
    const QList<QPair<QString, QString>> langNames = {
        {QStringLiteral("system"), tr("Follow the System")}, {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")}};
    for (const auto &[key, label] : langNames) {
        QAction *a = language->addAction(label, this, [this, key] {
            QSettings().setValue(QStringLiteral("ui/language"), key);
            statusBar()->showMessage(tr("The language changes when Litehouse starts again."), 8000);
        });
        a->setCheckable(true);
        a->setChecked(currentLang == key);
        langs->addAction(a);
    }
    m_viewMenu = view;

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Litehouse"), this, [this] {
        QMessageBox::about(this, tr("About Litehouse"),
                           tr("<b>Litehouse %1</b><br>A fast, trustworthy desktop workbench for SQLite.")
                               .arg(QApplication::applicationVersion()));
    });

    tb->addAction(open);
    tb->addWidget(m_dbBox);
    tb->addSeparator();
    tb->addAction(m_runStatementAction);
    tb->addAction(m_runAction);
    tb->addAction(m_cancelAction);
    m_runStatementAction->setText(tr("▶ Statement"));
    m_runAction->setText(tr("▶ Run"));
    m_cancelAction->setText(tr("■ Cancel"));
    for (QAction *a : {m_runStatementAction, m_runAction, m_cancelAction, open, newDb, newTabAction})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')),
                                                      a->shortcut().toString(QKeySequence::NativeText)));
}

QueryTab *MainWindow::tab(int index) const
{
    return qobject_cast<QueryTab *>(m_tabs->widget(index));
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

QueryTab *MainWindow::currentTab() const
{
    return qobject_cast<QueryTab *>(m_tabs->currentWidget());
}

SqlEditor *MainWindow::editor() const
{
    return currentTab() ? currentTab()->editor() : nullptr;
}

ResultModel *MainWindow::resultModel() const
{
    auto *t = currentTab();
    return t && t->resultCount() > 0 ? t->resultModel(0) : nullptr;
}

QString MainWindow::errorText() const
{
    return currentTab() ? currentTab()->errorText() : QString();
}

bool MainWindow::isRunning() const
{
    return currentTab() && currentTab()->isRunning();
}

QString MainWindow::currentDatabase() const
{
    if (auto *t = currentTab(); t && !t->database().isEmpty())
        return t->database();
    return m_databases.isEmpty() ? QString() : m_databases.last();
}

void MainWindow::wireTab(QueryTab *t)
{
    // Transactions: in manual-commit mode the editor's SQL runs inside an
    // explicit transaction. Statements that begin or end transactions
    // themselves (BEGIN, COMMIT, SAVEPOINT…) run as typed.
    t->setBeforeRun([this, t](const QStringList &statements) -> QFuture<Outcome<TransactionState>> {
        const bool own = std::any_of(statements.begin(), statements.end(), [](const QString &sql) {
            return classifyStatement(sql.toUtf8()).isTransactionControl();
        });
        if (!m_transactionPanel->manualCommit() || own || t->database() != m_transactionPanel->database()) {
            QPromise<Outcome<TransactionState>> ready;
            ready.start();
            ready.addResult(m_manager->transactionState(t->database()));
            ready.finish();
            return ready.future();
        }
        return m_transactionPanel->ensureTransaction();
    });
    connect(t, &QueryTab::runFinished, this, &MainWindow::runFinished);
    connect(t, &QueryTab::statusChanged, this, &MainWindow::updateStatus);
    connect(t, &QueryTab::contentChanged, this, [this, t] { m_store->save(t->objectName(), t->editor()->toPlainText()); });
    connect(t, &QueryTab::modifiedChanged, this, [this, t] { updateTabTitle(t); });
    connect(t, &QueryTab::resultViewAdded, this, [this, t](ResultView *v) {
        connect(v->selectionModel(), &QItemSelectionModel::currentChanged, this, [this, t, v](const QModelIndex &index) {
            if (m_tabs->currentWidget() == t)
                showCell(v, index);
        });
    });
}

QueryTab *MainWindow::newTab(const QString &text)
{
    auto *t = new QueryTab(m_manager);
    t->setObjectName(QUuid::createUuid().toString(QUuid::WithoutBraces));
    t->setDatabase(currentDatabase());
    wireTab(t);
    if (!text.isEmpty())
        t->editor()->setPlainText(text);
    const int i = m_tabs->addTab(t, tr("Query %1").arg(m_nextTabId++));
    m_tabs->setCurrentIndex(i);
    t->editor()->setFocus();
    saveTabs();
    return t;
}

void MainWindow::saveTabs()
{
    QStringList ids, titles, dbs, files;
    int current = 0;
    for (int i = 0; i < m_tabs->count(); ++i) {
        QueryTab *t = tab(i);
        if (!t)
            continue; // table browsers are not kept between runs
        if (i == m_tabs->currentIndex())
            current = int(ids.size());
        ids << t->objectName();
        titles << m_tabs->tabText(i);
        dbs << t->database();
        files << t->filePath();
    }
    QSettings s;
    s.setValue(QStringLiteral("tabs/ids"), ids);
    s.setValue(QStringLiteral("tabs/titles"), titles);
    s.setValue(QStringLiteral("tabs/databases"), dbs);
    s.setValue(QStringLiteral("tabs/files"), files);
    s.setValue(QStringLiteral("tabs/current"), current);
    s.setValue(QStringLiteral("tabs/next"), m_nextTabId);
}

void MainWindow::restoreTabs()
{
    QSettings s;
    const QStringList ids = s.value(QStringLiteral("tabs/ids")).toStringList();
    const QStringList titles = s.value(QStringLiteral("tabs/titles")).toStringList();
    const QStringList dbs = s.value(QStringLiteral("tabs/databases")).toStringList();
    m_nextTabId = qMax(1, s.value(QStringLiteral("tabs/next"), 1).toInt());
    if (ids.isEmpty()) {
        newTab();
        // Queued, as when texts come back from disk: this runs inside the
        // constructor, before anyone could connect to the signal.
        QMetaObject::invokeMethod(this, &MainWindow::tabsRestored, Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < ids.size(); ++i) {
        auto *t = new QueryTab(m_manager);
        t->setObjectName(ids.at(i));
        t->setDatabase(dbs.value(i));
        m_tabs->addTab(t, titles.value(i, tr("Query")));
    }
    m_tabs->setCurrentIndex(qBound(0, s.value(QStringLiteral("tabs/current")).toInt(), m_tabs->count() - 1));
    // The texts come back from disk off the UI thread; typing is wired once they are in.
    const QStringList files = s.value(QStringLiteral("tabs/files")).toStringList();
    QHash<QString, QString> fileOf;
    for (qsizetype i = 0; i < ids.size() && i < files.size(); ++i)
        fileOf.insert(ids.at(i), files.at(i));
    whenDone(this, m_store->load(ids), [this, fileOf](const QHash<QString, QString> &texts) {
        for (int i = 0; i < m_tabs->count(); ++i) {
            QueryTab *t = tab(i);
            if (!t)
                continue;
            if (texts.contains(t->objectName()) && t->editor()->toPlainText().isEmpty())
                t->editor()->setPlainText(texts.value(t->objectName()));
            if (const QString file = fileOf.value(t->objectName()); !file.isEmpty())
                restoreFileTab(t, file);
            wireTab(t);
        }
        Q_EMIT tabsRestored();
    });
}

void MainWindow::chooseDatabase(bool readOnly)
{
    const QString path = QFileDialog::getOpenFileName(this, readOnly ? tr("Open Database Read-Only") : tr("Open Database"),
                                                      QString(),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path, {}, readOnly);
}

void MainWindow::createDatabase()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Database"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3)"));
    if (!path.isEmpty())
        openDatabase(path, {}, false, /*create=*/true);
}

void MainWindow::openDatabase(const QString &path, const QString &creationScript, bool readOnly, bool create)
{
    OpenOptions o;
    o.readOnly = readOnly;
    // Only New Database (and a database that comes with its creation
    // script, like the demo) makes a file: a stale Open Recent entry, a
    // dropped file that moved, or a typo says so instead of opening an
    // empty database under that name.
    o.create = create || !creationScript.isEmpty();
    whenDone(this, m_manager->open(path, o), [this, creationScript, create = o.create](const Outcome<DatabaseInfo> &r) {
        if (!r) {
            // The core's "does not exist" (a directory is CANTOPEN_ISDIR).
            if (!create && r.error().kind() == Error::Kind::Io && r.error().extendedCode() == SQLITE_CANTOPEN)
                showError(tr("%1 (File ▸ New Database… creates a new one)").arg(r.error().message()));
            else
                showError(r.error().message());
            return;
        }
        const DatabaseInfo info = r.value();
        auto opened = [this, info] {
            if (!m_databases.contains(info.path)) {
                m_databases << info.path;
                m_dbBox->addItem(QFileInfo(info.path).fileName() + (info.readOnly ? tr(" (read-only)") : QString()),
                                 info.path);
                m_dbBox->setItemData(m_dbBox->count() - 1, info.path, Qt::ToolTipRole);
            }
            m_dbBox->setCurrentIndex(m_dbBox->findData(info.path));
            for (int i = 0; i < m_tabs->count(); ++i)
                if (QueryTab *t = tab(i); t && (t->database().isEmpty() || !m_manager->isOpen(t->database())))
                    t->setDatabase(info.path);
            if (auto *t = currentTab())
                t->setDatabase(info.path);
            addRecent(info.path);
            setWindowTitle(tr("%1 — Litehouse").arg(QFileInfo(info.path).fileName()));
            updateStatus();
            saveTabs();
            Q_EMIT databaseOpened(info.path);
        };
        if (info.created && !creationScript.isEmpty()) {
            whenDone(this, m_manager->executeScript(info.path, creationScript), [this, opened](const Outcome<ScriptResult> &s) {
                if (!s)
                    showError(s.error().message());
                opened();
            });
        } else {
            opened();
        }
    });
}

void MainWindow::closeDatabase()
{
    const QString db = currentDatabase();
    if (db.isEmpty())
        return;
    const CloseGuard::Decision d = m_closeGuard.ask(db, this);
    if (d.choice == CloseGuard::Choice::Cancel)
        return;
    if (d.choice != CloseGuard::Choice::NoTransaction) {
        whenDone(this, d.operation, [this](const Outcome<TransactionState> &r) {
            if (!r)
                showError(r.error().message());
            else
                closeDatabase(); // the transaction is over: close now
        });
        return;
    }
    if (MigrationsDialog *md = m_migrations.value(db); md && md->isRunning()) {
        showError(tr("Migrations are running on %1; cancel them or wait before closing it.").arg(QFileInfo(db).fileName()));
        return;
    }
    delete m_migrations.take(db);
    // Its dashboard goes with it (its health checks would otherwise see the
    // database gone and reopen it).
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        if (auto *t = qobject_cast<MaintenanceTab *>(m_tabs->widget(i)); t && t->database() == db) {
            t->stopWatching();
            m_tabs->removeTab(i);
            t->deleteLater();
        }
    }
    m_manager->close(db);
    m_databases.removeAll(db);
    m_dbBox->removeItem(m_dbBox->findData(db));
    updateStatus();
}

void MainWindow::addRecent(const QString &path)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recent/files")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10)
        recent.removeLast();
    s.setValue(QStringLiteral("recent/files"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent/files")).toStringList();
    for (const QString &p : recent)
        m_recentMenu->addAction(p, this, [this, p] { openDatabase(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::run()
{
    if (auto *t = currentTab())
        t->run(QueryTab::Scope::All);
}

void MainWindow::runStatement()
{
    if (auto *t = currentTab())
        t->run(QueryTab::Scope::Statement);
}

void MainWindow::cancel()
{
    if (auto *t = currentTab())
        t->cancel();
}

// Errors go to the current tab's error strip and the status bar, never to a
// modal box: modal dialogs are only for confirming that work is lost or committed.
void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 15000);
    if (auto *t = currentTab())
        t->showError(message);
}

void MainWindow::updateStatus()
{
    if (const QString db = currentDatabase(); db != m_shownDatabase) {
        m_shownDatabase = db;
        Q_EMIT currentDatabaseChanged(db);
    }
    QueryTab *t = currentTab();
    const bool running = t && t->isRunning();
    if (m_cancelAction)
        m_cancelAction->setEnabled(running);
    const QString db = currentDatabase();
    if (db.isEmpty()) {
        m_status->setText(tr("No database open — File ▸ Open, or drop a file here"));
        return;
    }
    const TransactionState s = m_manager->transactionState(db);
    QStringList parts{QFileInfo(db).fileName()};
    parts << (s.active ? tr("in transaction (%1)").arg(transactionModeName(s.mode)) : tr("autocommit"));
    if (running)
        parts << tr("running…");
    else if (t && !t->lastStatus().isEmpty())
        parts << t->lastStatus();
    if (t && t->resultCount() > 0) {
        ResultModel *m = t->resultModel(0);
        if (m->atEnd())
            parts << tr("%n row(s)", nullptr, m->rowCount());
        else if (m->totalCount() >= 0)
            parts << tr("%1 of %n row(s) shown", nullptr, int(qMin<qint64>(m->totalCount(), INT_MAX))).arg(m->rowCount());
        else
            parts << tr("%n row(s) so far, counting…", nullptr, m->rowCount());
    }
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

// Closing over an open transaction asks first, for the current database
// and any other one the Manager holds open; Commit and Roll back close once
// the operation succeeded (asking again for the next open transaction),
// Cancel keeps the window. Nothing is committed or lost silently.
void MainWindow::closeEvent(QCloseEvent *e)
{
    if (m_closePending) { // a commit or rollback for closing is still running
        e->ignore();
        return;
    }
    if (isAnyTabRunning()) {
        // The running SQL may still begin or end a transaction: decide when it has finished.
        e->ignore();
        statusBar()->showMessage(tr("Closing when the running statement finishes (Esc stops it)…"));
        if (!m_closeAfterRun) {
            m_closeAfterRun = true;
            connect(this, &MainWindow::runFinished, this, [this] {
                m_closeAfterRun = false;
                QTimer::singleShot(0, this, [this] { close(); });
            }, Qt::SingleShotConnection);
        }
        return;
    }
    if (!mayCloseBrowsers()) {
        e->ignore();
        return;
    }
    QString database = currentDatabase();
    if (!m_closeGuard.transactionOpen(database)) {
        const QStringList all = m_manager->databases();
        const auto open = std::find_if(all.begin(), all.end(),
                                       [this](const QString &db) { return m_closeGuard.transactionOpen(db); });
        if (open != all.end())
            database = *open;
    }
    const CloseGuard::Decision d = m_closeGuard.ask(database, this);
    if (d.choice != CloseGuard::Choice::NoTransaction) {
        e->ignore();
        if (d.choice == CloseGuard::Choice::Cancel)
            return;
        m_closePending = true;
        whenDone(this, d.operation, [this](const Outcome<TransactionState> &r) {
            m_closePending = false;
            if (!r) {
                showError(r.error().message()); // the window stays open; nothing is lost
                return;
            }
            close(); // closes now, or asks about the next open transaction
        });
        return;
    }
    for (int i = 0; i < m_tabs->count(); ++i)
        if (QueryTab *t = tab(i))
            m_store->save(t->objectName(), t->editor()->toPlainText());
    m_store->flush();
    saveTabs();
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    e->accept();
}

bool MainWindow::isAnyTabRunning() const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (tab(i) && tab(i)->isRunning())
            return true;
    return false;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *e)
{
    for (const QUrl &url : e->mimeData()->urls())
        if (url.isLocalFile())
            openDatabase(url.toLocalFile());
    e->acceptProposedAction();
}

// --- Schema dock and table browser tabs ---

void MainWindow::updateSchemaWords()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        QueryTab *t = tab(i);
        if (!t || t->database().isEmpty())
            continue;
        const SchemaModel *model = m_schemaDock->model();
        QStringList words;
        for (auto kind : {SchemaModel::Kind::Table, SchemaModel::Kind::View}) {
            for (const QString &name : model->objectNames(t->database(), kind)) {
                words << name;
                words << model->columnNames(t->database(), name);
            }
        }
        t->editor()->setSchemaWords(words);
    }
}

void MainWindow::setupSchemaDock()
{
    m_schemaDock = new SchemaDock(m_manager, this);
    // Completion offers the names of the database each editor runs on.
    connect(m_schemaDock->model(), &SchemaModel::refreshed, this, [this] { updateSchemaWords(); });
    connect(this, &MainWindow::currentDatabaseChanged, this, [this] { updateSchemaWords(); });
    addDockWidget(Qt::LeftDockWidgetArea, m_schemaDock);
    resizeDocks({m_schemaDock}, {320}, Qt::Horizontal); // room for names and types; a saved layout wins
    connect(m_schemaDock, &SchemaDock::tableActivated, this, &MainWindow::browseTable);
    connect(m_schemaDock, &SchemaDock::openInEditor, this, [this](const QString &sql) { newTab(sql); });
    // A closed database's browser tabs have nothing left to show.
    connect(m_manager, &Manager::closed, this, [this](const QString &path) {
        for (int i = m_tabs->count() - 1; i >= 0; --i)
            if (auto *b = qobject_cast<TableBrowser *>(m_tabs->widget(i)); b && b->database() == path)
                Q_EMIT m_tabs->tabCloseRequested(i);
    });
    if (m_viewMenu) {
        m_viewMenu->addSeparator();
        QAction *toggle = m_schemaDock->toggleViewAction();
        toggle->setText(tr("&Schema"));
        m_viewMenu->addAction(toggle);
    }
}

TableBrowser *MainWindow::browseTable(const QString &database, const QString &table)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *b = qobject_cast<TableBrowser *>(m_tabs->widget(i));
        if (b && b->database() == database && b->table() == table) {
            m_tabs->setCurrentIndex(i);
            return b;
        }
    }
    auto *b = new TableBrowser(m_manager, database, table);
    connect(b, &TableBrowser::openInEditor, this, [this, database](const QString &sql) {
        newTab(sql)->setDatabase(database);
        saveTabs();
    });
    connect(b, &TableBrowser::currentCellChanged, this, [this, b](const QModelIndex &index) {
        if (m_tabs->currentWidget() == b)
            showCell(b->view(), index);
    });
    const int i = m_tabs->addTab(b, table);
    m_tabs->setTabToolTip(i, tr("%1 in %2").arg(table, QFileInfo(database).fileName()));
    m_tabs->setCurrentIndex(i);
    return b;
}

MigrationsDialog *MainWindow::openMigrations(const QString &database)
{
    QPointer<MigrationsDialog> &d = m_migrations[database];
    if (!d) {
        d = new MigrationsDialog(m_manager, database, this);
        connect(d, &MigrationsDialog::schemaChanged, this,
                [this](const QString &db) { m_schemaDock->model()->refresh(db); });
    }
    d->show();
    d->raise();
    d->activateWindow();
    return d;
}

MaintenanceTab *MainWindow::openMaintenance(const QString &database)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *t = qobject_cast<MaintenanceTab *>(m_tabs->widget(i));
        if (t && t->database() == database) {
            m_tabs->setCurrentIndex(i);
            return t;
        }
    }
    auto *t = new MaintenanceTab(m_manager, database);
    const int i = m_tabs->addTab(t, tr("Maintenance: %1").arg(QFileInfo(database).fileName()));
    m_tabs->setTabToolTip(i, database);
    m_tabs->setCurrentIndex(i);
    return t;
}

// Schema editing (ui/schemaedit): the tree's Create/Modify/Drop and Tools ▸ Schema.
void MainWindow::setupSchemaEditing()
{
    m_schemaActions = new SchemaActions(m_manager, m_schemaDock, this);
    connect(m_schemaActions, &SchemaActions::openInEditor, this, [this](const QString &sql, const QString &database) {
        newTab(sql)->setDatabase(database);
        saveTabs();
    });
    connect(m_schemaActions, &SchemaActions::message, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
    if (auto *tools = menuBar()->findChild<QMenu *>(QStringLiteral("toolsMenu")))
        m_schemaActions->addToMenu(
            tools, [this] { return currentDatabase(); },
            [this] { return editor() ? editor()->toPlainText() : QString(); });
}

void MainWindow::changeEvent(QEvent *e)
{
    QMainWindow::changeEvent(e);
    if (e->type() == QEvent::PaletteChange)
        updateStatus();
}

} // namespace Litehouse
