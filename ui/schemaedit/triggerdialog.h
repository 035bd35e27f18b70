#pragma once

#include "plandialog.h"

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace Litehouse {

/// Create Trigger: its table (or view), BEFORE/AFTER/INSTEAD OF, the event
/// (UPDATE optionally OF some columns), a WHEN condition and the statements.
class TriggerDialog final : public PlanDialog
{
    Q_OBJECT
public:
    TriggerDialog(Manager *manager, const QString &database, const QString &table, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *tableBox() const { return m_table; }
    QComboBox *timingBox() const { return m_timing; }
    QComboBox *eventBox() const { return m_event; }
    QLineEdit *whenEdit() const { return m_when; }
    QPlainTextEdit *bodyEdit() const { return m_body; }

protected:
    Outcome<SchemaPlan> makePlan(const Catalog &catalog) override;
    void catalogReady(const Catalog &catalog) override;

private:
    QString m_initialTable;
    QLineEdit *m_name;
    QComboBox *m_table;
    QComboBox *m_timing;
    QComboBox *m_event;
    QLineEdit *m_updateOf;
    QLineEdit *m_when;
    QPlainTextEdit *m_body;
};

} // namespace Litehouse
