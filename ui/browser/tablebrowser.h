#pragma once

#include <QModelIndex>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

namespace Litehouse {

class BrowserModel;
class FilterHeader;
class Manager;

/// Point-and-click browsing of one table or view, opened as a tab: a grid
/// whose headers sort (ascending, descending, none) and whose filter row
/// narrows the rows, with the SQL the query builder wrote (and the values it
/// binds) in a read-only strip above it. Rows page in as the grid scrolls.
/// After a statement elsewhere changes the database, the rows (or, after
/// DDL, the columns too) are read again when the browser is next shown.
///
/// A table's rows can be edited in place, added, deleted and pasted into
/// from a spreadsheet. The changes stay pending (marked in the grid, their
/// SQL in the "Pending changes" panel) until Commit writes them all in one
/// transaction, or Revert drops them. Views say why they are read-only.
class TableBrowser final : public QWidget
{
    Q_OBJECT
public:
    TableBrowser(Manager *manager, const QString &database, const QString &table, QWidget *parent = nullptr);

    QString database() const;
    QString table() const;
    BrowserModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    FilterHeader *header() const { return m_header; }
    QLineEdit *filterEdit(int column) const;
    /// The SQL in the strip and the bound values as shown.
    QString sqlText() const;
    QString paramsText() const;
    QPushButton *openInEditorButton() const { return m_openButton; }
    /// Applies the filter boxes now (they also apply shortly after typing stops).
    void applyFilters();

    // Editing (also reached from the Edit menu and the grid's keys).
    bool hasPendingChanges() const;
    /// The pending SQL panel, and the line that says why a view is read-only.
    QPlainTextEdit *pendingSqlView() const { return m_pendingSql; }
    QLabel *readOnlyLabel() const { return m_readOnly; }
    QLabel *editErrorLabel() const { return m_error; }
    QToolButton *commitButton() const { return m_commitButton; }
    QToolButton *revertButton() const { return m_revertButton; }
    /// The cell the grid's current index points at (-1, -1 when none).
    QModelIndex currentCell() const;
    void addRow();
    void deleteSelectedRows();
    void setSelectedNull();
    /// Pastes tab-separated text (the clipboard's, when empty) at the current cell.
    void paste(const QString &text = {});
    /// Copies the selected cells as tab-separated text.
    void copy();
    void undo();
    void redo();
    /// Writes the pending changes; asks before overwriting rows changed elsewhere.
    void commitChanges();
    void revertChanges();
    void setPendingSqlVisible(bool visible);
    /// Answers the "rows changed elsewhere, overwrite?" question in tests
    /// (default: a message box).
    void setOverwriteChooser(std::function<bool(const QStringList &reasons)> chooser) { m_overwriteChooser = std::move(chooser); }

Q_SIGNALS:
    /// The statement with its values inlined as literals, for a query tab.
    void openInEditor(const QString &sql);
    /// The current cell changed (the cell editor follows it).
    void currentCellChanged(const QModelIndex &index);

protected:
    void showEvent(QShowEvent *e) override;

private:
    enum class Stale { No, Rows, Shape };
    /// Reads again what changed since the browser was last shown.
    void catchUp();
    void showQuery();
    void showCount();
    void updateEditing();

    BrowserModel *m_model;
    QTableView *m_view;
    FilterHeader *m_header;
    QPlainTextEdit *m_sql;
    QLabel *m_params;
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_openButton;
    QPushButton *m_refreshButton;
    QTimer *m_filterTimer;
    QLabel *m_readOnly;
    QLabel *m_pendingLabel;
    QToolButton *m_addButton;
    QToolButton *m_deleteButton;
    QToolButton *m_nullButton;
    QToolButton *m_undoButton;
    QToolButton *m_redoButton;
    QToolButton *m_sqlButton;
    QToolButton *m_revertButton;
    QToolButton *m_commitButton;
    QPlainTextEdit *m_pendingSql;
    std::function<bool(const QStringList &)> m_overwriteChooser;
    bool m_sized = false; // columns were fitted to the first rows
    Stale m_stale = Stale::No; // changed by another statement; read again when shown
};

} // namespace Litehouse
