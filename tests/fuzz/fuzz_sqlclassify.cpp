// libFuzzer target: the statement classifier and isBlankSql() against
// SQLite itself, on a fresh in-memory database. For text SQLite prepares
// without error: isBlankSql() is true exactly when SQLite finds no
// statement in it, and a statement classified as transaction control
// (other than BEGIN IMMEDIATE/EXCLUSIVE, which take the write lock) is one
// SQLite calls read-only.

#include <core/sqlclassify.h>

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Litehouse;

namespace {
sqlite3 *g_db = nullptr;

[[noreturn]] void violated(const char *what, const QByteArray &sql)
{
    fprintf(stderr, "fuzz_sqlclassify: %s\n--- input ---\n%s\n", what, sql.constData());
    abort();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    sqlite3_open(":memory:", &g_db);
    sqlite3_exec(g_db, "CREATE TABLE t(a, b); CREATE TABLE u(x PRIMARY KEY) WITHOUT ROWID;", nullptr, nullptr, nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QByteArray sql(reinterpret_cast<const char *>(data), qsizetype(size));
    if (sql.contains('\0'))
        return 0; // SQLite stops at a NUL; Litehouse refuses one before classifying
    const StatementInfo first = classifyStatement(sql);
    const bool blank = isBlankSql(sql);

    // Every statement SQLite finds, in order; stop at the first error.
    const char *p = sql.constData();
    const char *end = p + sql.size();
    bool sqliteFoundOne = false;
    bool firstSeen = false;
    while (p < end) {
        sqlite3_stmt *stmt = nullptr;
        const char *tail = nullptr;
        if (sqlite3_prepare_v2(g_db, p, int(end - p), &stmt, &tail) != SQLITE_OK) {
            sqlite3_finalize(stmt);
            return 0; // a syntax error: nothing to compare
        }
        if (stmt) {
            sqliteFoundOne = true;
            // BEGIN IMMEDIATE and EXCLUSIVE take the write lock: SQLite
            // counts them as writing, and so must the classifier's users.
            const bool writingBegin = first.kind == StatementInfo::Kind::Begin
                && first.beginMode != StatementInfo::BeginMode::Deferred;
            if (!firstSeen && first.isTransactionControl() && !writingBegin && !sqlite3_stmt_readonly(stmt))
                violated("classified as transaction control, but SQLite says it writes", sql);
            firstSeen = true;
            sqlite3_finalize(stmt);
        }
        if (!tail || tail <= p)
            break;
        p = tail;
    }
    if (blank && sqliteFoundOne)
        violated("isBlankSql() is true, but SQLite found a statement", sql);
    if (!blank && !sqliteFoundOne)
        violated("isBlankSql() is false, but SQLite found no statement", sql);
    if (!sqliteFoundOne && first.kind != StatementInfo::Kind::Empty)
        violated("no statement, but classified as one", sql);
    return 0;
}
