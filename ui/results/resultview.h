#pragma once

#include <core/outcome.h>
#include <core/params.h>
#include <core/rowformat.h>

#include <QFuture>
#include <QTableView>

namespace Litehouse {

class Manager;
class ResultModel;
class RowWindowModel;

/// A grid for a ResultModel: copies the selected cells as TSV, and exports
/// the whole result to CSV or JSON in the background. The grid holds a
/// sliding window of the rows (RowWindowModel), so scrolling through ten
/// million rows costs the UI no more than scrolling through the window.
class ResultView final : public QTableView
{
    Q_OBJECT
public:
    explicit ResultView(ResultModel *model, QWidget *parent = nullptr);
    ResultModel *resultModel() const { return m_model; }
    /// The rows the grid holds now; row r of the grid is row
    /// window()->toSource(r) of the result.
    RowWindowModel *window() const { return m_window; }
    /// The selected cells as tab-separated text (rows by lines).
    QString selectionAsTsv(bool withHeaders = false) const;
    void copySelection(bool withHeaders = false);
    /// Writes every row of the result to a file (off the UI thread).
    QFuture<Outcome<qint64>> exportTo(const QString &path, Format format);
    /// Why the cells cannot be edited here (shown when one is double-clicked).
    static QString readOnlyReason();

Q_SIGNALS:
    void exportFinished(const QString &path, bool ok, const QString &message);

protected:
    bool event(QEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void contextMenuEvent(QContextMenuEvent *e) override;

private:
    void chooseExport(Format format);
    void followScroll();
    ResultModel *m_model;
    RowWindowModel *m_window;
    qint64 m_topSourceRow = 0; // noted before the window slides
    bool m_sliding = false;
};

/// Runs a read-only query again and writes all its rows to path as CSV (as
/// sqlite3 -csv -header writes it) or JSON, atomically (QSaveFile). Runs on
/// a thread of its own; the Manager's pool serves the query, on the route
/// given. A statement that writes is refused, never run again.
QFuture<Outcome<qint64>> exportQuery(Manager *manager, const QString &database, const QString &sql,
                                     const QString &path, Format format, Route route = Route::Auto);

} // namespace Litehouse
