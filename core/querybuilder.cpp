#include "querybuilder.h"

#include "sqlclassify.h"

namespace Litehouse {

struct QueryBuilder::Condition::Node
{
    enum class Type { Compare, And, Or };
    Type type = Type::Compare;
    QString column;
    Op op = Op::Eq;
    QList<Value> values;
    QList<Condition> children;
    bool escaped = false; ///< LIKE ... ESCAPE '\'
};

namespace {

const char *opText(QueryBuilder::Op op)
{
    switch (op) {
    case QueryBuilder::Op::Eq: return " = ?";
    case QueryBuilder::Op::Ne: return " <> ?";
    case QueryBuilder::Op::Lt: return " < ?";
    case QueryBuilder::Op::Le: return " <= ?";
    case QueryBuilder::Op::Gt: return " > ?";
    case QueryBuilder::Op::Ge: return " >= ?";
    case QueryBuilder::Op::Like: return " LIKE ?";
    case QueryBuilder::Op::IsNull: return " IS NULL";
    case QueryBuilder::Op::IsNotNull: return " IS NOT NULL";
    case QueryBuilder::Op::In: return " IN";
    }
    return "";
}

} // namespace

QueryBuilder::Condition QueryBuilder::Condition::compare(const QString &column, Op op, const Value &value)
{
    auto n = std::make_shared<Node>();
    n->column = column;
    n->op = op;
    if (op != Op::IsNull && op != Op::IsNotNull)
        n->values = {value};
    Condition c;
    c.m_node = std::move(n);
    return c;
}

QueryBuilder::Condition QueryBuilder::Condition::contains(const QString &column, const QString &text)
{
    auto n = std::make_shared<Node>();
    n->column = column;
    n->op = Op::Like;
    n->values = {Value(QLatin1Char('%') + QueryBuilder::escapeLike(text) + QLatin1Char('%'))};
    n->escaped = true;
    Condition c;
    c.m_node = std::move(n);
    return c;
}

QString QueryBuilder::escapeLike(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        if (ch == QLatin1Char('%') || ch == QLatin1Char('_') || ch == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += ch;
    }
    return out;
}

QueryBuilder::Condition QueryBuilder::Condition::in(const QString &column, const QList<Value> &values)
{
    auto n = std::make_shared<Node>();
    n->column = column;
    n->op = Op::In;
    n->values = values;
    Condition c;
    c.m_node = std::move(n);
    return c;
}

QueryBuilder::Condition QueryBuilder::Condition::allOf(const QList<Condition> &conditions)
{
    auto n = std::make_shared<Node>();
    n->type = Node::Type::And;
    n->children = conditions;
    Condition c;
    c.m_node = std::move(n);
    return c;
}

QueryBuilder::Condition QueryBuilder::Condition::anyOf(const QList<Condition> &conditions)
{
    auto n = std::make_shared<Node>();
    n->type = Node::Type::Or;
    n->children = conditions;
    Condition c;
    c.m_node = std::move(n);
    return c;
}

QueryBuilder::QueryBuilder(Kind kind, const QString &table, const QString &schema)
    : m_kind(kind), m_table(table), m_schema(schema)
{
}

QueryBuilder QueryBuilder::select(const QString &table, const QString &schema) { return {Kind::Select, table, schema}; }
QueryBuilder QueryBuilder::insert(const QString &table, const QString &schema) { return {Kind::Insert, table, schema}; }
QueryBuilder QueryBuilder::update(const QString &table, const QString &schema) { return {Kind::Update, table, schema}; }
QueryBuilder QueryBuilder::deleteFrom(const QString &table, const QString &schema) { return {Kind::Delete, table, schema}; }

QueryBuilder &QueryBuilder::columns(const QStringList &columns)
{
    m_columns = columns;
    return *this;
}

QueryBuilder &QueryBuilder::where(const Condition &condition)
{
    m_where.append(condition);
    return *this;
}

QueryBuilder &QueryBuilder::orderBy(const QString &column, Order order)
{
    m_orderBy.append({column, order});
    return *this;
}

QueryBuilder &QueryBuilder::limit(qint64 n)
{
    m_limit = n;
    return *this;
}

QueryBuilder &QueryBuilder::offset(qint64 n)
{
    m_offset = n;
    return *this;
}

QueryBuilder &QueryBuilder::after(const QStringList &keyColumns, const QList<Value> &key, Order order)
{
    m_keyColumns = keyColumns;
    m_key = key;
    m_keyOrder = order;
    m_hasKey = true;
    return *this;
}

QueryBuilder &QueryBuilder::value(const QString &column, const Value &value)
{
    m_values.append({column, value});
    return *this;
}

QueryBuilder &QueryBuilder::allowAllRows(bool allow)
{
    m_allowAllRows = allow;
    return *this;
}

namespace {

struct Writer
{
    QString sql;
    Params params;
    QString error;

