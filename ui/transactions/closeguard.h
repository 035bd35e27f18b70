#pragma once

#include <core/manager.h>

#include <QCoreApplication>
#include <QFuture>

#include <functional>

class QWidget;

namespace Litehouse {

/// Asks before a window closes over an open transaction: commit, roll back,
/// or do not close. Nothing is committed or lost without the user's word.
///
/// The question is asked by a chooser, a QMessageBox by default; tests (and
/// callers without a screen) inject their own.
class CloseGuard final
{
    Q_DECLARE_TR_FUNCTIONS(Litehouse::CloseGuard)
public:
    enum class Choice {
        NoTransaction, ///< nothing to ask: close at once
        Commit,        ///< commit, then close if the commit succeeds
        RollBack,      ///< roll back, then close if the rollback succeeds
        Cancel,        ///< do not close
    };

    /// Asks the user what to do with the open transaction of `database`.
    /// Returns Commit, RollBack or Cancel.
    using Chooser = std::function<Choice(QWidget *parent, const QString &database, const TransactionState &state)>;

    /// What ask() decided, and for Commit and RollBack the operation it started.
    struct Decision
    {
        Choice choice = Choice::NoTransaction;
        /// Valid for Commit and RollBack: resolves when the operation ends.
        QFuture<Outcome<TransactionState>> operation;
    };

    /// A guard that asks with askWithMessageBox() unless given a chooser.
    explicit CloseGuard(Manager *manager, Chooser chooser = {});

    void setChooser(Chooser chooser);

    /// True when the database's writer is inside a transaction (the
    /// Manager's cached state; no SQLite call).
    bool transactionOpen(const QString &database) const;

    /// Asks when a transaction is open and starts the chosen operation.
    Decision ask(const QString &database, QWidget *parent = nullptr) const;

    /// The default chooser: a modal QMessageBox with Commit, Roll Back and
    /// Cancel (the default button, and what Esc picks).
    static Choice askWithMessageBox(QWidget *parent, const QString &database, const TransactionState &state);

private:
    Manager *m_manager;
    Chooser m_chooser;
};

} // namespace Litehouse
