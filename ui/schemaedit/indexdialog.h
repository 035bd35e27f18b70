#pragma once

#include "plandialog.h"

#include <core/schema/tabledesc.h>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableWidget;

namespace Litehouse {

/// Create Index: a table, the columns in key order (each ascending or
/// descending), UNIQUE, and a WHERE condition for a partial index.
class IndexDialog final : public PlanDialog
{
    Q_OBJECT
public:
    IndexDialog(Manager *manager, const QString &database, const QString &table, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *tableBox() const { return m_table; }
    QCheckBox *uniqueBox() const { return m_unique; }
    QLineEdit *whereEdit() const { return m_where; }
    /// Rows: a column each, with "use" and "descending" check boxes.
    QTableWidget *columnsGrid() const { return m_columns; }
    /// Ticks a column (for tests and keyboard users): use it, in this order.
    void useColumn(const QString &column, bool descending = false);

protected:
    Outcome<SchemaPlan> makePlan(const Catalog &catalog) override;
    void catalogReady(const Catalog &catalog) override;

private:
    void fillColumns();
    IndexDesc description() const;

    QString m_initialTable;
    QLineEdit *m_name;
    QComboBox *m_table;
    QCheckBox *m_unique;
    QTableWidget *m_columns;
    QLineEdit *m_where;
    QStringList m_order; // used columns, in key order
    bool m_filling = false;
};

} // namespace Litehouse
