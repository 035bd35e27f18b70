#include "viewdialog.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace Litehouse {

ViewDialog::ViewDialog(Manager *manager, const QString &database, const QString &select, QWidget *parent)
    : PlanDialog(manager, database, parent), m_name(new QLineEdit), m_select(new QPlainTextEdit(select.trimmed()))
{
    setWindowTitle(tr("New View"));
    setObjectName(QStringLiteral("viewDialog"));
    resize(640, 560);
    m_select->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_select->setPlaceholderText(tr("SELECT … (one statement)"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&SELECT:"), m_select);
    formLayout()->addLayout(form);
    connect(m_name, &QLineEdit::textChanged, this, [this] { updatePlan(); });
    connect(m_select, &QPlainTextEdit::textChanged, this, [this] { updatePlan(); });
}

Outcome<SchemaPlan> ViewDialog::makePlan(const Catalog &catalog)
{
    return planCreateView(catalog, m_name->text().trimmed(), m_select->toPlainText());
}

} // namespace Litehouse
