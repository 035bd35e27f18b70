#include "demodatabase.h"

#include <QFile>
#include <QStandardPaths>

namespace Litehouse::DemoDatabase {

QString defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo/bookshop.db");
}

QString script()
{
    QFile f(QStringLiteral(":/litehouse/demo/demo.sql"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace Litehouse::DemoDatabase
