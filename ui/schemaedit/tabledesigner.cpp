#include "tabledesigner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Litehouse {

namespace {

QTableWidgetItem *textItem(const QString &text, bool editable = true)
{
    auto *i = new QTableWidgetItem(text);
    if (!editable)
        i->setFlags(i->flags() & ~Qt::ItemIsEditable);
    return i;
}

QTableWidgetItem *checkItem(bool checked, bool editable = true)
{
    auto *i = new QTableWidgetItem;
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | (editable ? Qt::ItemIsUserCheckable : Qt::NoItemFlags));
    i->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return i;
}

QStringList splitNames(const QString &text)
{
    QStringList out;
    for (const QString &p : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!p.trimmed().isEmpty())
            out << p.trimmed();
    return out;
}

const QStringList kActions = {QString(), QStringLiteral("CASCADE"), QStringLiteral("SET NULL"),
                              QStringLiteral("SET DEFAULT"), QStringLiteral("RESTRICT"), QStringLiteral("NO ACTION")};

QWidget *buttonRow(const QList<QPushButton *> &buttons)
{
    auto *w = new QWidget;
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *b : buttons)
        l->addWidget(b);
    l->addStretch(1);
    return w;
}

} // namespace

TableDesigner::TableDesigner(Manager *manager, const QString &database, const QString &table, QWidget *parent)
    : PlanDialog(manager, database, parent), m_table(table), m_name(new QLineEdit), m_columns(new QTableWidget(0, ColumnCount)),
      m_checks(new QTableWidget(0, 2)), m_uniques(new QTableWidget(0, 2)), m_fks(new QTableWidget(0, 5)),
      m_withoutRowid(new QCheckBox(tr("WITHOUT ROWID"))), m_strict(new QCheckBox(tr("STRICT"))),
      m_autoincrement(new QCheckBox(tr("AUTOINCREMENT")))
{
    setWindowTitle(table.isEmpty() ? tr("New Table") : tr("Modify Table %1").arg(table));
    setObjectName(QStringLiteral("tableDesigner"));
    resize(900, 720);
    m_name->setObjectName(QStringLiteral("tableName"));
    m_columns->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("PK"), tr("Not null"), tr("Unique"), tr("Default"),
                                          tr("Check"), tr("Collate"), tr("Generated (read-only)")});
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->verticalHeader()->setVisible(false);
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->setSelectionMode(QAbstractItemView::SingleSelection);
    m_checks->setHorizontalHeaderLabels({tr("Name (optional)"), tr("CHECK expression")});
    m_checks->horizontalHeader()->setStretchLastSection(true);
    m_uniques->setHorizontalHeaderLabels({tr("Name (optional)"), tr("UNIQUE columns, comma-separated")});
    m_uniques->horizontalHeader()->setStretchLastSection(true);
    m_fks->setHorizontalHeaderLabels({tr("Column"), tr("Parent table"), tr("Parent column"), tr("On delete"), tr("On update")});
    m_fks->horizontalHeader()->setStretchLastSection(true);
    m_autoincrement->setToolTip(tr("The INTEGER PRIMARY KEY never reuses the keys of deleted rows"));
    m_strict->setToolTip(tr("Values must match the declared types (INT, INTEGER, REAL, TEXT, BLOB, ANY)"));

    auto *top = new QFormLayout;
    top->addRow(tr("Table &name:"), m_name);
    auto *options = new QHBoxLayout;
    options->addWidget(m_autoincrement);
    options->addWidget(m_withoutRowid);
    options->addWidget(m_strict);
    options->addStretch(1);
    top->addRow(tr("Options:"), options);
    formLayout()->addLayout(top);

    auto *add = new QPushButton(tr("&Add Column"));
    auto *remove = new QPushButton(tr("Remove Column"));
    auto *up = new QPushButton(tr("Move &Up"));
    auto *down = new QPushButton(tr("Move &Down"));
    auto *columnsPage = new QWidget;
    auto *cl = new QVBoxLayout(columnsPage);
    cl->addWidget(m_columns);
    cl->addWidget(buttonRow({add, remove, up, down}));

    auto *addCheck = new QPushButton(tr("Add CHECK"));
    auto *removeCheck = new QPushButton(tr("Remove CHECK"));
    auto *addUnique = new QPushButton(tr("Add UNIQUE"));
    auto *removeUnique = new QPushButton(tr("Remove UNIQUE"));
    auto *constraintsPage = new QWidget;
    auto *kl = new QVBoxLayout(constraintsPage);
    kl->addWidget(new QLabel(tr("Table CHECK constraints")));
    kl->addWidget(m_checks);
    kl->addWidget(buttonRow({addCheck, removeCheck}));
    kl->addWidget(new QLabel(tr("UNIQUE over several columns")));
    kl->addWidget(m_uniques);
    kl->addWidget(buttonRow({addUnique, removeUnique}));

    auto *addFk = new QPushButton(tr("Add &Foreign Key"));
    auto *removeFk = new QPushButton(tr("Remove Foreign Key"));
    auto *fkPage = new QWidget;
    auto *fl = new QVBoxLayout(fkPage);
    fl->addWidget(m_fks);
    fl->addWidget(buttonRow({addFk, removeFk}));

    auto *tabs = new QTabWidget;
    tabs->addTab(columnsPage, tr("Columns"));
    tabs->addTab(constraintsPage, tr("Constraints"));
    tabs->addTab(fkPage, tr("Foreign Keys"));
    formLayout()->addWidget(tabs);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &t) {
        m_desc.name = t.trimmed();
        updatePlan();
    });
    for (QCheckBox *box : {m_withoutRowid, m_strict, m_autoincrement})
        connect(box, &QCheckBox::toggled, this, [this] {
            if (m_filling)
                return;
            m_desc.withoutRowid = m_withoutRowid->isChecked();
            m_desc.strict = m_strict->isChecked();
            m_desc.autoincrement = m_autoincrement->isChecked();
            updatePlan();
        });
    connect(m_columns, &QTableWidget::itemChanged, this, &TableDesigner::columnEdited);
    connect(m_checks, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *i) { constraintEdited(i, false); });
    connect(m_uniques, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *i) { constraintEdited(i, true); });
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = addColumn();
        m_columns->setCurrentCell(row, Name);
        m_columns->editItem(m_columns->item(row, Name));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_columns->currentRow();
        if (row < 0 || row >= m_desc.columns.size())
            return;
        const QString name = m_desc.columns.at(row).name;
        m_desc.columns.removeAt(row);
        // Keys and constraints of the column go with it.
        for (UniqueDesc &u : m_desc.uniques)
            u.columns.removeAll(name);
        m_desc.uniques.removeIf([](const UniqueDesc &u) { return u.columns.isEmpty(); });
        m_desc.foreignKeys.removeIf([&](const ForeignKeyDesc &fk) { return fk.columns.contains(name); });
        fill();
        updatePlan();
    });
    connect(up, &QPushButton::clicked, this, [this] { moveColumn(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveColumn(1); });
    connect(addCheck, &QPushButton::clicked, this, [this] {
        m_desc.checks.append(CheckDesc());
        fill();
        m_checks->setCurrentCell(int(m_desc.checks.size()) - 1, 1);
    });
    connect(removeCheck, &QPushButton::clicked, this, [this] {
        if (const int r = m_checks->currentRow(); r >= 0 && r < m_desc.checks.size()) {
            m_desc.checks.removeAt(r);
            fill();
            updatePlan();
        }
    });
    connect(addUnique, &QPushButton::clicked, this, [this] {
        m_desc.uniques.append(UniqueDesc());
        fill();
    });
    connect(removeUnique, &QPushButton::clicked, this, [this] {
        if (const int r = m_uniques->currentRow(); r >= 0 && r < m_desc.uniques.size()) {
            m_desc.uniques.removeAt(r);
            fill();
            updatePlan();
        }
    });
    connect(addFk, &QPushButton::clicked, this, [this] { addForeignKey(); });
    connect(removeFk, &QPushButton::clicked, this, [this] {
        if (const int r = m_fks->currentRow(); r >= 0 && r < m_desc.foreignKeys.size()) {
            m_desc.foreignKeys.removeAt(r);
            fillForeignKeys();
            updatePlan();
        }
    });
}

