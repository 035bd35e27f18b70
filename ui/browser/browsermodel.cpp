#include "browsermodel.h"

#include "results/cellformat.h"

#include "util/futures.h"

#include <core/querystream.h>
#include <core/schema/catalog.h>

#include <QColor>
#include <QHash>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace Litehouse {

using QB = QueryBuilder;
using Cond = QueryBuilder::Condition;

namespace {

ExecOptions browsing()
{
    ExecOptions o;
    o.route = Route::Auto; // sees an open transaction's rows on the writer, else a reader
    o.record = false;      // paging is not something the user typed
    return o;
}

// SQLite's affinity rules (section 3.1 of the datatype page): TEXT affinity?
bool hasTextAffinity(const QString &declared)
{
    const QString t = declared.toUpper();
    if (t.contains(QLatin1String("INT")))
        return false;
    return t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) || t.contains(QLatin1String("TEXT"));
}

// Rows after (or, descending, before) a key of NOT NULL columns, written out:
// k1 > a OR (k1 = a AND k2 > b) OR ...
Cond keyBeyond(const QStringList &columns, const QList<Value> &values, QB::Order order)
{
    const QB::Op beyond = order == QB::Order::Asc ? QB::Op::Gt : QB::Op::Lt;
    QList<Cond> alternatives;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QList<Cond> all;
        for (qsizetype j = 0; j < i; ++j)
            all << Cond::compare(columns.at(j), QB::Op::Eq, values.at(j));
        all << Cond::compare(columns.at(i), beyond, values.at(i));
        alternatives << Cond::allOf(all);
    }
    return Cond::anyOf(alternatives);
}

} // namespace

BrowserModel::BrowserModel(Manager *manager, const QString &database, const QString &table, QObject *parent)
    : QAbstractTableModel(parent), m_manager(manager), m_database(database), m_table(table), m_undo(new QUndoStack(this))
{
}

BrowserModel::~BrowserModel() = default;

void BrowserModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
    if (m_loaded)
        restart();
}

