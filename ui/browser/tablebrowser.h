#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

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

Q_SIGNALS:
    /// The statement with its values inlined as literals, for a query tab.
    void openInEditor(const QString &sql);

protected:
    void showEvent(QShowEvent *e) override;

private:
    enum class Stale { No, Rows, Shape };
    /// Reads again what changed since the browser was last shown.
    void catchUp();
    void showQuery();
    void showCount();

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
    bool m_sized = false; // columns were fitted to the first rows
    Stale m_stale = Stale::No; // changed by another statement; read again when shown
};

} // namespace Litehouse
