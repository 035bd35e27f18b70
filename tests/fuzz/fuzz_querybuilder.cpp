// libFuzzer target: the query builder with hostile identifiers and values.
// The input is split at NUL bytes into a table name, column names and
// values; the table is created with quoted names, a built INSERT stores the
// values, and a built SELECT with a WHERE on every column finds that row.

#include <core/connection.h>
#include <core/querybuilder.h>
#include <core/sqlclassify.h>

#include <cstdint>
#include <cstdlib>

using namespace Litehouse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QList<QByteArray> parts = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\0');
    if (parts.size() < 2)
        return 0;
    const QString table = QString::fromUtf8(parts[0]);
    QStringList columns;
    QList<Value> values;
    for (qsizetype i = 1; i < parts.size() && columns.size() < 8; i += 2) {
        const QString col = QString::fromUtf8(parts[i]);
        if (columns.contains(col, Qt::CaseInsensitive))
            continue;
        columns << col;
        const QByteArray v = i + 1 < parts.size() ? parts[i + 1] : QByteArray();
        values << (v.size() % 3 == 0 ? Value::blob(v) : v.size() % 3 == 1 ? Value(QString::fromUtf8(v)) : Value(qint64(v.size())));
    }
    auto ins = QueryBuilder::insert(table);
    for (qsizetype i = 0; i < columns.size(); ++i)
        ins.value(columns[i], values[i]);
    auto insert = ins.build();
    auto sel = QueryBuilder::select(table).columns(columns);
    for (qsizetype i = 0; i < columns.size(); ++i)
        sel.where(QueryBuilder::Condition::compare(columns[i], QueryBuilder::Op::Eq, values[i]));
    auto select = sel.limit(5).build();
    auto del = QueryBuilder::deleteFrom(table).where(QueryBuilder::Condition::in(columns.value(0), values)).build();
    if (table.isEmpty() || columns.contains(QString()) || table.contains(QChar(0))) {
        if (insert.ok() && table.isEmpty())
            abort(); // an empty name must be refused
        return 0;
    }
    if (!insert.ok() || !select.ok())
        return 0; // refused with a reason (e.g. names SQLite cannot hold)

    Connection c(QStringLiteral(":memory:"), Connection::Role::Writer);
    if (!c.open({}))
        abort();
    QStringList defs;
    for (const QString &col : columns)
        defs << quoteIdentifier(col);
    if (!c.execute(QStringLiteral("CREATE TABLE %1(%2)").arg(quoteIdentifier(table), defs.join(QStringLiteral(", "))).toUtf8()))
        return 0; // SQLite refuses some names (e.g. sqlite_*): not the builder's concern
    auto i = c.execute(insert.value().sql.toUtf8(), insert.value().params);
    if (!i.ok())
        abort(); // a built statement on a table that exists must run
    auto s = c.execute(select.value().sql.toUtf8(), select.value().params);
    if (!s.ok() || s.value().rows.rowCount() != 1)
        abort();
    for (qsizetype k = 0; k < columns.size(); ++k)
        if (!(s.value().rows.at(0, int(k)) == values[k]))
            abort();
    if (del.ok()) {
        auto d = c.execute(del.value().sql.toUtf8(), del.value().params);
        if (!d.ok() || d.value().rowsAffected != 1)
            abort();
    }
    return 0;
}
