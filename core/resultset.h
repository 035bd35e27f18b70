#pragma once

#include "value.h"

#include <QStringList>

#include <cstring>
#include <memory>
#include <span>
#include <vector>

namespace Litehouse {

/// Rows of one statement, stored flat (row-major) to keep a big result
/// cheap: one vector for all cells, and the bytes of every TEXT and BLOB
/// cell in a few large arena blocks instead of one allocation each. Cells
/// read from SQLite are Values that view the arena; a copy of a ResultSet
/// shares the arena, and a Value copied out of one owns its bytes.
class ResultSet
{
public:
    ResultSet() = default;
    ResultSet(QStringList columns, QStringList declTypes)
        : m_columns(std::move(columns)), m_declTypes(std::move(declTypes)), m_chunkCells(chunkCellsFor(m_columns.size())) {}
    ResultSet(const ResultSet &o);
    ResultSet &operator=(const ResultSet &o);
    ResultSet(ResultSet &&o) noexcept { *this = std::move(o); }
    ResultSet &operator=(ResultSet &&o) noexcept;
    ~ResultSet() = default;

    /// Column names as SQLite reports them.
    const QStringList &columns() const { return m_columns; }
    /// Declared types ("INTEGER", "TEXT", ...) or empty for expressions.
    const QStringList &declTypes() const { return m_declTypes; }
    int columnCount() const { return int(m_columns.size()); }
    qsizetype rowCount() const { return m_columns.isEmpty() ? 0 : m_count / m_columns.size(); }
    bool isEmpty() const { return m_count == 0; }

    const Value &at(qsizetype row, int column) const
    {
        const qsizetype i = row * m_columns.size() + column;
        return m_chunks[size_t(i / m_chunkCells)][size_t(i % m_chunkCells)];
    }
    std::span<const Value> row(qsizetype r) const
    {
        const qsizetype i = r * m_columns.size();
        return {m_chunks[size_t(i / m_chunkCells)].data() + i % m_chunkCells, size_t(m_columns.size())};
    }
    void reserveRows(qsizetype n);
    /// Appends one cell; a row is complete after columnCount() cells.
    void append(Value v) { slot().push_back(std::move(v)); ++m_count; }
    /// Appends a TEXT or BLOB cell whose bytes are copied into the arena.
    void appendText(const char *utf8, qsizetype n) { slot().push_back(Value::textView(store(utf8, n), n)); ++m_count; }
    void appendBlob(const char *bytes, qsizetype n) { slot().push_back(Value::blobView(store(bytes, n), n)); ++m_count; }
    void clearRows();

private:
    // Cells live in chunks of whole rows (about 2 MiB each), so that a big
    // result never copies its cells to grow; only the first chunk grows.
    static constexpr qsizetype kChunkCells = qsizetype((size_t(2) << 20) / sizeof(Value));
    using Chunk = std::vector<Value>;
    static qsizetype chunkCellsFor(qsizetype columns)
    {
        const qsizetype c = qMax<qsizetype>(1, columns);
        return qMax<qsizetype>(1, kChunkCells / c) * c;
    }
    Chunk &slot()
    {
        if (m_chunks.empty() || qsizetype(m_chunks.back().size()) == m_chunkCells)
            addChunk();
        return m_chunks.back();
    }
    void addChunk();
    /// Copies n bytes into the arena; returns where they are.
    const char *store(const char *p, qsizetype n)
    {
        if (n <= 0)
            return p ? "" : nullptr;
        if (n > m_left)
            grow(n);
        char *at = m_free;
        std::memcpy(at, p, size_t(n));
        m_free += n;
        m_left -= n;
        return at;
    }
    void grow(qsizetype n);

    QStringList m_columns;
    QStringList m_declTypes;
    qsizetype m_chunkCells = chunkCellsFor(0);
    qsizetype m_count = 0;
    std::vector<Chunk> m_chunks;
    // The arena: blocks never move or shrink; copies share them and never
    // write to them (only the set that made a block appends to its tail).
    std::vector<std::shared_ptr<char[]>> m_blocks;
    char *m_free = nullptr;
    qsizetype m_left = 0;
    qsizetype m_nextBlock = 512;
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