void BrowserModel::load()
{
    const quint64 gen = ++m_generation;
    m_loaded = false;
    whenDone(this, readCatalog(*m_manager, m_database, Route::Auto, m_table), [this, gen](const Outcome<Catalog> &r) {
        if (gen != m_generation)
            return;
        if (!r) {
            fail(r.error().message());
            return;
        }
        const Catalog &cat = r.value();
        QList<ColumnDesc> columns;
        bool withoutRowid = false;
        if (const TableInfo *t = cat.table(m_table)) {
            m_view = false;
            withoutRowid = t->desc.withoutRowid;
            // As SELECT * reads them: generated and hidden columns are not paged by.
            for (const ColumnDesc &c : t->desc.columns)
                if (!c.isGenerated() && !c.hidden)
                    columns << c;
        } else if (const ObjectInfo *v = cat.view(m_table)) {
            m_view = true;
            if (!v->error.isEmpty()) {
                fail(v->error);
                return;
            }
            columns = v->columns;
        } else {
            fail(tr("There is no table or view named “%1” in this database.").arg(m_table));
            return;
        }
        QStringList newColumns;
        for (const ColumnDesc &c : std::as_const(columns))
            newColumns << c.name;
        beginResetModel();
        // Pending edits name columns by position: they stay only while
        // the columns do (the shape is read again after any DDL).
        if (newColumns != m_columns && hasPendingChanges()) {
            m_pending = {};
            m_undo->clear();
            Q_EMIT pendingChanged();
        }
        // Rows read with the old columns must not be shown under the new ones.
        m_pages.clear();
        m_rows = 0;
        m_lastKey.clear();
        m_columns.clear();
        m_types.clear();
        m_notNull.clear();
        QList<QPair<int, QString>> pk;
        for (const ColumnDesc &c : std::as_const(columns)) {
            m_columns << c.name;
            m_types << c.type;
            m_notNull << c.notNull;
            if (c.primaryKey > 0)
                pk.append({c.primaryKey, c.name});
        }
        std::sort(pk.begin(), pk.end());
        m_keyColumns.clear();
        m_keyIndexes.clear();
        m_selectColumns = m_columns;
        m_firstShown = 0;
        if (!m_view && withoutRowid) {
            for (const auto &p : pk) {
                m_keyColumns << p.second;
                m_keyIndexes << int(m_columns.indexOf(p.second));
                m_notNull[m_columns.indexOf(p.second)] = true; // a WITHOUT ROWID key is never NULL
            }
        } else if (!m_view) {
            // The rowid, by a name no column hides.
            for (const char *alias : {"rowid", "_rowid_", "oid"}) {
                const QString a = QLatin1String(alias);
                if (!m_columns.contains(a, Qt::CaseInsensitive)) {
                    m_keyColumns << a;
                    break;
                }
            }
            if (!m_keyColumns.isEmpty()) {
                m_selectColumns.prepend(m_keyColumns.first());
                m_firstShown = 1;
                m_keyIndexes << 0;
                // An INTEGER PRIMARY KEY is the rowid: never NULL.
                if (pk.size() == 1) {
                    const int c = int(m_columns.indexOf(pk.first().second));
                    if (m_types.at(c).compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                        m_notNull[c] = true;
                }
            }
        }
        // Without a key (a view, or every rowid name taken by a column) rows come from one cursor.
        if (m_keyColumns.isEmpty())
            m_view = true;
        m_filterTexts = QStringList(m_columns.size(), QString());
        m_filters.clear();
        m_sortColumn = -1;
        m_loaded = true;
        endResetModel();
        Q_EMIT shapeLoaded();
        restart();
    });
}

void BrowserModel::reload()
{
    if (m_loaded)
        restart();
    else
        load();
}

void BrowserModel::setSort(int column, Qt::SortOrder order)
{
    if (column >= m_columns.size())
        column = -1;
    if (column == m_sortColumn && (column < 0 || order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (m_loaded)
        restart();
}

QString BrowserModel::setFilter(int column, const QString &text)
{
    QStringList texts = m_filterTexts;
    if (column < 0 || column >= texts.size())
        return {};
    texts[column] = text;
    return setFilters(texts);
}

QString BrowserModel::setFilters(const QStringList &texts)
{
    QString errors;
    QList<Cond> filters;
    for (qsizetype i = 0; i < m_columns.size() && i < texts.size(); ++i) {
        QString error;
        if (auto c = parseFilter(m_columns.at(i), texts.at(i), hasTextAffinity(m_types.at(i)), &error))
            filters << *c;
        else if (!error.isEmpty())
            errors += (errors.isEmpty() ? QString() : QStringLiteral("\n")) + m_columns.at(i) + QStringLiteral(": ") + error;
    }
    const bool changed = texts != m_filterTexts;
    m_filterTexts = texts;
    m_filterTexts.resize(m_columns.size());
    m_filters = filters;
    if (changed && m_loaded)
        restart();
    return errors;
}

std::optional<Cond> BrowserModel::parseFilter(const QString &column, const QString &text, bool textual, QString *error)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const QString lower = t.toLower().simplified();
    if (lower == QLatin1String("is null"))
        return Cond::isNull(column);
    if (lower == QLatin1String("not null") || lower == QLatin1String("is not null"))
        return Cond::isNotNull(column);
    static const QList<QPair<QString, QB::Op>> ops = {
        {QStringLiteral("<="), QB::Op::Le}, {QStringLiteral(">="), QB::Op::Ge}, {QStringLiteral("<>"), QB::Op::Ne},
        {QStringLiteral("!="), QB::Op::Ne}, {QStringLiteral("=="), QB::Op::Eq}, {QStringLiteral("="), QB::Op::Eq},
        {QStringLiteral("<"), QB::Op::Lt},  {QStringLiteral(">"), QB::Op::Gt}};
    for (const auto &[prefix, op] : ops) {
        if (!t.startsWith(prefix))
            continue;
        QString rest = t.mid(prefix.size()).trimmed();
        if (rest.isEmpty()) {
            if (error)
                *error = tr("“%1” needs a value after it").arg(prefix);
            return std::nullopt;
        }
        // 'quoted' is always text, with '' read as one quote.
        if (rest.size() >= 2 && rest.startsWith(QLatin1Char('\'')) && rest.endsWith(QLatin1Char('\''))) {
            rest = rest.mid(1, rest.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
            return Cond::compare(column, op, Value(rest));
        }
        return Cond::compare(column, op, textual ? Value(rest) : Value::fromLiteral(rest));
    }
    return Cond::contains(column, t);
}

QString BrowserModel::sqlLiteral(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("NULL");
    case Value::Type::Integer:
        return QString::number(v.toInt());
    case Value::Type::Real: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return QStringLiteral("NULL");
        if (std::isinf(d))
            return d > 0 ? QStringLiteral("9e999") : QStringLiteral("-9e999");
        QString s = formatReal(d);
        if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')) && !s.contains(QLatin1Char('E')))
            s += QStringLiteral(".0");
        return s;
    }
    case Value::Type::Text: {
        QString s = v.toString();
        s.replace(QLatin1Char('\''), QStringLiteral("''"));
        return QLatin1Char('\'') + s + QLatin1Char('\'');
    }
    case Value::Type::Blob:
        return QStringLiteral("X'%1'").arg(QString::fromLatin1(v.bytes().toHex()).toUpper());
    }
    return QStringLiteral("NULL");
}

QString BrowserModel::inlineParams(const QString &sql, const Params &params)
{
    QString out;
    out.reserve(sql.size() + 32);
    qsizetype next = 0; // the next positional parameter
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            qsizetype j = i + 1;
            while (j < sql.size()) {
                if (sql.at(j) == close) {
                    if (close != QLatin1Char(']') && j + 1 < sql.size() && sql.at(j + 1) == close) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            out += sql.mid(i, j - i + 1);
            i = j;
        } else if (c == QLatin1Char('-') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('-')) {
            const qsizetype j = sql.indexOf(QLatin1Char('\n'), i);
            const qsizetype end = j < 0 ? sql.size() : j;
            out += sql.mid(i, end - i);
            i = end - 1;
        } else if (c == QLatin1Char('/') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('*')) {
            const qsizetype j = sql.indexOf(QStringLiteral("*/"), i + 2);
            const qsizetype end = j < 0 ? sql.size() : j + 2;
            out += sql.mid(i, end - i);
            i = end - 1;
        } else if (c == QLatin1Char('?')) {
            qsizetype j = i + 1;
            while (j < sql.size() && sql.at(j).isDigit())
                ++j;
            const qsizetype index = j > i + 1 ? sql.mid(i + 1, j - i - 1).toLongLong() - 1 : next;
            next = index + 1;
            out += index >= 0 && index < params.positional.size() ? sqlLiteral(params.positional.at(index))
                                                                   : sql.mid(i, j - i);
            i = j - 1;
        } else {
            out += c;
        }
    }
    return out;
}

bool BrowserModel::sortColumnNullable() const
{
    return m_sortColumn >= 0 && !m_notNull.value(m_sortColumn);
}

Outcome<BuiltQuery> BrowserModel::pageQuery() const
{
    QB b = QB::select(m_table).columns(m_selectColumns);
    for (const Cond &f : m_filters)
        b.where(f);
    const QB::Order dir = m_sortOrder == Qt::AscendingOrder ? QB::Order::Asc : QB::Order::Desc;
    const bool continuing = !m_lastKey.isEmpty();
    if (m_view) {
        if (m_sortColumn >= 0)
            b.orderBy(m_columns.at(m_sortColumn), dir);
        return b.build();
    }
    if (m_sortColumn >= 0) {
        const QString sort = m_columns.at(m_sortColumn);
        b.orderBy(sort, dir);
        for (const QString &k : m_keyColumns)
            b.orderBy(k, dir);
        if (continuing) {
            const Value &last = m_lastKey.first();
            const QList<Value> key = m_lastKey.mid(1);
            if (!sortColumnNullable()) {
                b.after(QStringList{sort} + m_keyColumns, m_lastKey, dir);
            } else if (dir == QB::Order::Asc) {
                // NULLs sort first: after a NULL come the remaining NULLs, then every value.
                b.where(last.isNull() ? Cond::anyOf({Cond::allOf({Cond::isNull(sort), keyBeyond(m_keyColumns, key, dir)}),
                                                     Cond::isNotNull(sort)})
                                      : Cond::anyOf({Cond::compare(sort, QB::Op::Gt, last),
                                                     Cond::allOf({Cond::compare(sort, QB::Op::Eq, last),
                                                                  keyBeyond(m_keyColumns, key, dir)})}));
            } else {
                // Descending, NULLs come last.
                b.where(last.isNull() ? Cond::allOf({Cond::isNull(sort), keyBeyond(m_keyColumns, key, dir)})
                                      : Cond::anyOf({Cond::compare(sort, QB::Op::Lt, last),
                                                     Cond::allOf({Cond::compare(sort, QB::Op::Eq, last),
                                                                  keyBeyond(m_keyColumns, key, dir)}),
                                                     Cond::isNull(sort)}));
            }
        }
    } else {
        for (const QString &k : m_keyColumns)
            b.orderBy(k);
        if (continuing)
            b.after(m_keyColumns, m_lastKey);
    }
    b.limit(m_pageSize);
    return b.build();
}

QString BrowserModel::editorSql() const
{
    if (m_firstSql.isEmpty())
        return {};
    return inlineParams(m_firstSql, m_firstParams) + QLatin1Char(';');
}

void BrowserModel::restart()
{
    ++m_generation;
    beginResetModel();
    m_pages.clear();
    m_rows = 0;
    m_lastKey.clear();
    m_atEnd = false;
    m_stream.reset();
    endResetModel();
    if (m_fetching) {
        m_fetching = false;
        Q_EMIT fetchingChanged(false);
    }
    fetchPage();
}

void BrowserModel::fail(const QString &message)
{
    m_atEnd = true;
    if (m_fetching) {
        m_fetching = false;
        Q_EMIT fetchingChanged(false);
    }
    Q_EMIT failed(message);
}

void BrowserModel::fetchPage()
{
    if (!m_loaded || m_fetching || m_atEnd)
        return;
    const quint64 gen = m_generation;
    m_fetching = true;
    Q_EMIT fetchingChanged(true);
    auto fetchChunk = [this, gen](std::shared_ptr<QueryStream> stream) {
        whenDone(this, stream->fetch(m_pageSize), [this, gen, stream](const Outcome<ResultSet> &chunk) {
            if (gen != m_generation)
                return;
            if (!chunk) {
                fail(chunk.error().message());
                return;
            }
            addPage(chunk.value());
            if (stream->atEnd())
                m_atEnd = true;
        });
    };
    if (m_view && m_stream) {
        fetchChunk(m_stream);
        return;
    }
    auto q = pageQuery();
    if (!q) {
        fail(q.error().message());
        return;
    }
    m_lastSql = q.value().sql;
    m_lastParams = q.value().params;
    if (m_rows == 0) {
        m_firstSql = m_lastSql;
        m_firstParams = m_lastParams;
        Q_EMIT queryChanged(m_firstSql, m_firstParams);
    }
    if (m_view) {
        whenDone(this, m_manager->stream(m_database, m_lastSql, m_lastParams, browsing()),
                 [this, gen, fetchChunk](const Outcome<std::shared_ptr<QueryStream>> &s) {
                     if (gen != m_generation)
                         return;
                     if (!s) {
                         fail(s.error().message());
                         return;
                     }
                     m_stream = s.value();
                     fetchChunk(m_stream);
                 });
        return;
    }
    whenDone(this, m_manager->execute(m_database, m_lastSql, m_lastParams, browsing()),
             [this, gen](const Outcome<StatementResult> &r) {
                 if (gen != m_generation)
                     return;
                 if (!r) {
                     fail(r.error().message());
                     return;
                 }
                 addPage(r.value().rows);
             });
}

void BrowserModel::addPage(ResultSet rows)
{
    m_fetching = false;
    const qint64 n = rows.rowCount();
    if (n < m_pageSize)
        m_atEnd = true;
    if (n > 0) {
        if (!m_view) {
            m_lastKey.clear();
            if (m_sortColumn >= 0)
                m_lastKey << rows.at(n - 1, m_firstShown + m_sortColumn);
            for (int k : m_keyIndexes)
                m_lastKey << rows.at(n - 1, k);
        }
        const int first = int(m_pending.inserted.size() + m_rows);
        beginInsertRows({}, first, int(first + n - 1));
        m_pages.push_back({m_rows, std::move(rows)});
        m_rows += n;
        endInsertRows();
    }
    Q_EMIT fetchingChanged(false);
    Q_EMIT pageLoaded(m_rows, m_atEnd);
}

qint64 BrowserModel::pageRow(int row) const
{
    return qint64(row) - m_pending.inserted.size();
}

const Value *BrowserModel::pageValue(qint64 row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_selectColumns.size())
        return nullptr;
    auto it = std::upper_bound(m_pages.begin(), m_pages.end(), row, [](qint64 r, const Page &p) { return r < p.start; });
    if (it == m_pages.begin())
        return nullptr;
    --it;
    return &it->rows.at(row - it->start, column);
}

