#pragma once

#include <core/canceltoken.h>
#include <core/manager.h>
#include <core/sqlsplit.h>

#include <QFuture>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace Litehouse {

class FindBar;
class ResultModel;
class ResultView;
class SqlEditor;

/// One editor tab: the SQL editor, its error strip, and a result tab per
/// statement that returned rows plus a Messages tab. Statements run one
/// after another on the database's session (Route::Session: the writer
/// connection, so TEMP objects, ATTACH, PRAGMAs and transactions carry over
/// as in sqlite3); queries stream their rows; Cancel stops the running
/// statement at once and skips the rest.
class QueryTab final : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { All, Statement, Selection };

    explicit QueryTab(Manager *manager, QWidget *parent = nullptr);
    ~QueryTab() override;

    void setDatabase(const QString &path);
    QString database() const { return m_database; }
    /// The line above the editor that says what the tab's session keeps;
    /// empty without a database.
    QString sessionText() const;
    SqlEditor *editor() const { return m_editor; }
    /// Result tabs (without Messages).
    int resultCount() const;
    ResultModel *resultModel(int index) const;
    ResultView *resultView(int index) const;
    QString messages() const;
    /// The error strip's text; empty when there is none.
    QString errorText() const;
    bool isRunning() const { return m_running || fetching(); }
    /// Called with the statements about to run, before they run (manual-commit
    /// mode begins a transaction there); the run goes on when the future succeeds.
    using BeforeRun = std::function<QFuture<Outcome<TransactionState>>(const QStringList &statements)>;
    void setBeforeRun(BeforeRun hook) { m_beforeRun = std::move(hook); }
    /// Shows a message in the error strip (for errors that are not the editor's own).
    void showError(const QString &message);
    /// The .sql file the tab shows; empty for an untitled tab (kept by the
    /// tab store only).
    QString filePath() const { return m_filePath; }
    /// Ties the tab to a file whose text the editor now holds.
    void setFile(const QString &path);
    /// True when the text differs from what was last loaded or saved (only for a file).
    bool isModified() const;
    /// The editor's text is now what the file holds.
    void markSaved();
    /// Marks the text as unsaved (a tab restored with changes its file lacks).
    void setModified(bool modified);
    FindBar *findBar() const { return m_find; }
    /// Time and rows of the last statement, for the status bar.
    QString lastStatus() const { return m_lastStatus; }

public Q_SLOTS:
    void run(Litehouse::QueryTab::Scope scope = Litehouse::QueryTab::Scope::All);
    void runAll() { run(Scope::All); }
    void runStatement() { run(Scope::Statement); }
    void cancel();

Q_SIGNALS:
    void runFinished(bool ok);
    void statusChanged();
    /// The user typed: the contents should be saved.
    void contentChanged();
    /// A file tab's text became different from its file, or the same again.
    void modifiedChanged(bool modified);
    /// A result grid was added (one per statement that returned rows).
    void resultViewAdded(Litehouse::ResultView *view);

private:
    struct Piece { QString sql; qsizetype charOffset; };
    void runNext();
    void finishRun(bool ok);
    void fail(const Error &e, const Piece &piece);
    void addResultTab(ResultModel *model, int number);
    void clearResults();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void log(const QString &line);
    bool fetching() const;

    Manager *m_manager;
    QString m_database;
    SqlEditor *m_editor;
    QLabel *m_session;
    QLabel *m_error;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_messages;
    CancelToken m_cancel;
    bool m_running = false;
    QList<Piece> m_queue;
    QString m_runText; // editor text when the run started (to place error marks)
    int m_resultNumber = 0;
    BeforeRun m_beforeRun;
    QString m_lastStatus;
    QString m_filePath;
    FindBar *m_find = nullptr;
};

} // namespace Litehouse
