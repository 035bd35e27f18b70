#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace Litehouse {

class ResultModel;

/// A sliding window of at most capacity() rows over a ResultModel, for a
/// view. QTableView's vertical header keeps one entry per row and walks all
/// of them after every insert, so a view over ten million rows stalls the UI
/// for tens of milliseconds on every fetch. The window keeps the view's row
/// count bounded: when the visible rows come near one end of the window
/// and the result has more rows beyond it, the window slides by half its
/// size (rows removed at one end, added at the other, so selections and the
/// current cell follow their rows) and emits slid() so the view can keep
/// the same rows on screen. Row headers show the row's number in the whole
/// result. Results smaller than the window behave exactly like the source.
class RowWindowModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit RowWindowModel(ResultModel *source, QObject *parent = nullptr);

    ResultModel *source() const { return m_source; }
    /// The most rows the view ever holds (at least 1000).
    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    /// Row of the source shown at row 0 of the window.
    qint64 base() const { return m_base; }
    qint64 toSource(int row) const { return m_base + row; }

    /// Tells the window which of its rows are on screen; it slides when they
    /// come within an eighth of the capacity of either end and more rows
    /// exist beyond that end. Returns by how many rows it slid (positive:
    /// toward the end); slid() carries the same number.
    qint64 showRows(int first, int last);

    /// Brings a row of the source into the window, re-basing it around the
    /// row when it is far away (selections are dropped then), and returns
    /// the row's place in the window, or -1 when the source has no such row.
    int reveal(qint64 sourceRow);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// Emitted just before the window slides (rows are about to be removed
    /// and added), so a view can note which source row it shows at the top.
    void aboutToSlide();
    /// The window slid by delta rows (positive: toward the end).
    void slid(qint64 delta);

private:
    qint64 sourceRows() const;
    void reset();
    void onSourceRowsInserted(int first, int last);
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    qint64 slideForward();
    qint64 slideBack();

    QPointer<ResultModel> m_source;
    qint64 m_base = 0;
    int m_rows = 0;
    int m_capacity = 200000;
    int m_lastVisible = -1; // bottom row on screen at the last showRows()
};

} // namespace Litehouse
