#pragma once

#include "plandialog.h"

#include <core/schema/tabledesc.h>

class QCheckBox;
class QLineEdit;
class QTableWidget;
class QTableWidgetItem;

namespace Litehouse {

/// The table designer, for a new table (table empty) or an existing one:
/// the name, a grid of columns (name, declared type, PRIMARY KEY, NOT NULL,
/// UNIQUE, DEFAULT, CHECK, COLLATE; generated columns shown, read-only),
/// table CHECK and UNIQUE constraints, foreign keys picked by parent table
/// and column, WITHOUT ROWID, STRICT and AUTOINCREMENT. It edits a
/// TableDesc; the core plans the change (plain ALTER TABLE or the rebuild)
/// and the SQL shows below before anything runs. Renaming a column renames
/// it in the table's expressions and keys too.
class TableDesigner final : public PlanDialog
{
    Q_OBJECT
public:
    enum Column { Name, Type, PrimaryKey, NotNull, Unique, Default, Check, Collate, Generated, ColumnCount };

    TableDesigner(Manager *manager, const QString &database, const QString &table, QWidget *parent = nullptr);

    /// The description as the form holds it.
    TableDesc description() const { return m_desc; }
    /// Replaces the form's description (tests, and "start from").
    void setDescription(const TableDesc &desc);
    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *columnsGrid() const { return m_columns; }
    QTableWidget *foreignKeysGrid() const { return m_fks; }
    /// Adds an empty column row (as the Add Column button) and returns its row.
    int addColumn();
    /// Adds a one-column foreign key (as the Add Foreign Key button).
    int addForeignKey();

protected:
    Outcome<SchemaPlan> makePlan(const Catalog &catalog) override;
    void catalogReady(const Catalog &catalog) override;

private:
    void fill();
    void fillForeignKeys();
    void columnEdited(QTableWidgetItem *item);
    void constraintEdited(QTableWidgetItem *item, bool unique);
    void moveColumn(int delta);

    QString m_table;
    TableDesc m_desc;
    bool m_filling = false;
    QLineEdit *m_name;
    QTableWidget *m_columns;
    QTableWidget *m_checks;
    QTableWidget *m_uniques;
    QTableWidget *m_fks;
    QCheckBox *m_withoutRowid;
    QCheckBox *m_strict;
    QCheckBox *m_autoincrement;
};

} // namespace Litehouse
