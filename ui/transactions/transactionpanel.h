#pragma once

#include <core/manager.h>

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QPushButton;

namespace Litehouse {

/// The transaction state of one database, and the controls to change it.
///
/// Shows whether the writer connection is in autocommit mode or inside a
/// transaction, how the transaction began and since when; offers Begin
/// (deferred, immediate, exclusive), Commit and Rollback, each enabled only
/// when it makes sense. The state follows Manager::transactionStateChanged, so
/// transactions begun or ended by SQL the user types show here too.
///
/// In manual-commit mode the editor's statements run inside an explicit
/// transaction until the user commits: the main window calls
/// ensureTransaction() before it runs editor SQL.
///
/// Every operation runs through the Manager; the panel never touches SQLite
/// and never waits on a future. Errors show in the panel with SQLite's message.
class TransactionPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TransactionPanel(Manager *manager, QWidget *parent = nullptr);
    ~TransactionPanel() override;
    Q_DISABLE_COPY_MOVE(TransactionPanel)

    /// Follows this database (a path or alias; empty: none).
    void setDatabase(const QString &database);
    /// The database's path, as the Manager reports it.
    QString database() const { return m_path; }

    /// True when the editor's statements run inside an explicit transaction.
    bool manualCommit() const;
    void setManualCommit(bool on);

    /// Resolves at once when a transaction is already open; otherwise begins
    /// a DEFERRED one. Resolves to the state, or to the error that prevented it.
    QFuture<Outcome<TransactionState>> ensureTransaction();

    /// The state shown (the Manager's cached copy; no SQLite call).
    TransactionState state() const { return m_state; }
    /// True while an operation started from this panel is still running.
    bool isBusy() const { return m_busy > 0; }
    /// The error shown in the panel (empty when none).
    QString errorText() const;
    /// The texts shown for the state, the mode and the start time.
    QString stateText() const;
    QString modeText() const;
    QString sinceText() const;

    QPushButton *beginButton() const { return m_beginButton; }
    QAction *beginAction(Manager::BeginMode mode) const;
    QPushButton *commitButton() const { return m_commitButton; }
    QPushButton *rollbackButton() const { return m_rollbackButton; }
    QCheckBox *manualCommitBox() const { return m_manualCommit; }

    /// The mode's name for people ("deferred", "immediate", …), translated.
    static QString modeName(TransactionState::Mode mode);
    /// A transaction's start (UTC) for people: local time, with the date
    /// when it is not today.
    static QString formatSince(const QDateTime &since);

public Q_SLOTS:
    void begin(Litehouse::Manager::BeginMode mode);
    void commit();
    void rollback();

Q_SIGNALS:
    /// The manual-commit checkbox changed.
    void manualCommitChanged(bool on);
    /// An operation started from the panel finished (for tests and the status bar).
    void operationFinished(bool ok);

private:
    void run(const QString &what, QFuture<Outcome<TransactionState>> future);
    void refresh();
    void showError(const QString &text);
    void clearError();
    void updateEnabled();

    Manager *m_manager;
    QString m_path;
    TransactionState m_state;
    int m_busy = 0;

    QLabel *m_stateLabel;
    QLabel *m_modeLabel;
    QLabel *m_sinceLabel;
    QLabel *m_errorLabel;
    QPushButton *m_beginButton;
    QAction *m_beginDeferred;
    QAction *m_beginImmediate;
    QAction *m_beginExclusive;
    QPushButton *m_commitButton;
    QPushButton *m_rollbackButton;
    QCheckBox *m_manualCommit;
    QLabel *m_manualHint;
};

} // namespace Litehouse
