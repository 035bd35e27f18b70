#include "connection.h"

#include <sqlite3.h>

#include <cstring>

// A prepared statement of a Connection: binding parameters and reading rows.

namespace Litehouse {

Statement &Statement::operator=(Statement &&o) noexcept
{
    if (this != &o) {
        this->~Statement();
        m_conn = std::exchange(o.m_conn, nullptr);
        m_stmt = std::exchange(o.m_stmt, nullptr);
        m_key = std::move(o.m_key);
        m_meta = std::move(o.m_meta);
    }
    return *this;
}

sqlite3_stmt *Statement::release()
{
    if (m_conn && !m_key.isEmpty() && m_stmt)
        m_conn->forget(m_key, m_stmt);
    m_key.clear();
    m_meta.reset();
    return std::exchange(m_stmt, nullptr);
}

Statement::~Statement()
{
    if (!m_stmt)
        return;
    if (m_conn && !m_key.isEmpty())
        m_conn->giveBack(m_key, m_stmt, std::move(m_meta));
    else
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
}

// SQLITE_STATIC: the Values outlive the statement's use of them (bindings
// are cleared when a statement goes back to the cache), so SQLite need not
// copy every text and blob. Streams copy (their statement outlives the call).
static int bindValue(sqlite3_stmt *s, int i, const Value &v, bool copy = false)
{
    const auto destructor = copy ? SQLITE_TRANSIENT : SQLITE_STATIC;
    switch (v.type()) {
    case Value::Type::Null: return sqlite3_bind_null(s, i);
    case Value::Type::Integer: return sqlite3_bind_int64(s, i, v.toInt());
    case Value::Type::Real: return sqlite3_bind_double(s, i, v.toDouble());
    case Value::Type::Text: {
        // The Value's own bytes (a view, no copy); an empty one is never
        // a null pointer, which SQLite would bind as NULL.
        const QByteArrayView b = v.bytesView();
        return sqlite3_bind_text64(s, i, b.isNull() ? "" : b.constData(), sqlite3_uint64(b.size()), destructor,
                                   SQLITE_UTF8);
    }
    case Value::Type::Blob: {
        const QByteArrayView b = v.bytesView();
        return sqlite3_bind_blob64(s, i, b.isNull() ? "" : b.constData(), sqlite3_uint64(b.size()), destructor);
    }
    }
    return SQLITE_MISUSE;
}

Outcome<Done> Statement::bind(const Params &params, qsizetype *next, QSet<QString> *namedUsed, bool copy) const
{
    const int count = sqlite3_bind_parameter_count(m_stmt);
    for (int i = 1; i <= count; ++i) {
        const char *name = sqlite3_bind_parameter_name(m_stmt, i);
        if (name && name[0] != '?') {
            const QString n = QString::fromUtf8(name + 1);
            bool found = false;
            for (const auto &[given, v] : params.named) {
                QString g = given;
                if (!g.isEmpty() && (g[0] == QLatin1Char(':') || g[0] == QLatin1Char('@') || g[0] == QLatin1Char('$')))
                    g = g.mid(1);
                if (g == n) {
                    if (int rc = bindValue(m_stmt, i, v, copy); rc != SQLITE_OK)
                        return Error::sqlite(rc, QString::fromUtf8(sqlite3_errstr(rc)));
                    if (namedUsed)
                        namedUsed->insert(given);
                    found = true;
                }
            }
            if (!found)
                return Error::invalid(QStringLiteral("no value given for parameter %1").arg(QString::fromUtf8(name)));
            continue;
        }
        // Positional (? or ?NNN): take the next value in order.
        if (*next >= params.positional.size())
            return Error::invalid(QStringLiteral("too few parameters: the SQL needs more than the %1 given")
                                      .arg(params.positional.size()));
        if (int rc = bindValue(m_stmt, i, params.positional.at((*next)++), copy); rc != SQLITE_OK)
            return Error::sqlite(rc, QString::fromUtf8(sqlite3_errstr(rc)));
    }
    return Done{};
}

Outcome<Done> Statement::bindRow(std::span<const Value> row) const
{
    const int count = sqlite3_bind_parameter_count(m_stmt);
    if (qsizetype(row.size()) != count)
        return Error::invalid(QStringLiteral("the statement takes %1 parameters, the row has %2").arg(count).arg(row.size()));
    for (int i = 0; i < count; ++i)
        if (int rc = bindValue(m_stmt, i + 1, row[size_t(i)]); rc != SQLITE_OK)
            return Error::sqlite(rc, QString::fromUtf8(sqlite3_errstr(rc)));
    return Done{};
}

QStringList Statement::columnNames() const
{
    QStringList out;
    const int n = sqlite3_column_count(m_stmt);
    for (int i = 0; i < n; ++i)
        out << QString::fromUtf8(sqlite3_column_name(m_stmt, i));
    return out;
}

QStringList Statement::declTypes() const
{
    QStringList out;
    const int n = sqlite3_column_count(m_stmt);
    for (int i = 0; i < n; ++i) {
        const char *t = sqlite3_column_decltype(m_stmt, i);
        out << (t ? QString::fromUtf8(t) : QString());
    }
    return out;
}

void Statement::appendRow(sqlite3_stmt *m_stmt, ResultSet &rs)
{
    const int n = rs.columnCount();
    for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER: rs.append(Value(qint64(sqlite3_column_int64(m_stmt, i)))); break;
        case SQLITE_FLOAT: rs.append(Value(sqlite3_column_double(m_stmt, i))); break;
        case SQLITE_TEXT: {
            const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
            rs.appendText(p, sqlite3_column_bytes(m_stmt, i));
            break;
        }
        case SQLITE_BLOB: {
            const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, i));
            rs.appendBlob(p, sqlite3_column_bytes(m_stmt, i));
            break;
        }
        default: rs.append(Value()); break;
        }
    }
}

} // namespace Litehouse
