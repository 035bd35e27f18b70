// libFuzzer target: the history export readers. The input (after a first
// byte choosing the format and mode) is an existing export file; an export
// either fails with a message and leaves the file byte for byte as it was,
// or writes a file that the same reader accepts again.

#include <core/history/historyexport.h>

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace Litehouse;

static QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export"));
    const QByteArray existing(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(existing);
    }
    ExportOptions o;
    o.format = ExportFormat(data[0] % 3);
    o.mode = ExportMode((data[0] / 3) % 4);
    o.keepFormulas = data[0] & 0x80;
    QList<HistoryItem> items;
    for (int i = 0; i < 3; ++i) {
        HistoryItem it;
        it.id = i + 1 + (data[0] & 0x10 ? 0 : 100);
        it.timestampMs = 1795842760000LL + i;
        it.database = QStringLiteral("/db/x, \"y\".db");
        it.sql = QStringLiteral("SELECT '=1+1', \"a\"\n, %1").arg(i);
        it.kind = QStringLiteral("query");
        it.outcome = QStringLiteral("ok");
        items.append(it);
    }
    auto r = HistoryExport::write(path, items, o);
    if (!r.ok()) {
        if (r.error().message().isEmpty() || readFile(path) != existing)
            abort();
        return 0;
    }
    // What we wrote, we read back.
    ExportOptions again = o;
    again.mode = ExportMode::Extend;
    auto back = HistoryExport::write(path, items, again);
    if (!back.ok() || back.value().total != r.value().total)
        abort();
    return 0;
}
