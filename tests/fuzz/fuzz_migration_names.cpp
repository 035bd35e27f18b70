// libFuzzer target: migration folder and file names. Each input line is a
// file name (names that cannot be files are skipped); MigrationFile::scan
// either fails with a message or returns migrations in strictly increasing
// version order whose names round-trip.

#include <core/migrations/migrationfile.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace Litehouse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    QTemporaryDir dir;
    if (!dir.isValid())
        return 0;
    const QList<QByteArray> lines = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\n');
    int made = 0;
    for (const QByteArray &line : lines) {
        const QString name = QString::fromUtf8(line);
        if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") || name.contains(QLatin1Char('/'))
            || name.contains(QChar(0)) || line.size() > 200 || ++made > 20)
            continue;
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::WriteOnly))
            f.write("SELECT 1;");
    }
    auto r = MigrationFile::scan(dir.path());
    if (!r.ok()) {
        if (r.error().message().isEmpty())
            abort();
        return 0;
    }
    qint64 last = 0;
    for (const MigrationFile &m : r.value()) {
        if (m.version <= last || m.name.isEmpty() || !QFile::exists(m.upPath) || m.fileName() != QFileInfo(m.upPath).fileName())
            abort();
        if (m.hasDown() && m.fileName(true) != QFileInfo(m.downPath).fileName())
            abort();
        last = m.version;
    }
    // A folder that is a file, or missing, is an error too.
    if (MigrationFile::scan(dir.filePath(QStringLiteral("missing"))).ok())
        abort();
    return 0;
}