void TableDesigner::catalogReady(const Catalog &catalog)
{
    if (m_table.isEmpty()) {
        m_desc = TableDesc();
        ColumnDesc id;
        id.name = QStringLiteral("id");
        id.type = QStringLiteral("INTEGER");
        id.primaryKey = 1;
        m_desc.columns << id;
    } else if (const TableInfo *t = catalog.table(m_table)) {
        m_desc = t->desc;
        if (!t->editable) {
            fill();
            for (QWidget *w : findChildren<QTabWidget *>())
                w->setEnabled(false);
            m_name->setEnabled(false);
            showProblem(tr("This table cannot be changed here: %1").arg(t->readProblem));
            return;
        }
    }
    fill();
}

void TableDesigner::setDescription(const TableDesc &desc)
{
    m_desc = desc;
    fill();
    updatePlan();
}

Outcome<SchemaPlan> TableDesigner::makePlan(const Catalog &catalog)
{
    if (!m_table.isEmpty()) {
        const TableInfo *t = catalog.table(m_table);
        if (!t)
            return Error::invalid(tr("There is no table named “%1” any more.").arg(m_table));
        if (!t->editable)
            return Error::invalid(tr("This table cannot be changed here: %1").arg(t->readProblem));
        return planAlterTable(catalog, m_desc);
    }
    return planCreateTable(catalog, m_desc);
}

