#include "indexdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableWidget>

namespace Litehouse {

IndexDialog::IndexDialog(Manager *manager, const QString &database, const QString &table, QWidget *parent)
    : PlanDialog(manager, database, parent), m_initialTable(table), m_name(new QLineEdit), m_table(new QComboBox),
      m_unique(new QCheckBox(tr("&Unique: no two rows with the same key"))), m_columns(new QTableWidget(0, 3)),
      m_where(new QLineEdit)
{
    setWindowTitle(tr("New Index"));
    setObjectName(QStringLiteral("indexDialog"));
    resize(640, 560);
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("In the key"), tr("Descending")});
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->verticalHeader()->setVisible(false);
    m_where->setPlaceholderText(tr("Optional: only rows where this holds (a partial index)"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Table:"), m_table);
    form->addRow(QString(), m_unique);
    form->addRow(tr("&Columns:"), m_columns);
    form->addRow(tr("&WHERE:"), m_where);
    formLayout()->addLayout(form);
    connect(m_name, &QLineEdit::textChanged, this, [this] { updatePlan(); });
    connect(m_where, &QLineEdit::textChanged, this, [this] { updatePlan(); });
    connect(m_unique, &QCheckBox::toggled, this, [this] { updatePlan(); });
    connect(m_table, &QComboBox::currentTextChanged, this, [this] {
        m_order.clear();
        fillColumns();
        if (m_name->text().isEmpty() || m_name->isModified() == false)
            m_name->setText(m_table->currentText() + QStringLiteral("_idx"));
        updatePlan();
    });
    connect(m_columns, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling)
            return;
        const QString column = m_columns->item(item->row(), 0)->text();
        if (item->column() == 1) {
            m_order.removeAll(column);
            if (item->checkState() == Qt::Checked)
                m_order << column;
        }
        updatePlan();
    });
}

void IndexDialog::catalogReady(const Catalog &catalog)
{
    m_filling = true;
    for (const TableInfo &t : catalog.tables)
        if (!t.isVirtual && !t.desc.name.startsWith(QLatin1String("sqlite_")))
            m_table->addItem(t.desc.name);
    m_filling = false;
    if (!m_initialTable.isEmpty())
        m_table->setCurrentText(m_initialTable);
    fillColumns();
    if (m_name->text().isEmpty())
        m_name->setText(m_table->currentText() + QStringLiteral("_idx"));
}

void IndexDialog::fillColumns()
{
    m_filling = true;
    m_columns->setRowCount(0);
    if (catalog())
        if (const TableInfo *t = catalog()->table(m_table->currentText())) {
            for (const ColumnDesc &c : t->desc.columns) {
                const int r = m_columns->rowCount();
                m_columns->insertRow(r);
                auto *name = new QTableWidgetItem(c.name);
                name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                auto *use = new QTableWidgetItem;
                use->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                use->setCheckState(m_order.contains(c.name) ? Qt::Checked : Qt::Unchecked);
                auto *desc = new QTableWidgetItem;
                desc->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                desc->setCheckState(Qt::Unchecked);
                m_columns->setItem(r, 0, name);
                m_columns->setItem(r, 1, use);
                m_columns->setItem(r, 2, desc);
            }
        }
    m_filling = false;
}

void IndexDialog::useColumn(const QString &column, bool descending)
{
    for (int r = 0; r < m_columns->rowCount(); ++r)
        if (m_columns->item(r, 0)->text() == column) {
            m_columns->item(r, 2)->setCheckState(descending ? Qt::Checked : Qt::Unchecked);
            m_columns->item(r, 1)->setCheckState(Qt::Checked);
        }
}

IndexDesc IndexDialog::description() const
{
    IndexDesc d;
    d.name = m_name->text().trimmed();
    d.table = m_table->currentText();
    d.unique = m_unique->isChecked();
    d.where = m_where->text().trimmed();
    for (const QString &c : m_order)
        for (int r = 0; r < m_columns->rowCount(); ++r)
            if (m_columns->item(r, 0)->text() == c)
                d.columns.append({c, {}, {}, m_columns->item(r, 2)->checkState() == Qt::Checked});
    return d;
}

Outcome<SchemaPlan> IndexDialog::makePlan(const Catalog &catalog)
{
    return planCreateIndex(catalog, description());
}

} // namespace Litehouse
