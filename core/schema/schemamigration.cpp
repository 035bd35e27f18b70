#include "schemamigration.h"

#include "../migrations/migrationfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace Litehouse {

namespace {

Outcome<Done> writeNew(const QString &path, const QString &text)
{
    if (QFileInfo::exists(path))
        return Error(Error::Kind::Io, QStringLiteral("%1 already exists; nothing was written").arg(path));
    QSaveFile f(path);
    const QByteArray bytes = text.toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    return Done{};
}

} // namespace

Outcome<QStringList> saveAsMigration(const QString &folder, const QString &name, const QString &up, const QString &down)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_]+$"));
    if (!valid.match(name).hasMatch())
        return Error::invalid(QStringLiteral("a migration name may hold letters, digits and underscores only: “%1”").arg(name));
    if (up.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("the migration has no SQL"));
    if (!QFileInfo(folder).isDir())
        return Error(Error::Kind::Io, QStringLiteral("migrations folder does not exist: %1").arg(folder));
    auto existing = MigrationFile::scan(folder);
    if (!existing)
        return existing.error();
    qint64 version = 0;
    int width = 3;
    for (const MigrationFile &m : existing.value()) {
        version = qMax(version, m.version);
        width = qMax(width, int(m.stem.indexOf(QLatin1Char('_'))));
    }
    const QString stem = QStringLiteral("%1_%2").arg(version + 1, width, 10, QLatin1Char('0')).arg(name);
    const QDir dir(folder);
    QStringList written;
    const QString upPath = dir.filePath(stem + QStringLiteral(".up.sql"));
    const QString downPath = dir.filePath(stem + QStringLiteral(".down.sql"));
    if (!down.isEmpty() && QFileInfo::exists(downPath))
        return Error(Error::Kind::Io, QStringLiteral("%1 already exists; nothing was written").arg(downPath));
    if (auto r = writeNew(upPath, up); !r)
        return r.error();
    written << upPath;
    if (!down.isEmpty()) {
        if (auto r = writeNew(downPath, down); !r) {
            QFile::remove(upPath); // a migration is both files or neither
            return r.error();
        }
        written << downPath;
    }
    return written;
}

} // namespace Litehouse