QList<Value> BrowserModel::pageKey(qint64 row) const
{
    QList<Value> key;
    for (int k : m_keyIndexes) {
        const Value *v = pageValue(row, k);
        key << (v ? *v : Value());
    }
    return key;
}

QByteArray BrowserModel::keyId(const QList<Value> &key)
{
    // Type and bytes of each value: 1 and 1.0 are different keys, as in SQLite.
    QByteArray id;
    for (const Value &v : key) {
        id += char('0' + int(v.type()));
        const QByteArray b = v.type() == Value::Type::Text || v.type() == Value::Type::Blob ? v.bytes() : v.toString().toUtf8();
        id += QByteArray::number(b.size()) + ':' + b;
    }
    return id;
}

const BrowserModel::PendingRow *BrowserModel::pendingFor(qint64 row) const
{
    if (m_pending.rows.empty() || m_view)
        return nullptr;
    auto it = m_pending.rows.find(keyId(pageKey(row)));
    return it == m_pending.rows.end() ? nullptr : &it->second;
}

const Value *BrowserModel::valueAt(int row, int column) const
{
    if (row < 0 || column < 0 || column >= m_columns.size())
        return nullptr;
    if (row < m_pending.inserted.size()) {
        const auto &values = m_pending.inserted.at(row);
        auto it = values.find(column);
        return it == values.end() ? nullptr : &it->second;
    }
    const qint64 r = pageRow(row);
    if (const PendingRow *p = pendingFor(r)) {
        auto it = p->values.find(column);
        if (it != p->values.end())
            return &it->second;
    }
    return pageValue(r, m_firstShown + column);
}

int BrowserModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pending.inserted.size() + m_rows);
}

int BrowserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant BrowserModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= m_columns.size())
        return {};
    const int row = index.row();
    const int column = index.column();
    const Value *pv = valueAt(row, column);
    const RowState state = rowState(row);
    if (role == EditTextRole)
        return pv ? pv->toString() : QString();
    if (role == Qt::BackgroundRole) {
        // Pending changes stand out until they are committed or reverted.
        if (state == RowState::Deleted)
            return QColor(231, 76, 60, 70);
        if (state == RowState::Inserted)
            return QColor(46, 204, 113, 60);
        if (isPending(row, column))
            return QColor(241, 196, 15, 90);
        return {};
    }
    if (!pv) {
        if (state != RowState::Inserted)
            return {};
        // A new row's column left alone gets its DEFAULT when written.
        switch (role) {
        case Qt::DisplayRole:
            return tr("DEFAULT");
        case Qt::ForegroundRole:
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        case Qt::ToolTipRole:
            return tr("Left to the column's DEFAULT (or NULL) when the row is written");
        default:
            return {};
        }
    }
    if (role == Qt::FontRole && state == RowState::Deleted) {
        QFont f = cellData(*pv, role).value<QFont>();
        f.setStrikeOut(true);
        return f;
    }
    return cellData(*pv, role);
}

