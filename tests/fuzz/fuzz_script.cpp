// libFuzzer target: SQL scripts through the statement splitter (spans in
// order, inside the text, never overlapping) and Connection::executeScript on
// a fresh in-memory database. A progress-handler budget stops runaway
// statements; a heap limit keeps memory bounded.

#include <core/connection.h>
#include <core/sqlsplit.h>

#include <QDir>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>

using namespace Litehouse;

namespace {
int g_budget = 0;
int budget(void *) { return --g_budget < 0 ? 1 : 0; }
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Statements like VACUUM INTO or ATTACH write files: keep them in a scratch folder.
    static QTemporaryDir scratch;
    QDir::setCurrent(scratch.path());
    sqlite3_hard_heap_limit64(256 * 1024 * 1024);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    qsizetype last = 0;
    for (const StatementSpan &s : splitStatements(text)) {
        if (s.begin < last || s.end <= s.begin || s.end > text.size())
            abort();
        last = s.end;
    }
    (void)statementAt(splitStatements(text), text, text.size() / 2);

    Connection c(QStringLiteral(":memory:"), Connection::Role::Writer);
    if (!c.open({}))
        abort();
    sqlite3_limit(c.handle(), SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(c.handle(), SQLITE_LIMIT_LENGTH, 1 << 20);
    g_budget = 2000;
    sqlite3_progress_handler(c.handle(), 100, budget, nullptr);
    auto r = c.executeScript(bytes, {}, Fetch::many(100));
    if (!r.ok() && r.error().message().isEmpty())
        abort();
    return 0;
}
