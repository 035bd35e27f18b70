#include "textfile.h"

#include <QFile>
#include <QSaveFile>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>

namespace Litehouse {

QFuture<Outcome<QString>> readTextFile(const QString &path)
{
    return QtConcurrent::run([path]() -> Outcome<QString> {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error(Error::Kind::Io, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
        constexpr qint64 limit = 64ll << 20;
        if (f.size() > limit)
            return Error(Error::Kind::Io, QStringLiteral("%1 is %2 MiB; files over 64 MiB are not opened in the editor "
                                                         "(run it with File ▸ Import SQL or litehouse-cli instead)")
                                              .arg(path)
                                              .arg(f.size() >> 20));
        QByteArray bytes = f.readAll();
        if (f.error() != QFileDevice::NoError)
            return Error(Error::Kind::Io, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
        if (bytes.startsWith("\xEF\xBB\xBF"))
            bytes.remove(0, 3);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = utf8.decode(bytes);
        if (utf8.hasError())
            return Error(Error::Kind::Io, QStringLiteral("%1 is not UTF-8 text").arg(path));
        return text;
    });
}

QFuture<Outcome<Done>> writeTextFile(const QString &path, const QString &text)
{
    return QtConcurrent::run([path, text]() -> Outcome<Done> {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Error(Error::Kind::Io, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
        const QByteArray bytes = text.toUtf8();
        if (f.write(bytes) != bytes.size() || !f.commit())
            return Error(Error::Kind::Io, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
        return Done{};
    });
}

} // namespace Litehouse