QVariant BrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        const int inserted = int(m_pending.inserted.size());
        if (role == Qt::DisplayRole) {
            if (section < inserted)
                return QStringLiteral("+");
            const RowState state = rowState(section);
            const QString n = QString::number(section - inserted + 1);
            return state == RowState::Deleted ? QStringLiteral("− ") + n : state == RowState::Changed ? QStringLiteral("* ") + n : n;
        }
        if (role == Qt::ToolTipRole) {
            switch (rowState(section)) {
            case RowState::Inserted: return tr("A new row, not yet written");
            case RowState::Changed: return tr("Changed, not yet written");
            case RowState::Deleted: return tr("To be deleted when the changes are committed");
            case RowState::Clean: return {};
            }
        }
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole) {
        if (section != m_sortColumn)
            return m_columns.at(section);
        return m_columns.at(section) + (m_sortOrder == Qt::AscendingOrder ? QStringLiteral(" ▲") : QStringLiteral(" ▼"));
    }
    if (role == Qt::ToolTipRole)
        return m_types.at(section).isEmpty() ? tr("%1 (no declared type)").arg(m_columns.at(section))
                                             : QStringLiteral("%1 %2").arg(m_columns.at(section), m_types.at(section));
    return {};
}

Qt::ItemFlags BrowserModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && cellEditable(index.row(), index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

bool BrowserModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || (role != Qt::EditRole && role != EditTextRole))
        return false;
    // The grid's editor gives text; it becomes a value of the column's type.
    const Value v = value.userType() == qMetaTypeId<Value>() ? value.value<Value>()
                                                             : valueForColumn(value.toString(), m_types.value(index.column()));
    return setCell(index.row(), index.column(), v);
}

