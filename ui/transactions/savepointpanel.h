#pragma once

#include <core/manager.h>

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStringListModel;

namespace Litehouse {

/// The live savepoint stack of one database, outermost first, with Create,
/// Release and Rollback to.
///
/// The stack follows Manager::savepointsChanged and transactionStateChanged,
/// so savepoints the user opens or closes in SQL show here too. A new
/// savepoint's name is checked with validateSavepointName() before anything
/// is sent; an invalid name shows the reason and nothing runs.
class SavepointPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SavepointPanel(Manager *manager, QWidget *parent = nullptr);
    ~SavepointPanel() override;
    Q_DISABLE_COPY_MOVE(SavepointPanel)

    /// Follows this database (a path or alias; empty: none).
    void setDatabase(const QString &database);
    QString database() const { return m_path; }

    /// The stack shown, outermost first.
    QStringList savepoints() const;
    /// The selected savepoint (empty when none).
    QString selectedSavepoint() const;
    /// Selects a savepoint by its position in the stack (0: outermost).
    void selectSavepoint(int index);
    /// True while an operation started from this panel is still running.
    bool isBusy() const { return m_busy > 0; }
    /// The error or the reason a name was refused (empty when none).
    QString errorText() const;

    QListView *view() const { return m_view; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *createButton() const { return m_createButton; }
    QPushButton *releaseButton() const { return m_releaseButton; }
    QPushButton *rollbackToButton() const { return m_rollbackToButton; }

public Q_SLOTS:
    /// Creates a savepoint named as in the name field.
    void create();
    /// Releases the selected savepoint (and every one inside it).
    void release();
    /// Rolls back to the selected savepoint, which stays open.
    void rollbackTo();

Q_SIGNALS:
    /// An operation started from the panel finished (for tests and the status bar).
    void operationFinished(bool ok);

private:
    template<typename T>
    /// Runs an operation on the savepoint `name`; on failure shows
    /// failure.arg(name, SQLite's message).
    void run(const QString &failure, const QString &name, QFuture<Outcome<T>> future, bool clearName = false);
    void refresh();
    void updateEnabled();
    void showError(const QString &text);
    void clearError();

    Manager *m_manager;
    QString m_path;
    int m_busy = 0;

    QLabel *m_caption;
    QStringListModel *m_model;
    QListView *m_view;
    QLineEdit *m_name;
    QPushButton *m_createButton;
    QPushButton *m_releaseButton;
    QPushButton *m_rollbackToButton;
    QLabel *m_errorLabel;
};

} // namespace Litehouse
