#include "resultmodel.h"

#include "results/cellformat.h"
#include "util/futures.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace Litehouse {

namespace {
// The query as a subquery: without its final ';' (and comments after it).
QString asSubquery(QString sql)
{
    sql = sql.trimmed();
    while (sql.endsWith(QLatin1Char(';')))
        sql.chop(1);
    return QStringLiteral("SELECT * FROM (\n%1\n)").arg(sql);
}
} // namespace

ResultModel::ResultModel(QObject *parent) : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome<ResultSet>>::finished, this, &ResultModel::onChunk);
}

ResultModel::~ResultModel()
{
    m_cancel.cancel();
    m_countCancel.cancel();
}

void ResultModel::setQuery(Manager *manager, const QString &database, const QString &sql)
{
    m_manager = manager;
    m_database = database;
    m_sql = sql;
}

void ResultModel::clear()
{
    m_cancel.cancel();
    m_countCancel.cancel();
    beginResetModel();
    m_stream.reset();
    m_fetching = false;
    m_columns.clear();
    m_chunks.clear();
    m_rows = 0;
    m_cached = 0;
    m_total = -1;
    m_firstLoaded = 0;
    m_nextChunk = 0;
    m_reloading.clear();
    m_rerunnable = true;
    m_rerunRoute = Route::Auto;
    endResetModel();
}

void ResultModel::setStream(std::shared_ptr<QueryStream> stream)
{
    clear();
    beginResetModel();
    m_stream = std::move(stream);
    m_columns = m_stream ? m_stream->columns() : QStringList();
    m_rerunnable = !m_stream || m_stream->readOnly();
    m_rerunRoute = m_stream && m_stream->sessionBound() ? Route::Writer : Route::Auto;
    endResetModel();
    if (m_stream)
        fetchMore({});
}

void ResultModel::setResult(const ResultSet &rows)
{
    clear();
    beginResetModel();
    m_columns = rows.columns();
    if (rows.rowCount() > 0) {
        m_chunks.push_back({0, rows.rowCount(), rows, true});
        m_rows = m_cached = rows.rowCount();
    }
    m_total = m_rows;
    endResetModel();
}

int ResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(qMin<qint64>(m_rows, std::numeric_limits<int>::max()));
}

int ResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section < m_columns.size() ? QVariant(m_columns.at(section)) : QVariant();
    return section + 1;
}

int ResultModel::chunkFor(qint64 row) const
{
    auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), row,
                               [](qint64 r, const Chunk &c) { return r < c.start; });
    return int(std::distance(m_chunks.begin(), it)) - 1;
}

const Value *ResultModel::valueAt(int row, int column) const
{
    const int ci = chunkFor(row);
    if (ci < 0)
        return nullptr;
    const Chunk &c = m_chunks[size_t(ci)];
    if (!c.loaded) {
        reload(ci);
        return nullptr;
    }
    return &c.data.at(row - c.start, column);
}

QVariant ResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const Value *pv = valueAt(index.row(), index.column());
    if (!pv)
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    return cellData(*pv, role);
}

bool ResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_stream && !m_stream->atEnd() && !m_fetching;
}

void ResultModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_stream || m_fetching || m_stream->atEnd())
        return;
    m_fetching = true;
    m_cancel = CancelToken();
    m_asked = qMax(m_chunk, m_nextChunk);
    m_fetchClock.start();
    m_watcher.setFuture(m_stream->fetch(m_asked, m_cancel));
    Q_EMIT fetchingChanged(true);
}

void ResultModel::cancelFetch()
{
    m_cancel.cancel();
}

