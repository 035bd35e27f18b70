#include "triggerdialog.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace Litehouse {

TriggerDialog::TriggerDialog(Manager *manager, const QString &database, const QString &table, QWidget *parent)
    : PlanDialog(manager, database, parent), m_initialTable(table), m_name(new QLineEdit), m_table(new QComboBox),
      m_timing(new QComboBox), m_event(new QComboBox), m_updateOf(new QLineEdit), m_when(new QLineEdit),
      m_body(new QPlainTextEdit)
{
    setWindowTitle(tr("New Trigger"));
    setObjectName(QStringLiteral("triggerDialog"));
    resize(640, 600);
    m_timing->addItems({QStringLiteral("BEFORE"), QStringLiteral("AFTER"), QStringLiteral("INSTEAD OF")});
    m_timing->setCurrentText(QStringLiteral("AFTER"));
    m_event->addItems({QStringLiteral("INSERT"), QStringLiteral("UPDATE"), QStringLiteral("DELETE")});
    m_updateOf->setPlaceholderText(tr("UPDATE only: these columns, comma-separated (empty: any)"));
    m_when->setPlaceholderText(tr("Optional: fire only when this holds (new.x, old.x)"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("INSERT INTO log(what) VALUES (new.id);"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&On:"), m_table);
    form->addRow(tr("&When:"), m_timing);
    form->addRow(tr("&Event:"), m_event);
    form->addRow(tr("&Of columns:"), m_updateOf);
    form->addRow(tr("&Condition:"), m_when);
    form->addRow(tr("&Statements:"), m_body);
    formLayout()->addLayout(form);
    for (QLineEdit *e : {m_name, m_updateOf, m_when})
        connect(e, &QLineEdit::textChanged, this, [this] { updatePlan(); });
    for (QComboBox *b : {m_table, m_timing, m_event})
        connect(b, &QComboBox::currentTextChanged, this, [this] { updatePlan(); });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] { updatePlan(); });
}

void TriggerDialog::catalogReady(const Catalog &catalog)
{
    for (const TableInfo &t : catalog.tables)
        if (!t.isVirtual && !t.desc.name.startsWith(QLatin1String("sqlite_")))
            m_table->addItem(t.desc.name);
    for (const ObjectInfo &v : catalog.views)
        m_table->addItem(v.name);
    if (!m_initialTable.isEmpty())
        m_table->setCurrentText(m_initialTable);
}

Outcome<SchemaPlan> TriggerDialog::makePlan(const Catalog &catalog)
{
    TriggerDesc d;
    d.name = m_name->text().trimmed();
    d.table = m_table->currentText();
    d.timing = m_timing->currentText();
    d.event = m_event->currentText();
    for (const QString &c : m_updateOf->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!c.trimmed().isEmpty())
            d.updateOf << c.trimmed();
    d.when = m_when->text().trimmed();
    d.body = m_body->toPlainText();
    return planCreateTrigger(catalog, d);
}

} // namespace Litehouse
