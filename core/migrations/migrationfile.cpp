#include "migrationfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

namespace Litehouse {

namespace {

struct Found
{
    QString stem;
    QString name;
    QString path;
    QByteArray sql;
};

Outcome<QByteArray> readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(Error::Kind::Io, QStringLiteral("cannot read migration %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

} // namespace

QString MigrationFile::checksumOf(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool MigrationFile::isNoTransaction(const QByteArray &sql)
{
    QByteArray first = sql.left(sql.indexOf('\n') < 0 ? sql.size() : sql.indexOf('\n'));
    if (first.startsWith("\xEF\xBB\xBF")) // UTF-8 byte order mark
        first.remove(0, 3);
    return first.trimmed() == noTransactionMarker;
}

QString MigrationFile::fileName(bool down) const
{
    return stem + (down ? QStringLiteral(".down.sql") : QStringLiteral(".up.sql"));
}

Outcome<QList<MigrationFile>> MigrationFile::scan(const QString &folder)
{
    const QDir dir(folder);
    if (!QFileInfo(folder).isDir())
        return Error(Error::Kind::Io, QStringLiteral("migrations folder does not exist: %1").arg(folder));
    static const QRegularExpression pattern(QStringLiteral("^([0-9]+)_([A-Za-z0-9_]+)\\.(up|down)\\.sql$"));

    QStringList badNames;
    QStringList problems;
    QMap<qint64, QList<Found>> ups;
    QMap<qint64, QList<Found>> downs;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QFileInfo &fi : entries) {
        const QString file = fi.fileName();
        if (!file.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive))
            continue;
        const auto m = pattern.match(file);
        bool ok = false;
        const qint64 version = m.hasMatch() ? m.captured(1).toLongLong(&ok) : 0;
        if (!m.hasMatch() || !ok || version <= 0) {
            badNames << file;
            continue;
        }
        auto bytes = readAll(fi.absoluteFilePath());
        if (!bytes)
            return bytes.error();
        Found f{file.left(file.size() - m.captured(3).size() - 5), m.captured(2), fi.absoluteFilePath(), bytes.take()};
        (m.captured(3) == QLatin1String("up") ? ups : downs)[version].append(f);
    }
    if (!badNames.isEmpty())
        problems << QStringLiteral("badly named migration files (expected <version>_<name>.up.sql or "
                                   "<version>_<name>.down.sql, version a positive integer): %1")
                        .arg(badNames.join(QStringLiteral(", ")));
    auto names = [](const QList<Found> &l) {
        QStringList n;
        for (const Found &f : l)
            n << QFileInfo(f.path).fileName();
        return n.join(QStringLiteral(", "));
    };
    for (auto it = ups.cbegin(); it != ups.cend(); ++it)
        if (it->size() > 1)
            problems << QStringLiteral("duplicate version %1: %2").arg(it.key()).arg(names(*it));
    for (auto it = downs.cbegin(); it != downs.cend(); ++it) {
        if (it->size() > 1) {
            problems << QStringLiteral("duplicate version %1: %2").arg(it.key()).arg(names(*it));
            continue;
        }
        const auto up = ups.constFind(it.key());
        if (up == ups.cend())
            problems << QStringLiteral("down file without an up file: %1").arg(names(*it));
        else if (up->size() == 1 && up->first().stem != it->first().stem)
            problems << QStringLiteral("down file %1 does not match its up file %2")
                            .arg(names(*it), QFileInfo(up->first().path).fileName());
    }
    if (!problems.isEmpty())
        return Error::invalid(problems.join(QStringLiteral("; ")));

    QList<MigrationFile> out;
    for (auto it = ups.cbegin(); it != ups.cend(); ++it) {
        const Found &u = it->first();
        MigrationFile m;
        m.version = it.key();
        m.name = u.name;
        m.stem = u.stem;
        m.upPath = u.path;
        m.upSql = u.sql;
        m.checksum = checksumOf(u.sql);
        if (const auto d = downs.constFind(it.key()); d != downs.cend()) {
            m.downPath = d->first().path;
            m.downSql = d->first().sql;
        }
        out.append(m);
    }
    return out;
}

} // namespace Litehouse
