#include "closeguard.h"

#include "transactionpanel.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace Litehouse {

CloseGuard::CloseGuard(Manager *manager, Chooser chooser)
    : m_manager(manager)
{
    setChooser(std::move(chooser));
}

void CloseGuard::setChooser(Chooser chooser)
{
    m_chooser = chooser ? std::move(chooser) : Chooser(&CloseGuard::askWithMessageBox);
}

bool CloseGuard::transactionOpen(const QString &database) const
{
    return !database.isEmpty() && m_manager->isOpen(database) && m_manager->transactionState(database).active;
}

CloseGuard::Decision CloseGuard::ask(const QString &database, QWidget *parent) const
{
    Decision d;
    if (!transactionOpen(database))
        return d;
    d.choice = m_chooser(parent, database, m_manager->transactionState(database));
    switch (d.choice) {
    case Choice::Commit:
        d.operation = m_manager->commit(database);
        break;
    case Choice::RollBack:
        d.operation = m_manager->rollback(database);
        break;
    case Choice::NoTransaction: // a chooser must decide: keep the window open
    case Choice::Cancel:
        d.choice = Choice::Cancel;
        break;
    }
    return d;
}

CloseGuard::Choice CloseGuard::askWithMessageBox(QWidget *parent, const QString &database,
                                                 const TransactionState &state)
{
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(tr("Open transaction"));
    const QString since = TransactionPanel::formatSince(state.since);
    box.setText(tr("“%1” has a transaction open since %2 (%3).")
                    .arg(QFileInfo(database).fileName(), since, TransactionPanel::modeName(state.mode)));
    box.setInformativeText(tr("Commit its changes or roll them back before closing?"));
    auto *commit = box.addButton(tr("Commit"), QMessageBox::AcceptRole);
    auto *rollback = box.addButton(tr("Roll Back"), QMessageBox::DestructiveRole);
    auto *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == commit)
        return Choice::Commit;
    if (box.clickedButton() == rollback)
        return Choice::RollBack;
    return Choice::Cancel;
}

} // namespace Litehouse
