#include "browsermodel.h"

#include "results/cellformat.h"

#include "util/futures.h"

#include <core/querystream.h>
#include <core/schema/catalog.h>

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

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
    : QAbstractTableModel(parent), m_manager(manager), m_database(database), m_table(table)
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
    whenDone(this, readCatalog(*m_manager, m_database, Route::Auto), [this, gen](const Outcome<Catalog> &r) {
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
        beginResetModel();
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
        beginInsertRows({}, int(m_rows), int(m_rows + n - 1));
        m_pages.push_back({m_rows, std::move(rows)});
        m_rows += n;
        endInsertRows();
    }
    Q_EMIT fetchingChanged(false);
    Q_EMIT pageLoaded(m_rows, m_atEnd);
}

const Value *BrowserModel::valueAt(int row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns.size())
        return nullptr;
    auto it = std::upper_bound(m_pages.begin(), m_pages.end(), qint64(row),
                               [](qint64 r, const Page &p) { return r < p.start; });
    if (it == m_pages.begin())
        return nullptr;
    --it;
    return &it->rows.at(row - it->start, m_firstShown + column);
}

int BrowserModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int BrowserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant BrowserModel::data(const QModelIndex &index, int role) const
{
    const Value *pv = index.isValid() ? valueAt(index.row(), index.column()) : nullptr;
    if (!pv)
        return {};
    return cellData(*pv, role);
}

QVariant BrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
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
