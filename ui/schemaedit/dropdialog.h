#pragma once

#include "plandialog.h"

class QListWidget;

namespace Litehouse {

/// Drop a table, view, index or trigger: asks first, listing what depends
/// on it (indexes and triggers that go with it, views and triggers that stop
/// working, tables whose foreign keys refer to it) and the SQL.
class DropDialog final : public PlanDialog
{
    Q_OBJECT
public:
    DropDialog(Manager *manager, const QString &database, const QString &name, QWidget *parent = nullptr);

    /// The dependents as listed.
    QStringList dependents() const;

protected:
    Outcome<SchemaPlan> makePlan(const Catalog &catalog) override;
    void catalogReady(const Catalog &catalog) override;

private:
    QString m_name;
    QListWidget *m_dependents;
};

} // namespace Litehouse
