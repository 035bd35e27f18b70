#include "mainwindow.h"

#include "editor/sqleditor.h"
#include "results/resultmodel.h"
#include "transactions/closeguard.h"
#include "transactions/savepointpanel.h"
#include "transactions/transactionpanel.h"

#include <core/querystream.h>
#include <core/sqlclassify.h>

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace Litehouse {

namespace {
// Runs a continuation on the receiver's thread when the future finishes,
// through QFutureWatcher's queued signal (not QFuture::then).
template<typename T, typename F>
void whenDone(QObject *receiver, QFuture<T> future, F &&f)
{
    auto *w = new QFutureWatcher<T>(receiver);
    QObject::connect(w, &QFutureWatcher<T>::finished, receiver, [w, f = std::forward<F>(f)]() mutable {
        f(w->result());
        w->deleteLater();
    });
    w->setFuture(std::move(future));
}
} // namespace

MainWindow::MainWindow(Manager *manager, QWidget *parent)
    : QMainWindow(parent), m_manager(manager), m_closeGuard(manager)
{
    setWindowTitle(tr("Litehouse"));
    resize(1280, 800);

    m_editor = new SqlEditor;
    m_editor->setPlaceholderText(tr("Type SQL here; Ctrl+Enter runs it, Esc stops it."));
    m_model = new ResultModel(this);
    m_view = new QTableView;
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; padding: 4px 8px; }"));
    m_error->hide();

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_editor);
    topLayout->addWidget(m_error);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_view);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    setCentralWidget(split);

    auto *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    auto *openAction = tb->addAction(tr("Open…"), this, &MainWindow::chooseDatabase);
    openAction->setShortcut(QKeySequence::Open);
    tb->addSeparator();
    m_runAction = tb->addAction(tr("▶ Run"), this, &MainWindow::run);
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::Key_F5)});
    m_runAction->setToolTip(tr("Run the selection or the whole text (Ctrl+Enter)"));
    m_cancelAction = tb->addAction(tr("■ Cancel"), this, &MainWindow::cancel);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);

    m_status = new QLabel;
    statusBar()->addPermanentWidget(m_status, 1);

    connect(m_model, &ResultModel::rowsFetched, this, [this](qint64 total) {
        // Fit the columns to the first chunk once; later chunks leave the user's widths alone.
        if (total <= m_model->chunkSize())
            m_view->resizeColumnsToContents();
        updateStatus();
    });
    connect(m_model, &ResultModel::fetchingChanged, this, [this](bool fetching) {
        m_cancelAction->setEnabled(m_running || fetching);
    });
    connect(m_model, &ResultModel::fetchFailed, this, [this](const QString &m) {
        m_error->setText(m);
        m_error->show();
    });
    connect(m_manager, &Manager::transactionStateChanged, this, [this] { updateStatus(); });
    updateStatus();

    // Transactions: the state and savepoint docks on the right, following
    // the open database.
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
    connect(this, &MainWindow::databaseOpened, m_transactionPanel, &TransactionPanel::setDatabase);
    connect(this, &MainWindow::databaseOpened, m_savepointPanel, &SavepointPanel::setDatabase);
}

MainWindow::~MainWindow()
{
    m_cancel.cancel();
}

QString MainWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open database"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::openDatabase(const QString &path, const QString &creationScript)
{
    whenDone(this, m_manager->open(path), [this, creationScript](const Outcome<DatabaseInfo> &r) {
        if (!r) {
            showError(r.error());
            return;
        }
        const DatabaseInfo info = r.value();
        auto opened = [this, info] {
            m_database = info.path;
            setWindowTitle(tr("%1 — Litehouse").arg(info.path));
            updateStatus();
            Q_EMIT databaseOpened(info.path);
        };
        if (info.created && !creationScript.isEmpty()) {
            whenDone(this, m_manager->executeScript(info.path, creationScript),
                     [this, opened](const Outcome<ScriptResult> &s) {
                         if (!s)
                             showError(s.error());
                         opened();
                     });
        } else {
            opened();
        }
    });
}

