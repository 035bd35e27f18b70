#pragma once

#include "plandialog.h"

class QLineEdit;
class QPlainTextEdit;

namespace Litehouse {

/// Create View: a name and a SELECT, taken from the editor when it holds one.
class ViewDialog final : public PlanDialog
{
    Q_OBJECT
public:
    ViewDialog(Manager *manager, const QString &database, const QString &select, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *selectEdit() const { return m_select; }

protected:
    Outcome<SchemaPlan> makePlan(const Catalog &catalog) override;
    void catalogReady(const Catalog &) override {}

private:
    QLineEdit *m_name;
    QPlainTextEdit *m_select;
};

} // namespace Litehouse
