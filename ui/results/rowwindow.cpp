#include "rowwindow.h"

#include "resultmodel.h"

namespace Litehouse {

RowWindowModel::RowWindowModel(ResultModel *source, QObject *parent) : QAbstractTableModel(parent), m_source(source)
{
    m_rows = int(qMin<qint64>(sourceRows(), m_capacity));
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
    connect(source, &QAbstractItemModel::modelReset, this, [this] {
        m_base = 0;
        m_rows = int(qMin<qint64>(sourceRows(), m_capacity));
        m_lastVisible = -1;
        endResetModel();
    });
    connect(source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onSourceRowsInserted(first, last); });
    connect(source, &QAbstractItemModel::dataChanged, this, &RowWindowModel::onSourceDataChanged);
    connect(source, &QAbstractItemModel::headerDataChanged, this, [this](Qt::Orientation o, int first, int last) {
        if (o == Qt::Horizontal)
            Q_EMIT headerDataChanged(o, first, last);
    });
}

void RowWindowModel::setCapacity(int rows)
{
    beginResetModel();
    m_capacity = qMax(rows, 1000);
    m_base = 0;
    m_rows = int(qMin<qint64>(sourceRows(), m_capacity));
    m_lastVisible = -1;
    endResetModel();
}

qint64 RowWindowModel::sourceRows() const
{
    return m_source ? m_source->rowCount() : 0;
}

int RowWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RowWindowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

QVariant RowWindowModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_source || index.row() >= m_rows)
        return {};
    return m_source->data(m_source->index(int(m_base + index.row()), index.column()), role);
}

QVariant RowWindowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_source)
        return {};
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(qlonglong(m_base + section + 1)) : QVariant();
    return m_source->headerData(section, orientation, role);
}

bool RowWindowModel::canFetchMore(const QModelIndex &parent) const
{
    // Rows already fetched beyond the window come by sliding, not fetching.
    return !parent.isValid() && m_source && m_base + m_rows >= sourceRows() && m_source->canFetchMore({});
}

void RowWindowModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_source->fetchMore({});
}

void RowWindowModel::onSourceRowsInserted(int first, int last)
{
    // The source only ever appends. Rows join the window while it has room
    // and ends at the source's old end; otherwise they wait beyond it.
    if (m_base + m_rows == first && m_rows < m_capacity) {
        const int add = qMin(m_capacity - m_rows, last - first + 1);
        beginInsertRows({}, m_rows, m_rows + add - 1);
        m_rows += add;
        endInsertRows();
    }
    // A view parked at the bottom of a full window asked for these rows:
    // bring them in.
    if (m_lastVisible >= 0 && m_rows == m_capacity && m_lastVisible >= m_rows - m_capacity / 8)
        slideForward();
}

void RowWindowModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                         const QList<int> &roles)
{
    const qint64 first = qMax<qint64>(topLeft.row(), m_base);
    const qint64 last = qMin<qint64>(bottomRight.row(), m_base + m_rows - 1);
    if (first > last)
        return;
    Q_EMIT dataChanged(index(int(first - m_base), topLeft.column()), index(int(last - m_base), bottomRight.column()),
                       roles);
}

qint64 RowWindowModel::showRows(int first, int last)
{
    m_lastVisible = last;
    const int margin = m_capacity / 8;
    if (last >= m_rows - margin && m_base + m_rows < sourceRows())
        return slideForward();
    if (first < margin && m_base > 0)
        return slideBack();
    return 0;
}

int RowWindowModel::reveal(qint64 sourceRow)
{
    const qint64 total = sourceRows();
    if (sourceRow < 0 || sourceRow >= total)
        return -1;
    if (sourceRow < m_base || sourceRow >= m_base + m_rows) {
        beginResetModel();
        m_base = qBound<qint64>(0, sourceRow - m_capacity / 2, qMax<qint64>(0, total - m_capacity));
        m_rows = int(qMin<qint64>(total - m_base, m_capacity));
        m_lastVisible = -1;
        endResetModel();
    }
    return int(sourceRow - m_base);
}

qint64 RowWindowModel::slideForward()
{
    const int by = int(qMin<qint64>(m_capacity / 2, sourceRows() - (m_base + m_rows)));
    if (by <= 0)
        return 0;
    Q_EMIT aboutToSlide();
    // Drop rows at the top only as far as needed to stay within capacity.
    const int drop = qMax(0, m_rows + by - m_capacity);
    if (drop > 0) {
        beginRemoveRows({}, 0, drop - 1);
        m_base += drop;
        m_rows -= drop;
        endRemoveRows();
    }
    beginInsertRows({}, m_rows, m_rows + by - 1);
    m_rows += by;
    endInsertRows();
    m_lastVisible = qMax(-1, m_lastVisible - drop);
    if (m_rows > 0)
        Q_EMIT headerDataChanged(Qt::Vertical, 0, m_rows - 1);
    Q_EMIT slid(drop);
    return drop;
}

qint64 RowWindowModel::slideBack()
{
    const int by = int(qMin<qint64>(m_capacity / 2, m_base));
    if (by <= 0)
        return 0;
    Q_EMIT aboutToSlide();
    const int drop = qMax(0, m_rows + by - m_capacity);
    if (drop > 0) {
        beginRemoveRows({}, m_rows - drop, m_rows - 1);
        m_rows -= drop;
        endRemoveRows();
    }
    beginInsertRows({}, 0, by - 1);
    m_base -= by;
    m_rows += by;
    endInsertRows();
    m_lastVisible = qMin(m_rows - 1, m_lastVisible + by);
    Q_EMIT headerDataChanged(Qt::Vertical, 0, m_rows - 1);
    Q_EMIT slid(-by);
    return -by;
}

} // namespace Litehouse