// ---- Editing ----

class BrowserModel::Snapshot final : public QUndoCommand
{
public:
    Snapshot(BrowserModel *m, const QString &text, Pending before, Pending after)
        : QUndoCommand(text), m_model(m), m_before(std::move(before)), m_after(std::move(after)) {}
    void undo() override { m_model->setPending(m_before); }
    void redo() override { m_model->setPending(m_after); }

private:
    BrowserModel *m_model;
    Pending m_before;
    Pending m_after;
};

bool BrowserModel::Pending::operator==(const Pending &o) const
{
    if (inserted != o.inserted || rows.size() != o.rows.size())
        return false;
    for (auto a = rows.begin(), b = o.rows.begin(); a != rows.end(); ++a, ++b)
        if (a->first != b->first || a->second.deleted != b->second.deleted || a->second.values != b->second.values)
            return false;
    return true;
}

bool BrowserModel::isEditable() const
{
    return m_loaded && !m_view && !m_keyColumns.isEmpty();
}

QString BrowserModel::readOnlyReason() const
{
    if (!m_loaded)
        return tr("The table is still being read.");
    if (m_view && m_keyColumns.isEmpty() && !m_columns.isEmpty()) {
        return tr("“%1” is a view (or a table whose rowid is hidden by columns named rowid, _rowid_ and oid): "
                  "its rows cannot be found again to change them. Edit the tables it reads from instead.")
            .arg(m_table);
    }
    return {};
}

BrowserModel::RowState BrowserModel::rowState(int row) const
{
    if (row < 0)
        return RowState::Clean;
    if (row < m_pending.inserted.size())
        return RowState::Inserted;
    const PendingRow *p = pendingFor(pageRow(row));
    if (!p)
        return RowState::Clean;
    return p->deleted ? RowState::Deleted : RowState::Changed;
}

bool BrowserModel::isPending(int row, int column) const
{
    if (row < m_pending.inserted.size())
        return row >= 0 && m_pending.inserted.at(row).count(column) > 0;
    const PendingRow *p = pendingFor(pageRow(row));
    return p && p->values.count(column) > 0;
}

bool BrowserModel::cellEditable(int row, int column) const
{
    if (!isEditable() || m_committing || row < 0 || row >= rowCount() || column < 0 || column >= m_columns.size())
        return false;
    return rowState(row) != RowState::Deleted;
}

bool BrowserModel::setIn(Pending &p, int row, int column, const Value &v) const
{
    if (!cellEditable(row, column))
        return false;
    if (row < p.inserted.size()) {
        p.inserted[row][column] = v;
        return true;
    }
    const qint64 r = pageRow(row);
    const QList<Value> key = pageKey(r);
    const QByteArray id = keyId(key);
    const Value *read = pageValue(r, m_firstShown + column);
    auto it = p.rows.find(id);
    if (it == p.rows.end()) {
        if (read && *read == v)
            return true; // nothing changes
        PendingRow pr;
        pr.key = key;
        for (int c = 0; c < m_columns.size(); ++c) {
            const Value *x = pageValue(r, m_firstShown + c);
            pr.original << (x ? *x : Value());
        }
        it = p.rows.emplace(id, std::move(pr)).first;
    }
    if (read && *read == v)
        it->second.values.erase(column); // back to what was read
    else
        it->second.values[column] = v;
    if (it->second.values.empty() && !it->second.deleted)
        p.rows.erase(it);
    return true;
}