int TableDesigner::addColumn()
{
    ColumnDesc c;
    QString name = QStringLiteral("column%1").arg(m_desc.columns.size() + 1);
    while (m_desc.column(name))
        name += QLatin1Char('_');
    c.name = name;
    c.type = QStringLiteral("TEXT");
    m_desc.columns.append(c);
    fill();
    updatePlan();
    return int(m_desc.columns.size()) - 1;
}

int TableDesigner::addForeignKey()
{
    ForeignKeyDesc fk;
    if (!m_desc.columns.isEmpty())
        fk.columns = QStringList{m_desc.columns.last().name};
    if (catalog() && !catalog()->tables.isEmpty())
        fk.refTable = catalog()->tables.first().desc.name;
    m_desc.foreignKeys.append(fk);
    fillForeignKeys();
    updatePlan();
    return int(m_desc.foreignKeys.size()) - 1;
}

void TableDesigner::moveColumn(int delta)
{
    const int row = m_columns->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_desc.columns.size())
        return;
    m_desc.columns.move(row, to);
    fill();
    m_columns->setCurrentCell(to, Name);
    updatePlan();
}

void TableDesigner::fill()
{
    m_filling = true;
    const int current = m_columns->currentRow();
    m_name->setText(m_desc.name);
    m_withoutRowid->setChecked(m_desc.withoutRowid);
    m_strict->setChecked(m_desc.strict);
    m_autoincrement->setChecked(m_desc.autoincrement);
    m_columns->setRowCount(int(m_desc.columns.size()));
    for (int r = 0; r < m_desc.columns.size(); ++r) {
        const ColumnDesc &c = m_desc.columns.at(r);
        const bool plain = !c.isGenerated();
        QStringList checks;
        for (const CheckDesc &ch : c.checks)
            checks << ch.expr;
        m_columns->setItem(r, Name, textItem(c.name));
        m_columns->setItem(r, Type, textItem(c.type, plain));
        m_columns->setItem(r, PrimaryKey, checkItem(c.primaryKey > 0, plain));
        m_columns->setItem(r, NotNull, checkItem(c.notNull, plain));
        m_columns->setItem(r, Unique, checkItem(c.unique, plain));
        m_columns->setItem(r, Default, textItem(c.defaultExpr, plain));
        m_columns->setItem(r, Check, textItem(checks.join(QStringLiteral(" AND ")), plain && c.checks.size() <= 1));
        m_columns->setItem(r, Collate, textItem(c.collation, plain));
        const QString gen = c.isGenerated()
            ? QStringLiteral("%1 (%2)").arg(c.generatedExpr, c.generated == ColumnDesc::Generated::Stored
                                                                 ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"))
            : QString();
        m_columns->setItem(r, Generated, textItem(gen, false));
        if (!plain)
            for (int k = Type; k < ColumnCount; ++k)
                m_columns->item(r, k)->setToolTip(tr("A generated column is shown as it is; it cannot be edited here"));
        if (!c.origin.isEmpty() && c.origin != c.name)
            m_columns->item(r, Name)->setToolTip(tr("Renamed from %1").arg(c.origin));
    }
    m_columns->resizeColumnsToContents();
    // Room to type in: expressions and types are wider than what they start as.
    for (const auto &[column, width] : {std::pair{int(Name), 120}, {int(Type), 130}, {int(Default), 110},
                                        {int(Check), 190}, {int(Collate), 80}})
        m_columns->setColumnWidth(column, qMax(m_columns->columnWidth(column), width));
    if (current >= 0 && current < m_columns->rowCount())
        m_columns->setCurrentCell(current, m_columns->currentColumn() < 0 ? 0 : m_columns->currentColumn());
    m_checks->setRowCount(int(m_desc.checks.size()));
    for (int r = 0; r < m_desc.checks.size(); ++r) {
        m_checks->setItem(r, 0, textItem(m_desc.checks.at(r).name));
        m_checks->setItem(r, 1, textItem(m_desc.checks.at(r).expr));
    }
    m_uniques->setRowCount(int(m_desc.uniques.size()));
    for (int r = 0; r < m_desc.uniques.size(); ++r) {
        m_uniques->setItem(r, 0, textItem(m_desc.uniques.at(r).name));
        m_uniques->setItem(r, 1, textItem(m_desc.uniques.at(r).columns.join(QStringLiteral(", "))));
    }
    m_filling = false;
    fillForeignKeys();
}

void TableDesigner::fillForeignKeys()
{
    m_filling = true;
    m_fks->setRowCount(int(m_desc.foreignKeys.size()));
    QStringList columnNames;
    for (const ColumnDesc &c : m_desc.columns)
        columnNames << c.name;
    QStringList tables;
    if (catalog())
        for (const TableInfo &t : catalog()->tables)
            if (!t.desc.name.startsWith(QLatin1String("sqlite_")))
                tables << t.desc.name;
    if (!m_desc.name.isEmpty() && !tables.contains(m_desc.name))
        tables << m_desc.name; // a table may refer to itself
    for (int r = 0; r < m_desc.foreignKeys.size(); ++r) {
        const ForeignKeyDesc &fk = m_desc.foreignKeys.at(r);
        auto combo = [&](const QStringList &items, const QString &current, bool editable) {
            auto *c = new QComboBox;
            c->addItems(items);
            if (!items.contains(current))
                c->addItem(current);
            c->setCurrentText(current);
            c->setEnabled(editable);
            return c;
        };
        const bool simple = fk.columns.size() <= 1 && fk.refColumns.size() <= 1;
        QStringList parentColumns{QString()};
        if (catalog())
            if (const TableInfo *p = catalog()->table(fk.refTable))
                for (const ColumnDesc &c : p->desc.columns)
                    parentColumns << c.name;
        QComboBox *col = combo(columnNames, fk.columns.join(QStringLiteral(", ")), simple);
        QComboBox *parent = combo(tables, fk.refTable, true);
        QComboBox *parentCol = combo(parentColumns, fk.refColumns.join(QStringLiteral(", ")), simple);
        parentCol->setToolTip(tr("Empty: the parent's primary key"));
        QComboBox *del = combo(kActions, fk.onDelete, true);
        QComboBox *upd = combo(kActions, fk.onUpdate, true);
        m_fks->setCellWidget(r, 0, col);
        m_fks->setCellWidget(r, 1, parent);
        m_fks->setCellWidget(r, 2, parentCol);
        m_fks->setCellWidget(r, 3, del);
        m_fks->setCellWidget(r, 4, upd);
        auto edited = [this, r, col, parent, parentCol, del, upd, simple] {
            if (m_filling || r >= m_desc.foreignKeys.size())
                return;
            ForeignKeyDesc &k = m_desc.foreignKeys[r];
            const bool parentChanged = k.refTable != parent->currentText();
            if (simple) {
                k.columns = splitNames(col->currentText());
                k.refColumns = parentChanged ? QStringList() : splitNames(parentCol->currentText());
            }
            k.refTable = parent->currentText();
            k.onDelete = del->currentText();
            k.onUpdate = upd->currentText();
            if (parentChanged) // its columns are another table's now
                QMetaObject::invokeMethod(this, &TableDesigner::fillForeignKeys, Qt::QueuedConnection);
            updatePlan();
        };
        for (QComboBox *c : {col, parent, parentCol, del, upd})
            connect(c, &QComboBox::currentTextChanged, this, edited);
    }
    m_filling = false;
}

void TableDesigner::columnEdited(QTableWidgetItem *item)
{
    if (m_filling)
        return;
    const int r = item->row();
    if (r < 0 || r >= m_desc.columns.size())
        return;
    ColumnDesc &c = m_desc.columns[r];
    const QString text = item->text().trimmed();
    const bool on = item->checkState() == Qt::Checked;
    switch (item->column()) {
    case Name:
        if (text != c.name) {
            m_desc.renameColumnAt(r, text);
            QMetaObject::invokeMethod(this, &TableDesigner::fill, Qt::QueuedConnection); // not inside the item's own signal
        }
        break;
    case Type: c.type = text; break;
    case PrimaryKey: {
        if (on) {
            int n = 0;
            for (const ColumnDesc &o : std::as_const(m_desc.columns))
                n = qMax(n, o.primaryKey);
            c.primaryKey = n + 1;
        } else {
            const int gone = c.primaryKey;
            c.primaryKey = 0;
            for (ColumnDesc &o : m_desc.columns)
                if (o.primaryKey > gone)
                    --o.primaryKey;
        }
        break;
    }
    case NotNull: c.notNull = on; break;
    case Unique: c.unique = on; break;
    case Default: c.defaultExpr = text; break;
    case Check:
        c.checks.clear();
        if (!text.isEmpty())
            c.checks.append({QString(), text});
        break;
    case Collate: c.collation = text; break;
    default: break;
    }
    updatePlan();
}

void TableDesigner::constraintEdited(QTableWidgetItem *item, bool unique)
{
    if (m_filling)
        return;
    const int r = item->row();
    if (unique) {
        if (r < 0 || r >= m_desc.uniques.size())
            return;
        if (item->column() == 0)
            m_desc.uniques[r].name = item->text().trimmed();
        else
            m_desc.uniques[r].columns = splitNames(item->text());
    } else {
        if (r < 0 || r >= m_desc.checks.size())
            return;
        if (item->column() == 0)
            m_desc.checks[r].name = item->text().trimmed();
        else
            m_desc.checks[r].expr = item->text().trimmed();
    }
    updatePlan();
}

} // namespace Litehouse
