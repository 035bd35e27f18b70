#pragma once

#include <core/canceltoken.h>
#include <core/querystream.h>

#include <QAbstractTableModel>
#include <QFutureWatcher>

#include <memory>

namespace Litehouse {

/// Rows of a QueryStream for a view: the first chunk shows at once, more
/// arrive as the view scrolls (canFetchMore/fetchMore), each chunk fetched
/// off the UI thread. NULL is shown apart from the empty string; BLOBs as
/// their size and a hex preview.
class ResultModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit ResultModel(QObject *parent = nullptr);
    ~ResultModel() override;

    /// Shows a new stream (closing the previous one) and fetches its first chunk.
    void setStream(std::shared_ptr<QueryStream> stream);
    /// Shows a complete result.
    void setResult(const ResultSet &rows);
    void clear();
    /// Rows fetched per chunk.
    void setChunkSize(int rows) { m_chunk = rows; }
    int chunkSize() const { return m_chunk; }
    bool isFetching() const { return m_fetching; }
    /// Stops a chunk being fetched (the stream ends there).
    void cancelFetch() { m_cancel.cancel(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// A chunk arrived; total is the number of rows shown so far.
    void rowsFetched(qint64 total, bool atEnd);
    void fetchFailed(const QString &message);
    /// A chunk started or stopped being fetched (Cancel applies while true).
    void fetchingChanged(bool fetching);

private:
    void onChunk();

    std::shared_ptr<QueryStream> m_stream;
    QStringList m_columns;
    std::vector<ResultSet> m_chunks;
    std::vector<qint64> m_starts; // first row index of each chunk
    qint64 m_rows = 0;
    bool m_fetching = false; // until the chunk's result is handled, not just computed
    int m_chunk = 500;
    CancelToken m_cancel;
    QFutureWatcher<Outcome<ResultSet>> m_watcher;
};

} // namespace Litehouse
