#include "transactionpanel.h"

#include "transactionsutil_p.h"

#include <QAction>
#include <QCheckBox>
#include <QDate>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace Litehouse {

namespace TransactionsUi {
Q_LOGGING_CATEGORY(lcTransactions, "litehouse.ui.transactions", QtWarningMsg)
} // namespace TransactionsUi

using TransactionsUi::lcTransactions;
using TransactionsUi::readyFuture;
using TransactionsUi::whenDone;

TransactionPanel::TransactionPanel(Manager *manager, QWidget *parent)
    : QWidget(parent), m_manager(manager)
{
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("transactionState"));
    m_modeLabel = new QLabel;
    m_modeLabel->setObjectName(QStringLiteral("transactionMode"));
    m_sinceLabel = new QLabel;
    m_sinceLabel->setObjectName(QStringLiteral("transactionSince"));

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("State:"), m_stateLabel);
    form->addRow(tr("Mode:"), m_modeLabel);
    form->addRow(tr("Since:"), m_sinceLabel);

    m_beginDeferred = new QAction(tr("Deferred"), this);
    m_beginDeferred->setToolTip(tr("Begin a transaction that takes its locks when it first reads or writes"));
    m_beginImmediate = new QAction(tr("Immediate"), this);
    m_beginImmediate->setToolTip(tr("Begin a transaction that takes the write lock at once"));
    m_beginExclusive = new QAction(tr("Exclusive"), this);
    m_beginExclusive->setToolTip(
        tr("Begin a transaction that takes the write lock at once; outside WAL mode it also keeps readers out"));
    auto *beginMenu = new QMenu(this);
    beginMenu->setToolTipsVisible(true);
    beginMenu->addAction(m_beginDeferred);
    beginMenu->addAction(m_beginImmediate);
    beginMenu->addAction(m_beginExclusive);
    connect(m_beginDeferred, &QAction::triggered, this, [this] { begin(Manager::BeginMode::Deferred); });
    connect(m_beginImmediate, &QAction::triggered, this, [this] { begin(Manager::BeginMode::Immediate); });
    connect(m_beginExclusive, &QAction::triggered, this, [this] { begin(Manager::BeginMode::Exclusive); });

    // A push button with a menu: it looks like its neighbours and opens the
    // three modes on click.
    m_beginButton = new QPushButton(tr("Begin"));
    m_beginButton->setObjectName(QStringLiteral("beginButton"));
    m_beginButton->setToolTip(tr("Begin a transaction: choose deferred, immediate or exclusive"));
    m_beginButton->setMenu(beginMenu);

    m_commitButton = new QPushButton(tr("Commit"));
    m_commitButton->setObjectName(QStringLiteral("commitButton"));
    m_commitButton->setToolTip(tr("Make the transaction's changes permanent"));
    connect(m_commitButton, &QPushButton::clicked, this, &TransactionPanel::commit);
    m_rollbackButton = new QPushButton(tr("Rollback"));
    m_rollbackButton->setObjectName(QStringLiteral("rollbackButton"));
    m_rollbackButton->setToolTip(tr("Undo every change made since the transaction began"));
    connect(m_rollbackButton, &QPushButton::clicked, this, &TransactionPanel::rollback);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_beginButton);
    buttons->addWidget(m_commitButton);
    buttons->addWidget(m_rollbackButton);
    buttons->addStretch(1);

    m_manualCommit = new QCheckBox(tr("Manual commit"));
    m_manualCommit->setObjectName(QStringLiteral("manualCommit"));
    m_manualCommit->setToolTip(tr("Run the editor's statements inside a transaction that stays open until you "
                                  "commit or roll back"));
    connect(m_manualCommit, &QCheckBox::toggled, this, [this](bool on) {
        refresh();
        Q_EMIT manualCommitChanged(on);
    });
    // Says what manual commit will do while no transaction is open yet, so
    // "Autocommit" next to a ticked box does not look like a contradiction.
    m_manualHint = new QLabel(tr("The next statement you run begins a transaction."));
    m_manualHint->setObjectName(QStringLiteral("manualCommitHint"));
    m_manualHint->setWordWrap(true);
    m_manualHint->setForegroundRole(QPalette::PlaceholderText);
    m_manualHint->hide();

    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("transactionError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
    m_errorLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_manualCommit);
    layout->addWidget(m_manualHint);
    layout->addWidget(m_errorLabel);
    layout->addStretch(1);

    // Every change of the writer's state, whoever caused it (the panel, the
    // editor's SQL, a batch), arrives here on the UI thread.
    connect(m_manager, &Manager::transactionStateChanged, this, [this](const QString &path) {
        if (path == m_path)
            refresh();
    });
    connect(m_manager, &Manager::opened, this, [this](const QString &path) {
        if (path == m_manager->resolve(m_path)) {
            m_path = path;
            refresh();
        }
    });
    connect(m_manager, &Manager::closed, this, [this](const QString &path) {
        if (path == m_path)
            refresh();
    });
    refresh();
}

TransactionPanel::~TransactionPanel() = default;

void TransactionPanel::setDatabase(const QString &database)
{
    const QString resolved = m_manager->resolve(database);
    m_path = resolved.isEmpty() ? database : resolved;
    clearError();
    refresh();
}

bool TransactionPanel::manualCommit() const
{
    return m_manualCommit->isChecked();
}

void TransactionPanel::setManualCommit(bool on)
{
    m_manualCommit->setChecked(on);
}

QAction *TransactionPanel::beginAction(Manager::BeginMode mode) const
{
    switch (mode) {
    case Manager::BeginMode::Deferred: return m_beginDeferred;
    case Manager::BeginMode::Immediate: return m_beginImmediate;
    case Manager::BeginMode::Exclusive: return m_beginExclusive;
    }
    return nullptr;
}