void MainWindow::run()
{
    // Transactions: in manual-commit mode the editor's SQL runs inside an
    // explicit transaction; make sure one is open, then run. Statements that
    // begin or end transactions themselves (BEGIN, COMMIT, SAVEPOINT…) run
    // as typed.
    if (!m_transactionEnsured && !m_running && !m_database.isEmpty() && m_transactionPanel->manualCommit()
        && needsManualTransaction()) {
        setRunning(true);
        whenDone(this, m_transactionPanel->ensureTransaction(), [this](const Outcome<TransactionState> &r) {
            setRunning(false);
            if (!r) {
                showError(r.error());
                Q_EMIT runFinished(false);
                return;
            }
            m_transactionEnsured = true;
            run();
            m_transactionEnsured = false;
        });
        return;
    }
    if (m_running || m_database.isEmpty()) {
        if (m_database.isEmpty())
            showError(Error(Error::Kind::NotOpen, tr("Open a database first.")));
        return;
    }
    const QTextCursor cur = m_editor->textCursor();
    QString sql = cur.hasSelection() ? cur.selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'))
                                     : m_editor->toPlainText();
    if (isBlankSql(sql.toUtf8()))
        return;
    m_error->hide();
    m_editor->clearError();
    m_cancel = CancelToken();
    m_lastRun = sql;
    setRunning(true);
    ExecOptions opts;
    opts.cancel = m_cancel;
    opts.route = Route::Writer; // the editor sees its own uncommitted changes
    const StatementInfo info = classifyStatement(sql.toUtf8());
    if (info.looksReadOnly()) {
        // One query: stream its rows so the first ones show at once.
        whenDone(this, m_manager->stream(m_database, sql, {}, opts),
                 [this](const Outcome<std::shared_ptr<QueryStream>> &r) {
                     setRunning(false);
                     if (!r) {
                         // More than one statement: run it as a script instead.
                         if (r.error().kind() == Error::Kind::InvalidArgument && r.error().offset() >= 0) {
                             ExecOptions o;
                             o.cancel = m_cancel;
                             setRunning(true);
                             whenDone(this, m_manager->executeScript(m_database, m_lastRun, {}, o),
                                      [this](const Outcome<ScriptResult> &s) {
                                          setRunning(false);
                                          if (!s) {
                                              showError(s.error());
                                              Q_EMIT runFinished(false);
                                              return;
                                          }
                                          for (auto it = s.value().statements.rbegin(); it != s.value().statements.rend(); ++it)
                                              if (it->returnsRows) {
                                                  m_model->setResult(it->rows);
                                                  break;
                                              }
                                          updateStatus();
                                          Q_EMIT runFinished(true);
                                      });
                             return;
                         }
                         showError(r.error());
                         Q_EMIT runFinished(false);
                         return;
                     }
                     m_model->setStream(r.value());
                     Q_EMIT runFinished(true);
                 });
        return;
    }
    whenDone(this, m_manager->executeScript(m_database, sql, {}, opts), [this](const Outcome<ScriptResult> &r) {
        setRunning(false);
        if (!r) {
            showError(r.error());
            Q_EMIT runFinished(false);
            return;
        }
        const ScriptResult &s = r.value();
        bool shown = false;
        for (auto it = s.statements.rbegin(); it != s.statements.rend() && !shown; ++it)
            if (it->returnsRows) {
                m_model->setResult(it->rows);
                shown = true;
            }
        if (!shown)
            m_model->clear();
        statusBar()->showMessage(tr("%n row(s) affected", nullptr, int(s.rowsAffected())), 5000);
        updateStatus();
        Q_EMIT runFinished(true);
    });
}

// Transactions: the text run() is about to run is neither blank nor
// transaction control of its own.
bool MainWindow::needsManualTransaction() const
{
    const QTextCursor cur = m_editor->textCursor();
    const QByteArray sql = (cur.hasSelection() ? cur.selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'))
                                               : m_editor->toPlainText())
                               .toUtf8();
    return !isBlankSql(sql) && !classifyStatement(sql).isTransactionControl();
}

// Transactions: closing over an open transaction asks first, for the current
// database and for any other one the Manager still holds open; Commit and
// Roll back close once the operation succeeded (asking again for the next
// open transaction), Cancel keeps the window.
void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closePending) { // a commit or rollback for closing is still running
        event->ignore();
        return;
    }
    if (m_running) {
        // The running SQL may still begin or end a transaction: decide when
        // it has finished (Esc stops it).
        event->ignore();
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
    QString database = m_database;
    if (!m_closeGuard.transactionOpen(database)) {
        const QStringList all = m_manager->databases();
        const auto open = std::find_if(all.begin(), all.end(),
                                       [this](const QString &db) { return m_closeGuard.transactionOpen(db); });
        if (open != all.end())
            database = *open;
    }
    const CloseGuard::Decision d = m_closeGuard.ask(database, this);
    if (d.choice == CloseGuard::Choice::NoTransaction) {
        QMainWindow::closeEvent(event);
        return;
    }
    event->ignore();
    if (d.choice == CloseGuard::Choice::Cancel)
        return;
    m_closePending = true;
    whenDone(this, d.operation, [this](const Outcome<TransactionState> &r) {
        m_closePending = false;
        if (!r) {
            showError(r.error()); // the window stays open; nothing is lost
            return;
        }
        close(); // closes now, or asks about the next open transaction
    });
}

void MainWindow::cancel()
{
    m_cancel.cancel();
    m_model->cancelFetch();
}

void MainWindow::showError(const Error &e)
{
    m_error->setText(e.message());
    m_error->show();
    if (e.offset() >= 0 && !m_lastRun.isEmpty() && m_lastRun == m_editor->toPlainText())
        m_editor->markError(e.offset());
}

void MainWindow::setRunning(bool running)
{
    m_running = running;
    m_runAction->setEnabled(!running);
    m_cancelAction->setEnabled(running || m_model->isFetching());
    updateStatus();
}

void MainWindow::updateStatus()
{
    if (m_database.isEmpty()) {
        m_status->setText(tr("No database open"));
        return;
    }
    const TransactionState s = m_manager->transactionState(m_database);
    QString text = m_database + QStringLiteral("  ·  ")
        + (s.active ? tr("in transaction (%1)").arg(transactionModeName(s.mode)) : tr("autocommit"));
    if (m_running)
        text += QStringLiteral("  ·  ") + tr("running…");
    else if (m_model->columnCount() > 0)
        text += QStringLiteral("  ·  ") + tr("%n row(s)", nullptr, m_model->rowCount());
    m_status->setText(text);
}

} // namespace Litehouse