void ResultModel::onChunk()
{
    m_fetching = false;
    Q_EMIT fetchingChanged(false);
    const Outcome<ResultSet> r = m_watcher.result();
    if (!r) {
        if (r.error().kind() != Error::Kind::Interrupted)
            Q_EMIT fetchFailed(r.error().message());
        return;
    }
    const ResultSet &rs = r.value();
    // A view that keeps asking (the user holds End, or drags to the bottom)
    // gets bigger chunks while they come back within a frame, so that the
    // UI thread is not woken per small chunk faster than it can paint.
    const qint64 tookMs = m_fetchClock.elapsed();
    if (rs.rowCount() == m_asked && tookMs < 8)
        m_nextChunk = int(qMin<qint64>(qMin(m_asked * 2, m_chunk * 32), m_maxCached / 4)); // 4 fit in the cache
    else if (tookMs > 32)
        m_nextChunk = qMax(m_chunk, m_asked / 2);
    if (rs.rowCount() > 0) {
        beginInsertRows({}, int(m_rows), int(m_rows + rs.rowCount() - 1));
        m_chunks.push_back({m_rows, rs.rowCount(), rs, true});
        m_rows += rs.rowCount();
        m_cached += rs.rowCount();
        endInsertRows();
        evictFarFrom(int(m_chunks.size()) - 1);
    }
    if (atEnd() && m_total < 0) {
        m_total = m_rows;
        Q_EMIT totalCountKnown(m_total);
    }
    Q_EMIT rowsFetched(m_rows, atEnd());
}

void ResultModel::evictFarFrom(int keep)
{
    if (!canRerun())
        return; // nothing to reload from: keep everything
    while (m_cached > m_maxCached) {
        // The loaded chunk furthest from keep is the first or the last
        // loaded one; dropped chunks before m_firstLoaded are not looked at
        // again (a scroll to the end of 10M rows drops thousands).
        int lo = m_firstLoaded;
        while (lo < int(m_chunks.size()) && !m_chunks[size_t(lo)].loaded)
            ++lo;
        m_firstLoaded = lo;
        int hi = int(m_chunks.size()) - 1;
        while (hi > lo && !m_chunks[size_t(hi)].loaded)
            --hi;
        if (lo >= int(m_chunks.size()))
            return;
        const int far = std::abs(lo - keep) >= std::abs(hi - keep) ? lo : hi;
        if (far == keep)
            return;
        Chunk &c = m_chunks[size_t(far)];
        c.data = ResultSet();
        c.loaded = false;
        m_cached -= c.rows;
    }
}

void ResultModel::reload(int ci) const
{
    if (m_reloading.count(ci) || !canRerun())
        return;
    m_reloading.insert(ci);
    const Chunk &c = m_chunks[size_t(ci)];
    ExecOptions o;
    o.route = m_rerunRoute;
    o.record = false; // scrolling is not an operation of the user's
    auto *self = const_cast<ResultModel *>(this);
    whenDone(self, m_manager->execute(m_database, asSubquery(m_sql) + QStringLiteral(" LIMIT ? OFFSET ?"),
                                      Params{Value(c.rows), Value(c.start)}, o),
             [self, ci](const Outcome<StatementResult> &r) {
                 self->m_reloading.erase(ci);
                 if (ci >= int(self->m_chunks.size()))
                     return;
                 Chunk &chunk = self->m_chunks[size_t(ci)];
                 if (!r || r.value().rows.rowCount() != chunk.rows) {
                     Q_EMIT self->fetchFailed(r ? tr("The rows changed since the query ran; run it again.")
                                                : r.error().message());
                     return;
                 }
                 chunk.data = r.value().rows;
                 chunk.loaded = true;
                 self->m_firstLoaded = qMin(self->m_firstLoaded, ci);
                 self->m_cached += chunk.rows;
                 self->evictFarFrom(ci);
                 Q_EMIT self->dataChanged(self->index(int(chunk.start), 0),
                                          self->index(int(chunk.start + chunk.rows - 1), self->columnCount() - 1));
             });
}

void ResultModel::countRows()
{
    if (!canRerun() || m_total >= 0)
        return;
    m_countCancel = CancelToken();
    ExecOptions o;
    o.route = m_rerunRoute;
    o.cancel = m_countCancel;
    o.record = false;
    QString sql = m_sql.trimmed();
    while (sql.endsWith(QLatin1Char(';')))
        sql.chop(1);
    whenDone(this, m_manager->execute(m_database, QStringLiteral("SELECT count(*) FROM (\n%1\n)").arg(sql), {}, o),
             [this](const Outcome<StatementResult> &r) {
                 if (r && r.value().rows.rowCount() == 1) {
                     m_total = r.value().rows.at(0, 0).toInt();
                     Q_EMIT totalCountKnown(m_total);
                 }
             });
}

} // namespace Litehouse