QString TransactionPanel::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

QString TransactionPanel::stateText() const
{
    return m_stateLabel->text();
}

QString TransactionPanel::modeText() const
{
    return m_modeLabel->text();
}

QString TransactionPanel::sinceText() const
{
    return m_sinceLabel->text();
}

QString TransactionPanel::modeName(TransactionState::Mode mode)
{
    switch (mode) {
    case TransactionState::Mode::None: return tr("none");
    case TransactionState::Mode::Deferred: return tr("deferred");
    case TransactionState::Mode::Immediate: return tr("immediate");
    case TransactionState::Mode::Exclusive: return tr("exclusive");
    case TransactionState::Mode::Savepoint: return tr("savepoint");
    }
    return {};
}

QString TransactionPanel::formatSince(const QDateTime &since)
{
    const QDateTime local = since.toLocalTime();
    const QLocale locale;
    return local.date() == QDate::currentDate() ? locale.toString(local.time(), QStringLiteral("HH:mm:ss"))
                                                : locale.toString(local, QLocale::ShortFormat);
}

void TransactionPanel::begin(Manager::BeginMode mode)
{
    run(tr("Begin failed: %1"), m_manager->begin(m_path, mode));
}

void TransactionPanel::commit()
{
    run(tr("Commit failed: %1"), m_manager->commit(m_path));
}

void TransactionPanel::rollback()
{
    run(tr("Rollback failed: %1"), m_manager->rollback(m_path));
}

QFuture<Outcome<TransactionState>> TransactionPanel::ensureTransaction()
{
    if (m_path.isEmpty() || !m_manager->isOpen(m_path))
        return readyFuture<TransactionState>(Error(Error::Kind::NotOpen, tr("No database is open.")));
    // The cached state is current unless one of our own operations is still
    // queued on the writer (a Commit just clicked, say).
    const TransactionState now = m_manager->transactionState(m_path);
    if (now.active && m_busy == 0)
        return readyFuture<TransactionState>(now);

    auto promise = std::make_shared<QPromise<Outcome<TransactionState>>>();
    promise->start();
    QFuture<Outcome<TransactionState>> future = promise->future();
    ++m_busy;
    updateEnabled();
    whenDone(this, m_manager->begin(m_path, Manager::BeginMode::Deferred),
             [this, promise](const Outcome<TransactionState> &r) {
                 --m_busy;
                 refresh(); // first: a state change clears old errors
                 // BEGIN fails when a transaction is already open (SQL typed
                 // in the editor may have opened one meanwhile): that is
                 // what the caller wants.
                 const TransactionState after = m_manager->transactionState(m_path);
                 if (r) {
                     clearError();
                     promise->addResult(r);
                 } else if (after.active) {
                     promise->addResult(after);
                 } else {
                     showError(tr("Could not begin a transaction: %1").arg(r.error().message()));
                     promise->addResult(r);
                 }
                 promise->finish();
             });
    return future;
}

void TransactionPanel::run(const QString &what, QFuture<Outcome<TransactionState>> future)
{
    ++m_busy;
    updateEnabled();
    whenDone(this, std::move(future), [this, what](const Outcome<TransactionState> &r) {
        --m_busy;
        refresh(); // first: a state change clears old errors
        if (r) {
            clearError();
        } else {
            qCDebug(lcTransactions) << "transaction operation failed on" << m_path << r.error().toString();
            showError(what.arg(r.error().message()));
        }
        Q_EMIT operationFinished(r.ok());
    });
}

void TransactionPanel::refresh()
{
    const bool open = !m_path.isEmpty() && m_manager->isOpen(m_path);
    // The Manager's cached copy is the newest state: queued signals and
    // finished futures may carry older ones.
    const TransactionState now = open ? m_manager->transactionState(m_path) : TransactionState();
    // An earlier error no longer applies once the state has moved on.
    if (now != m_state)
        clearError();
    m_state = now;
    QFont f = m_stateLabel->font();
    f.setBold(m_state.active);
    m_stateLabel->setFont(f);
    if (!open) {
        m_stateLabel->setText(tr("No database"));
        m_stateLabel->setToolTip({});
        m_modeLabel->setText(QStringLiteral("—"));
        m_sinceLabel->setText(QStringLiteral("—"));
        m_sinceLabel->setToolTip({});
    } else if (!m_state.active) {
        m_stateLabel->setText(tr("Autocommit"));
        m_stateLabel->setToolTip(tr("Every statement is committed as soon as it succeeds"));
        m_modeLabel->setText(QStringLiteral("—"));
        m_sinceLabel->setText(QStringLiteral("—"));
        m_sinceLabel->setToolTip({});
    } else {
        m_stateLabel->setText(tr("In transaction"));
        m_stateLabel->setToolTip(tr("Changes are not visible to other connections until you commit"));
        m_modeLabel->setText(modeName(m_state.mode));
        m_sinceLabel->setText(formatSince(m_state.since));
        m_sinceLabel->setToolTip(QLocale().toString(m_state.since.toLocalTime(), QLocale::LongFormat));
    }
    m_manualHint->setVisible(open && m_manualCommit->isChecked() && !m_state.active);
    updateEnabled();
}

void TransactionPanel::updateEnabled()
{
    const bool open = !m_path.isEmpty() && m_manager->isOpen(m_path);
    const bool idle = open && m_busy == 0;
    m_beginButton->setEnabled(idle && !m_state.active);
    for (QAction *a : {m_beginDeferred, m_beginImmediate, m_beginExclusive})
        a->setEnabled(idle && !m_state.active);
    m_commitButton->setEnabled(idle && m_state.active);
    m_rollbackButton->setEnabled(idle && m_state.active);
}

void TransactionPanel::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void TransactionPanel::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

} // namespace Litehouse
