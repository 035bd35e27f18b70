#pragma once

#include <core/canceltoken.h>
#include <core/manager.h>
#include <core/querystream.h>

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QFutureWatcher>

#include <memory>
#include <set>

namespace Litehouse {

/// Rows of a query for a view. The first chunk shows at once; more arrive
/// as the view scrolls (canFetchMore/fetchMore), each chunk fetched off the
/// UI thread. Memory stays bounded: past maxCachedRows the chunks furthest
/// from the one in view are dropped and read again (LIMIT/OFFSET on a
/// reader) when the user scrolls back. The total row count is computed in
/// the background on request and can be cancelled. NULL is shown apart from
/// the empty string; BLOBs as their size and a hex preview.
class ResultModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit ResultModel(QObject *parent = nullptr);
    ~ResultModel() override;

    /// The query behind the rows, for reloading dropped chunks, counting and export.
    void setQuery(Manager *manager, const QString &database, const QString &sql);
    QString sql() const { return m_sql; }
    QString database() const { return m_database; }
    Manager *manager() const { return m_manager; }
    /// Shows a new stream (closing the previous one) and fetches its first
    /// chunk. The stream decides whether its query may run again: a
    /// statement that writes never does (its rows all stay in memory, and
    /// export writes them), and one that read session state runs again on
    /// the session (the writer) instead of a reader.
    void setStream(std::shared_ptr<QueryStream> stream);
    /// Shows a complete result.
    void setResult(const ResultSet &rows);
    void clear();
    /// Rows of the first chunk; later chunks grow (up to 32 times this)
    /// while they come back faster than a frame.
    void setChunkSize(int rows) { m_chunk = rows; }
    int chunkSize() const { return m_chunk; }
    void setMaxCachedRows(qint64 rows) { m_maxCached = qMax<qint64>(rows, m_chunk * 4); }
    /// Rows held in memory now.
    qint64 cachedRows() const { return m_cached; }
    bool isFetching() const { return m_fetching; }
    /// True once every row of the query has been seen.
    bool atEnd() const { return !m_stream || m_stream->atEnd(); }
    /// Stops a chunk being fetched (the stream ends there).
    void cancelFetch();
    /// Starts counting every row in the background (cancellable).
    void countRows();
    void cancelCount() { m_countCancel.cancel(); }
    /// The total, or -1 while unknown.
    qint64 totalCount() const { return m_total; }
    /// The value behind a cell (reloading its chunk if needed returns nullptr).
    const Value *valueAt(int row, int column) const;
    const QStringList &columns() const { return m_columns; }
    /// True when the query may run again (to reload, count or export its rows).
    bool canRerun() const { return m_manager && !m_sql.isEmpty() && m_rerunnable; }
    /// Where running the query again belongs (see setStream()).
    Route rerunRoute() const { return m_rerunRoute; }

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
    void totalCountKnown(qint64 total);

private:
    struct Chunk
    {
        qint64 start = 0;
        qint64 rows = 0;
        ResultSet data;   // empty while dropped
        bool loaded = true;
    };
    void onChunk();
    int chunkFor(qint64 row) const;
    void evictFarFrom(int keep);
    void reload(int chunk) const;

    Manager *m_manager = nullptr;
    QString m_database;
    QString m_sql;
    std::shared_ptr<QueryStream> m_stream;
    QStringList m_columns;
    std::vector<Chunk> m_chunks;
    qint64 m_rows = 0;
    qint64 m_cached = 0;
    qint64 m_maxCached = 200000;
    qint64 m_total = -1;
    int m_chunk = 500;
    int m_nextChunk = 0;   // the next chunk's size once chunks grow (0: m_chunk)
    int m_asked = 0;       // rows asked for by the fetch in flight
    int m_firstLoaded = 0; // no chunk before this one is loaded
    QElapsedTimer m_fetchClock;
    bool m_rerunnable = true;
    Route m_rerunRoute = Route::Auto;
    bool m_fetching = false; // until the chunk's result is handled, not just computed
    CancelToken m_cancel;
    CancelToken m_countCancel;
    mutable std::set<int> m_reloading;
    QFutureWatcher<Outcome<ResultSet>> m_watcher;
};

} // namespace Litehouse
