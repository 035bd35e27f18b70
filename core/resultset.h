#pragma once

#include "value.h"

#include <QStringList>

#include <span>
#include <vector>

namespace Litehouse {

/// Rows of one statement, stored flat (row-major) to keep a big result
/// cheap: one allocation for all cells instead of one list per row.
class ResultSet
{
public:
    ResultSet() = default;
    ResultSet(QStringList columns, QStringList declTypes)
        : m_columns(std::move(columns)), m_declTypes(std::move(declTypes)) {}

    /// Column names as SQLite reports them.
    const QStringList &columns() const { return m_columns; }
    /// Declared types ("INTEGER", "TEXT", ...) or empty for expressions.
    const QStringList &declTypes() const { return m_declTypes; }
    int columnCount() const { return int(m_columns.size()); }
    qsizetype rowCount() const { return m_columns.isEmpty() ? 0 : qsizetype(m_cells.size()) / m_columns.size(); }
    bool isEmpty() const { return m_cells.empty(); }

    const Value &at(qsizetype row, int column) const { return m_cells[size_t(row * m_columns.size() + column)]; }
    std::span<const Value> row(qsizetype r) const
    {
        return {m_cells.data() + r * m_columns.size(), size_t(m_columns.size())};
    }
    void reserveRows(qsizetype n) { m_cells.reserve(size_t(n * m_columns.size())); }
    /// Appends one cell; a row is complete after columnCount() cells.
    void append(Value v) { m_cells.push_back(std::move(v)); }
    void clearRows() { m_cells.clear(); }

private:
    QStringList m_columns;
    QStringList m_declTypes;
    std::vector<Value> m_cells;
};

/// What one statement did.
struct StatementResult
{
    QString sql;                ///< the statement's text
    ResultSet rows;             ///< its rows (columns are set whenever the statement returns rows)
    bool returnsRows = false;   ///< true for statements with result columns (SELECT, PRAGMA, RETURNING)
    qint64 rowsAffected = 0;    ///< rows changed by INSERT/UPDATE/DELETE
    qint64 lastInsertRowId = 0;
    qint64 elapsedNs = 0;
    int retries = 0;            ///< busy/locked retries before it succeeded
};

/// What a script (one or more statements) did.
struct ScriptResult
{
    QList<StatementResult> statements;
    qint64 elapsedNs = 0;
    qint64 rowsAffected() const;
    qint64 rowsReturned() const;
};

} // namespace Litehouse
