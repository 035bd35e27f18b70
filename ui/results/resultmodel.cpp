#include "resultmodel.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace Litehouse {

ResultModel::ResultModel(QObject *parent) : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome<ResultSet>>::finished, this, &ResultModel::onChunk);
}

ResultModel::~ResultModel()
{
    m_cancel.cancel();
}

void ResultModel::clear()
{
    m_cancel.cancel();
    beginResetModel();
    m_stream.reset();
    m_fetching = false;
    m_columns.clear();
    m_chunks.clear();
    m_starts.clear();
    m_rows = 0;
    endResetModel();
}

void ResultModel::setStream(std::shared_ptr<QueryStream> stream)
{
    clear();
    beginResetModel();
    m_stream = std::move(stream);
    m_columns = m_stream ? m_stream->columns() : QStringList();
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
        m_chunks.push_back(rows);
        m_starts.push_back(0);
        m_rows = rows.rowCount();
    }
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

QVariant ResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    // Chunks are in row order: find the last chunk starting at or before the row.
    auto it = std::upper_bound(m_starts.begin(), m_starts.end(), qint64(index.row()));
    const size_t ci = size_t(std::distance(m_starts.begin(), it) - 1);
    const Value &v = m_chunks[ci].at(index.row() - m_starts[ci], index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (v.isNull())
            return QStringLiteral("NULL");
        if (v.type() == Value::Type::Blob) {
            const QByteArray b = v.bytes();
            return tr("BLOB %n byte(s): %1", nullptr, int(b.size()))
                .arg(QString::fromLatin1(b.left(16).toHex(' ')) + (b.size() > 16 ? QStringLiteral(" …") : QString()));
        }
        {
            QString s = v.toString();
            if (s.size() > 500)
                s = s.left(500) + QStringLiteral("…");
            return s;
        }
    case Qt::EditRole:
        return v.toVariant();
    case Qt::ForegroundRole:
        if (v.isNull() || v.type() == Value::Type::Blob)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (v.isNull()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (v.type() == Value::Type::Integer || v.type() == Value::Type::Real)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (v.isNull())
            return tr("NULL (no value)");
        if (v.type() == Value::Type::Text && v.bytes().isEmpty())
            return tr("empty text");
        return {};
    default:
        return {};
    }
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
    m_watcher.setFuture(m_stream->fetch(m_chunk, m_cancel));
    Q_EMIT fetchingChanged(true);
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
    if (rs.rowCount() > 0) {
        beginInsertRows({}, int(m_rows), int(m_rows + rs.rowCount() - 1));
        m_starts.push_back(m_rows);
        m_chunks.push_back(rs);
        m_rows += rs.rowCount();
        endInsertRows();
    }
    Q_EMIT rowsFetched(m_rows, !m_stream || m_stream->atEnd());
}

} // namespace Litehouse
