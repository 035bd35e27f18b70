#pragma once

#include "outcome.h"
#include "params.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Litehouse {

/// SQL text and the values bound to its `?` placeholders, in order.
struct BuiltQuery
{
    QString sql;
    Params params;
};

/// Builds SELECT, INSERT, UPDATE and DELETE statements. Every identifier is
/// quoted with quoteIdentifier() and every value is bound as a parameter,
/// never spliced into the text, so the SQL stays readable (the table browser
/// shows it) and safe whatever the names and values hold.
///
///     auto q = QueryBuilder::select("people")
///                  .columns({"id", "name"})
///                  .where(QueryBuilder::Condition::compare("age", QueryBuilder::Op::Ge, 18))
///                  .orderBy("id").limit(50).build();
///     // SELECT "id", "name" FROM "people" WHERE "age" >= ? ORDER BY "id" ASC LIMIT ?
class QueryBuilder final
{
public:
    enum class Kind { Select, Insert, Update, Delete };
    /// Comparison operators of a condition.
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Like, IsNull, IsNotNull, In };
    enum class Order { Asc, Desc };

    /// A WHERE tree: comparisons, and AND/OR groups of conditions (nested freely).
    class Condition
    {
    public:
        /// column OP ? (Eq, Ne, Lt, Le, Gt, Ge, Like). For IsNull/IsNotNull the value is ignored.
        static Condition compare(const QString &column, Op op, const Value &value = {});
        static Condition isNull(const QString &column) { return compare(column, Op::IsNull); }
        static Condition isNotNull(const QString &column) { return compare(column, Op::IsNotNull); }
        /// column LIKE ? ESCAPE '\': matches text that contains `text` literally
        /// (its `%`, `_` and `\` escaped), anywhere in the column.
        static Condition contains(const QString &column, const QString &text);
        /// column IN (?, ?, ...); an empty list matches no row.
        static Condition in(const QString &column, const QList<Value> &values);
        /// All of the conditions (AND), in parentheses when nested.
        static Condition allOf(const QList<Condition> &conditions);
        /// Any of the conditions (OR), in parentheses when nested.
        static Condition anyOf(const QList<Condition> &conditions);

        bool isEmpty() const { return !m_node; }

        /// Internal: the tree node (defined in querybuilder.cpp).
        struct Node;
        const Node *node() const { return m_node.get(); }

    private:
        std::shared_ptr<const Node> m_node;
    };

    static QueryBuilder select(const QString &table, const QString &schema = {});
    static QueryBuilder insert(const QString &table, const QString &schema = {});
    static QueryBuilder update(const QString &table, const QString &schema = {});
    static QueryBuilder deleteFrom(const QString &table, const QString &schema = {});

    /// SELECT: the result columns (empty: `*`). "rowid" is allowed.
    QueryBuilder &columns(const QStringList &columns);
    /// SELECT, UPDATE, DELETE: adds a condition, ANDed with the ones before.
    QueryBuilder &where(const Condition &condition);
    /// SELECT: appends an ORDER BY term.
    QueryBuilder &orderBy(const QString &column, Order order = Order::Asc);
    /// SELECT: LIMIT and OFFSET (bound); negative means none.
    QueryBuilder &limit(qint64 n);
    QueryBuilder &offset(qint64 n);
    /// SELECT: keyset paging, the rows after this key: `"k" > ?` for one
    /// column, `("k1", "k2") > (?, ?)` for several (`<` with Order::Desc).
    /// Orders by the key columns unless orderBy() was given.
    QueryBuilder &after(const QStringList &keyColumns, const QList<Value> &key, Order order = Order::Asc);
    /// INSERT: a column and its value; UPDATE: a column to SET.
    QueryBuilder &value(const QString &column, const Value &value);
    QueryBuilder &set(const QString &column, const Value &value) { return this->value(column, value); }
    /// UPDATE and DELETE refuse to build without a WHERE unless this is set.
    QueryBuilder &allowAllRows(bool allow = true);

    /// The statement, or an InvalidArgument error (an empty name, an UPDATE
    /// without SET, a key of the wrong length, ...).
    Outcome<BuiltQuery> build() const;

    /// Escapes `%`, `_` and the escape character itself for a LIKE pattern
    /// written with ESCAPE '\'.
    static QString escapeLike(const QString &text);

private:
    QueryBuilder(Kind kind, const QString &table, const QString &schema);

    Kind m_kind;
    QString m_table;
    QString m_schema;
    QStringList m_columns;
    QList<Condition> m_where;
    QList<QPair<QString, Order>> m_orderBy;
    qint64 m_limit = -1;
    qint64 m_offset = -1;
    QStringList m_keyColumns;
    QList<Value> m_key;
    Order m_keyOrder = Order::Asc;
    bool m_hasKey = false;
    QList<QPair<QString, Value>> m_values;
    bool m_allowAllRows = false;
};

} // namespace Litehouse