bool BrowserModel::setCell(int row, int column, const Value &v)
{
    Pending next = m_pending;
    if (!setIn(next, row, column, v))
        return false;
    if (!(next == m_pending))
        change(tr("Edit %1").arg(m_columns.at(column)), next);
    return true;
}

bool BrowserModel::setNull(const QModelIndexList &cells)
{
    Pending next = m_pending;
    bool any = false;
    for (const QModelIndex &i : cells)
        any = setIn(next, i.row(), i.column(), Value()) || any;
    if (!(next == m_pending))
        change(tr("Set NULL"), next);
    return any;
}

int BrowserModel::addRow()
{
    if (!isEditable() || m_committing)
        return -1;
    Pending next = m_pending;
    next.inserted.append(std::map<int, Value>());
    change(tr("Add row"), next);
    return int(m_pending.inserted.size() - 1);
}

bool BrowserModel::deleteRows(QList<int> rows)
{
    if (!isEditable() || m_committing)
        return false;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    Pending next = m_pending;
    // New rows go at once, from the last so the earlier indexes hold.
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        if (*it >= 0 && *it < next.inserted.size())
            next.inserted.removeAt(*it);
    for (int row : rows) {
        if (row < m_pending.inserted.size() || row >= rowCount())
            continue;
        const qint64 r = pageRow(row);
        const QList<Value> key = pageKey(r);
        PendingRow &pr = next.rows[keyId(key)];
        if (pr.key.isEmpty()) {
            pr.key = key;
            for (int c = 0; c < m_columns.size(); ++c) {
                const Value *x = pageValue(r, m_firstShown + c);
                pr.original << (x ? *x : Value());
            }
        }
        pr.deleted = true;
    }
    if (next == m_pending)
        return false;
    change(tr("Delete %n row(s)", nullptr, int(rows.size())), next);
    return true;
}

QList<QStringList> BrowserModel::parseTsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;    // inside a "quoted" field
    bool wasQuoted = false; // the field began with a quote
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char('\t')) {
            row << field;
            field.clear();
            wasQuoted = false;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    // A last line without its newline still counts; a trailing newline adds no empty row.
    if (!field.isEmpty() || !row.isEmpty() || wasQuoted) {
        row << field;
        rows << row;
    }
    return rows;
}

QString BrowserModel::pasteTsv(int row, int column, const QString &text)
{
    if (!isEditable() || m_committing)
        return readOnlyReason();
    const QList<QStringList> block = parseTsv(text);
    if (block.isEmpty())
        return tr("The clipboard holds no rows to paste.");
    Pending next = m_pending;
    QString notice;
    int grid = row;
    int left = 0;
    for (const QStringList &fields : block) {
        if (grid >= rowCount() && !m_atEnd) {
            // The rows below are not read yet: pasting there would add rows
            // where the user means to overwrite them.
            ++left;
            continue;
        }
        if (grid >= rowCount()) {
            // Past the last row: the rest become new rows, after the new ones already there.
            std::map<int, Value> values;
            for (qsizetype f = 0; f < fields.size() && column + f < m_columns.size(); ++f)
                values[int(column + f)] = valueForColumn(fields.at(f), m_types.at(column + f));
            next.inserted.append(values);
        } else {
            for (qsizetype f = 0; f < fields.size() && column + f < m_columns.size(); ++f)
                setIn(next, grid, int(column + f), valueForColumn(fields.at(f), m_types.at(column + f)));
        }
        if (column + fields.size() > m_columns.size())
            notice = tr("Fields past the last column (%1) were left out.").arg(m_columns.last());
        ++grid;
    }
    if (left > 0)
        notice = tr("%n row(s) were not pasted: the rows below are not read yet. Scroll to the end of the table first.",
                    nullptr, left);
    if (!(next == m_pending))
        change(tr("Paste %n row(s)", nullptr, int(block.size())), next);
    return notice;
}

void BrowserModel::change(const QString &text, const Pending &next)
{
    m_undo->push(new Snapshot(this, text, m_pending, next));
}

