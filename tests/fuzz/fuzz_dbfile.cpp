// libFuzzer target: hostile database files. The input is written to a
// file and opened through Connection (hardened, as every Litehouse
// connection), then its schema is read, every table and view is queried
// (a few rows) and PRAGMA integrity_check runs: no crash, no hang (a
// progress budget), no leak, whatever the bytes.

#include <core/connection.h>

#include <QFile>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdint>

using namespace Litehouse;

namespace {
QString g_path;
int g_budget = 0;
int budget(void *) { return --g_budget < 0 ? 1 : 0; }
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static QTemporaryDir scratch;
    g_path = scratch.filePath(QStringLiteral("fuzz.db"));
    sqlite3_hard_heap_limit64(256 * 1024 * 1024);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024 * 1024)
        return 0;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(g_path + QLatin1String(suffix));
    {
        QFile f(g_path);
        if (!f.open(QIODevice::WriteOnly))
            return 0;
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    Connection c(g_path, Connection::Role::Writer);
    OpenOptions o;
    o.create = false;
    o.journalMode = JournalMode::Delete; // never leave the file as it came in WAL
    if (!c.open(o))
        return 0;
    g_budget = 20000;
    sqlite3_progress_handler(c.handle(), 100, budget, nullptr);
    auto names = c.execute("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') LIMIT 20");
    if (names) {
        for (qsizetype r = 0; r < names.value().rows.rowCount(); ++r) {
            QString name = names.value().rows.at(r, 0).toString();
            name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            g_budget = 20000;
            c.execute(QStringLiteral("SELECT * FROM \"%1\" LIMIT 50").arg(name).toUtf8());
        }
    }
    g_budget = 200000;
    c.execute("PRAGMA integrity_check(20)");
    c.close();
    return 0;
}
