#include "resultset.h"

#include <utility>

namespace Litehouse {

ResultSet::ResultSet(const ResultSet &o)
    : m_columns(o.m_columns), m_declTypes(o.m_declTypes), m_chunkCells(o.m_chunkCells), m_count(o.m_count),
      m_blocks(o.m_blocks)
{
    m_chunks.reserve(o.m_chunks.size());
    for (const auto &chunk : o.m_chunks) {
        auto &c = m_chunks.emplace_back();
        c.reserve(o.m_chunks.size() > 1 ? size_t(m_chunkCells) : chunk.size());
        for (const Value &v : chunk)
            c.push_back(Value::shallowCopy(v));
    }
}

ResultSet &ResultSet::operator=(const ResultSet &o)
{
    if (this != &o) {
        ResultSet copy(o);
        *this = std::move(copy);
    }
    return *this;
}

ResultSet &ResultSet::operator=(ResultSet &&o) noexcept
{
    if (this != &o) {
        m_columns = std::move(o.m_columns);
        m_declTypes = std::move(o.m_declTypes);
        m_chunkCells = std::exchange(o.m_chunkCells, chunkCellsFor(0));
        m_count = std::exchange(o.m_count, 0);
        m_chunks = std::move(o.m_chunks);
        m_blocks = std::move(o.m_blocks);
        m_free = std::exchange(o.m_free, nullptr);
        m_left = std::exchange(o.m_left, 0);
        m_nextBlock = std::exchange(o.m_nextBlock, 512);
        o.m_chunks.clear();
        o.m_blocks.clear();
    }
    return *this;
}

void ResultSet::reserveRows(qsizetype n)
{
    const qsizetype cells = qMin(n * qMax<qsizetype>(1, m_columns.size()), m_chunkCells);
    if (m_chunks.empty())
        m_chunks.emplace_back();
    if (m_chunks.size() == 1)
        m_chunks.back().reserve(size_t(cells));
}

void ResultSet::addChunk()
{
    // The first chunk grows as needed (a one-row result stays small); the
    // next ones are allocated whole.
    auto &c = m_chunks.emplace_back();
    if (m_chunks.size() > 1)
        c.reserve(size_t(m_chunkCells));
}

void ResultSet::clearRows()
{
    m_chunks.clear();
    m_count = 0;
    m_blocks.clear();
    m_free = nullptr;
    m_left = 0;
}

void ResultSet::grow(qsizetype n)
{
    // Doubling blocks up to 2 MiB; a value larger than that gets a block of its own.
    const qsizetype size = qMax(n, m_nextBlock);
    m_nextBlock = qMin<qsizetype>(m_nextBlock * 2, qsizetype(2) << 20);
    // Not zeroed: every byte handed out is written first.
    std::shared_ptr<char[]> block(new char[size_t(size)]);
    m_free = block.get();
    m_blocks.push_back(std::move(block));
    m_left = size;
}

qint64 ScriptResult::rowsAffected() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rowsAffected;
    return n;
}

qint64 ScriptResult::rowsReturned() const
{
    qint64 n = 0;
    for (const auto &s : statements)
        n += s.rows.rowCount();
    return n;
}

} // namespace Litehouse
