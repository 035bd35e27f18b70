#include "dropdialog.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace Litehouse {

DropDialog::DropDialog(Manager *manager, const QString &database, const QString &name, QWidget *parent)
    : PlanDialog(manager, database, parent), m_name(name), m_dependents(new QListWidget)
{
    setWindowTitle(tr("Drop %1").arg(name));
    setObjectName(QStringLiteral("dropDialog"));
    resize(560, 440);
    setRunText(tr("&Drop"));
    makeCloseDefault();
    auto *label = new QLabel(tr("Drop <b>%1</b>? This cannot be undone here. What depends on it:").arg(name.toHtmlEscaped()));
    label->setWordWrap(true);
    formLayout()->addWidget(label);
    formLayout()->addWidget(m_dependents);
}

QStringList DropDialog::dependents() const
{
    QStringList out;
    for (int i = 0; i < m_dependents->count(); ++i)
        out << m_dependents->item(i)->text();
    return out;
}

void DropDialog::catalogReady(const Catalog &catalog)
{
    const QStringList deps = dependentsOf(catalog, m_name);
    m_dependents->clear();
    if (deps.isEmpty())
        m_dependents->addItem(tr("Nothing else depends on it."));
    else
        m_dependents->addItems(deps);
}

Outcome<SchemaPlan> DropDialog::makePlan(const Catalog &catalog)
{
    return planDrop(catalog, m_name);
}

} // namespace Litehouse