void BrowserModel::setPending(const Pending &p)
{
    const int before = int(m_pending.inserted.size());
    const int after = int(p.inserted.size());
    // New rows sit at the top: rows come or go there, and everything below moves.
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_pending = p;
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_pending = p;
        endRemoveRows();
    } else {
        m_pending = p;
    }
    if (rowCount() > 0 && !m_columns.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, int(m_columns.size()) - 1));
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    }
    Q_EMIT pendingChanged();
}

bool BrowserModel::hasPendingChanges() const
{
    return !m_pending.rows.empty() || !m_pending.inserted.isEmpty();
}

int BrowserModel::pendingCount() const
{
    return int(m_pending.rows.size() + m_pending.inserted.size());
}

QList<RowEdit> BrowserModel::pendingEdits(QList<int> *rows) const
{
    QList<RowEdit> edits;
    const int inserted = int(m_pending.inserted.size());
    // Where each changed row shows, found in one pass over the rows read.
    QHash<QByteArray, int> shownAt;
    if (rows && !m_pending.rows.empty()) {
        for (qint64 r = 0; r < m_rows && shownAt.size() < qsizetype(m_pending.rows.size()); ++r) {
            const QByteArray id = keyId(pageKey(r));
            if (m_pending.rows.count(id))
                shownAt.insert(id, int(r + inserted));
        }
    }
    for (const auto &[id, pr] : m_pending.rows) {
        RowEdit e;
        e.kind = pr.deleted ? RowEdit::Kind::Delete : RowEdit::Kind::Update;
        e.key = pr.key;
        e.original = pr.original;
        if (!pr.deleted)
            for (const auto &[c, v] : pr.values)
                e.values.append({c, v});
        edits << e;
        if (rows)
            rows->append(shownAt.value(id, -1));
    }
    for (int i = 0; i < inserted; ++i) {
        RowEdit e;
        e.kind = RowEdit::Kind::Insert;
        for (const auto &[c, v] : m_pending.inserted.at(i))
            e.values.append({c, v});
        edits << e;
        if (rows)
            rows->append(i);
    }
    return edits;
}

QString BrowserModel::pendingSql() const
{
    auto plan = planEdits({m_table, m_columns, m_keyColumns}, pendingEdits());
    if (!plan)
        return QStringLiteral("-- ") + plan.error().message();
    return planText(plan.value());
}

void BrowserModel::revert()
{
    if (m_committing || !hasPendingChanges())
        return;
    change(tr("Revert"), Pending{});
}

void BrowserModel::commit(bool overwrite)
{
    if (m_committing || !hasPendingChanges())
        return;
    QList<int> rows;
    const QList<RowEdit> edits = pendingEdits(&rows);
    m_committing = true;
    EditOptions options;
    options.overwriteChanged = overwrite;
    whenDone(this, applyEdits(*m_manager, m_database, {m_table, m_columns, m_keyColumns}, edits, options),
             [this, rows](const Outcome<EditReport> &r) {
        m_committing = false;
        if (!r) {
            Q_EMIT commitFailed(tr("The changes were not written: %1").arg(r.error().message()), -1);
            return;
        }
        const EditReport &report = r.value();
        if (!report.conflicts.isEmpty() && !report.applied) {
            QStringList reasons;
            for (const auto &[edit, why] : report.conflicts)
                reasons << why;
            Q_EMIT commitConflicts(reasons);
            return;
        }
        if (!report.applied) {
            const int row = report.failedEdit >= 0 && report.failedEdit < rows.size() ? rows.at(report.failedEdit) : -1;
            const QString where = row < 0 ? QString()
                                  : row < m_pending.inserted.size() ? tr(" (new row %1)").arg(row + 1)
                                                                    : tr(" (row %1)").arg(row - m_pending.inserted.size() + 1);
            Q_EMIT commitFailed(tr("The changes were not written%1: %2").arg(where, report.failure.message()), row);
            return;
        }
        // Written: what was pending is now simply the table.
        beginResetModel();
        m_pending = {};
        endResetModel();
        m_undo->clear();
        Q_EMIT pendingChanged();
        Q_EMIT committed(report.rowsChanged);
        restart();
    });
}

bool BrowserModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_atEnd && !m_fetching;
}

void BrowserModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        fetchPage();
}

} // namespace Litehouse
