#pragma once

#include <core/schema/catalog.h>
#include <core/schema/schemaplan.h>

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace Litehouse {

class Manager;

/// The common part of the schema dialogs: the form a subclass adds on top,
/// and below it the exact SQL the change runs (read-only, kept up to date
/// as the form changes), what is wrong with the form, and Run, Open in
/// Editor, Save as Migration… and Close. The catalog is read on the
/// database's writer (the session the plan then runs on) when load() is
/// called; the plan is made from it on every edit, and run off the UI
/// thread with applySchemaPlan(). Nothing runs until the user says Run.
class PlanDialog : public QDialog
{
    Q_OBJECT
public:
    PlanDialog(Manager *manager, const QString &database, QWidget *parent = nullptr);
    ~PlanDialog() override;

    QString database() const { return m_database; }
    /// Reads the catalog; the form is filled once it is in (catalogLoaded()).
    void load();
    bool isLoaded() const { return m_catalog.has_value(); }
    /// The plan for the form as it is now; nullptr while the form has problems.
    const SchemaPlan *plan() const { return m_plan ? &*m_plan : nullptr; }
    /// The SQL preview as shown, and the problem or failure line.
    QString sqlText() const;
    QString errorText() const;
    QPushButton *runButton() const { return m_run; }
    /// Runs the plan as Run does; false when there is none or one runs.
    bool run();
    /// Writes the plan as the next migration into folder (empty: the
    /// folder the migrations dialog remembers for the database, else the
    /// user picks one). False when there is no plan.
    bool saveAsMigration(const QString &folder = {});

Q_SIGNALS:
    void catalogLoaded();
    /// The change ran and was committed.
    void applied(const QString &database);
    /// The change failed (nothing of it stays); the dialog stays open.
    void failed(const QString &message);
    /// The user wants the SQL in an editor tab instead of running it here.
    void openInEditor(const QString &sql, const QString &database);
    void migrationSaved(const QStringList &paths);

protected:
    /// The plan for the form; an error names what is wrong with it.
    virtual Outcome<SchemaPlan> makePlan(const Catalog &catalog) = 0;
    /// Fills the form from the catalog (called once it is read).
    virtual void catalogReady(const Catalog &catalog) = 0;
    /// Subclasses call this after every edit of the form.
    void updatePlan();
    /// Where subclasses put their form (above the SQL).
    QVBoxLayout *formLayout() const { return m_form; }
    const Catalog *catalog() const { return m_catalog ? &*m_catalog : nullptr; }
    void setRunText(const QString &text);
    /// Makes Close the default button, so that Return does not run (for Drop).
    void makeCloseDefault();
    void showProblem(const QString &text);

private:
    void setRunning(bool running);

    Manager *m_manager;
    QString m_database;
    std::optional<Catalog> m_catalog;
    std::optional<SchemaPlan> m_plan;
    QVBoxLayout *m_form;
    QPlainTextEdit *m_sql;
    QLabel *m_error;
    QPushButton *m_run;
    QPushButton *m_editor;
    QPushButton *m_migration;
    QPushButton *m_close;
    bool m_running = false;
};

} // namespace Litehouse