    bool name(const QString &n, const char *what)
    {
        if (n.isEmpty()) {
            error = QStringLiteral("the query builder needs a non-empty %1 name").arg(QLatin1String(what));
            return false;
        }
        sql += quoteIdentifier(n);
        return true;
    }

    // Writes one condition; nested groups get parentheses.
    bool condition(const QueryBuilder::Condition::Node &n, bool nested);
};

} // namespace

// Friend access to Condition::Node goes through this helper in the class's scope.
static bool writeCondition(Writer &w, const QueryBuilder::Condition &c, bool nested);

bool Writer::condition(const QueryBuilder::Condition::Node &n, bool nested)
{
    using Node = QueryBuilder::Condition::Node;
    if (n.type == Node::Type::Compare) {
        if (!name(n.column, "column"))
            return false;
        sql += QLatin1String(opText(n.op));
        if (n.escaped)
            sql += QStringLiteral(" ESCAPE '\\'");
        if (n.op == QueryBuilder::Op::In) {
            sql += QStringLiteral(" (");
            for (qsizetype i = 0; i < n.values.size(); ++i)
                sql += i ? QStringLiteral(", ?") : QStringLiteral("?");
            sql += QLatin1Char(')');
        }
        params.positional.append(n.values);
        return true;
    }
    if (n.children.isEmpty()) {
        error = QStringLiteral("an AND/OR group in the query builder needs at least one condition");
        return false;
    }
    if (n.children.size() == 1)
        return writeCondition(*this, n.children.first(), nested);
    const QString glue = n.type == Node::Type::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
    if (nested)
        sql += QLatin1Char('(');
    for (qsizetype i = 0; i < n.children.size(); ++i) {
        if (i)
            sql += glue;
        if (!writeCondition(*this, n.children.at(i), true))
            return false;
    }
    if (nested)
        sql += QLatin1Char(')');
    return true;
}

Outcome<BuiltQuery> QueryBuilder::build() const
{
    Writer w;
    auto fail = [&w] { return Error::invalid(w.error); };
    auto target = [&] {
        if (!m_schema.isEmpty()) {
            if (!w.name(m_schema, "schema"))
                return false;
            w.sql += QLatin1Char('.');
        }
        return w.name(m_table, "table");
    };
    auto whereClause = [&] {
        QList<Condition> conds;
        for (const Condition &c : m_where)
            if (!c.isEmpty())
                conds.append(c);
        const bool key = m_kind == Kind::Select && m_hasKey;
        if (conds.isEmpty() && !key)
            return true;
        w.sql += QStringLiteral(" WHERE ");
        bool first = true;
        for (const Condition &c : conds) {
            if (!first)
                w.sql += QStringLiteral(" AND ");
            first = false;
            // Several top-level conditions are ANDed: an OR group among them needs parentheses.
            if (!w.condition(*c.node(), conds.size() > 1 || key))
                return false;
        }
        if (key) {
            if (!first)
                w.sql += QStringLiteral(" AND ");
            const QString cmp = m_keyOrder == Order::Asc ? QStringLiteral(" > ") : QStringLiteral(" < ");
            if (m_keyColumns.size() == 1) {
                if (!w.name(m_keyColumns.first(), "key column"))
                    return false;
                w.sql += cmp + QLatin1Char('?');
            } else {
                w.sql += QLatin1Char('(');
                for (qsizetype i = 0; i < m_keyColumns.size(); ++i) {
                    if (i)
                        w.sql += QStringLiteral(", ");
                    if (!w.name(m_keyColumns.at(i), "key column"))
                        return false;
                }
                w.sql += QLatin1Char(')') + cmp + QLatin1Char('(');
                for (qsizetype i = 0; i < m_key.size(); ++i)
                    w.sql += i ? QStringLiteral(", ?") : QStringLiteral("?");
                w.sql += QLatin1Char(')');
            }
            w.params.positional.append(m_key);
        }
        return true;
    };

    switch (m_kind) {
    case Kind::Select: {
        if (m_hasKey && (m_keyColumns.isEmpty() || m_keyColumns.size() != m_key.size()))
            return Error::invalid(QStringLiteral("keyset paging needs one value per key column (%1 columns, %2 values)")
                                      .arg(m_keyColumns.size())
                                      .arg(m_key.size()));
        w.sql = QStringLiteral("SELECT ");
        if (m_columns.isEmpty())
            w.sql += QLatin1Char('*');
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            if (i)
                w.sql += QStringLiteral(", ");
            if (!w.name(m_columns.at(i), "column"))
                return fail();
        }
        w.sql += QStringLiteral(" FROM ");
        if (!target() || !whereClause())
            return fail();
        QList<QPair<QString, Order>> order = m_orderBy;
        if (order.isEmpty() && m_hasKey)
            for (const QString &k : m_keyColumns)
                order.append({k, m_keyOrder});
        for (qsizetype i = 0; i < order.size(); ++i) {
            w.sql += i ? QStringLiteral(", ") : QStringLiteral(" ORDER BY ");
            if (!w.name(order.at(i).first, "column"))
                return fail();
            w.sql += order.at(i).second == Order::Asc ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
        }
        if (m_limit >= 0 || m_offset >= 0) {
            w.sql += QStringLiteral(" LIMIT ?");
            w.params.positional.append(Value(m_limit >= 0 ? m_limit : qint64(-1)));
        }
        if (m_offset >= 0) {
            w.sql += QStringLiteral(" OFFSET ?");
            w.params.positional.append(Value(m_offset));
        }
        break;
    }
    case Kind::Insert: {
        w.sql = QStringLiteral("INSERT INTO ");
        if (!target())
            return fail();
        if (m_values.isEmpty()) {
            w.sql += QStringLiteral(" DEFAULT VALUES");
            break;
        }
        w.sql += QStringLiteral(" (");
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            if (i)
                w.sql += QStringLiteral(", ");
            if (!w.name(m_values.at(i).first, "column"))
                return fail();
            w.params.positional.append(m_values.at(i).second);
        }
        w.sql += QStringLiteral(") VALUES (");
        for (qsizetype i = 0; i < m_values.size(); ++i)
            w.sql += i ? QStringLiteral(", ?") : QStringLiteral("?");
        w.sql += QLatin1Char(')');
        break;
    }
    case Kind::Update: {
        if (m_values.isEmpty())
            return Error::invalid(QStringLiteral("an UPDATE needs at least one column to set"));
        if (m_where.isEmpty() && !m_allowAllRows)
            return Error::invalid(QStringLiteral("an UPDATE without WHERE changes every row; call allowAllRows() to mean it"));
        w.sql = QStringLiteral("UPDATE ");
        if (!target())
            return fail();
        w.sql += QStringLiteral(" SET ");
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            if (i)
                w.sql += QStringLiteral(", ");
            if (!w.name(m_values.at(i).first, "column"))
                return fail();
            w.sql += QStringLiteral(" = ?");
            w.params.positional.append(m_values.at(i).second);
        }
        if (!whereClause())
            return fail();
        break;
    }
    case Kind::Delete: {
        if (m_where.isEmpty() && !m_allowAllRows)
            return Error::invalid(QStringLiteral("a DELETE without WHERE removes every row; call allowAllRows() to mean it"));
        w.sql = QStringLiteral("DELETE FROM ");
        if (!target() || !whereClause())
            return fail();
        break;
    }
    }
    return BuiltQuery{w.sql, w.params};
}

static bool writeCondition(Writer &w, const QueryBuilder::Condition &c, bool nested)
{
    if (c.isEmpty()) {
        w.error = QStringLiteral("an empty condition in an AND/OR group");
        return false;
    }
    return w.condition(*c.node(), nested);
}

} // namespace Litehouse
