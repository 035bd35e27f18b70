#include "demodatabase.h"

#include <QFile>
#include <QStandardPaths>

// Resources of a static library are not registered until asked for.
static void initResources()
{
    Q_INIT_RESOURCE(litehouse);
}

namespace Litehouse::DemoDatabase {

QString defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo/bookshop.db");
}

QString script()
{
    initResources();
    QFile f(QStringLiteral(":/litehouse/demo/demo.sql"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace Litehouse::DemoDatabase
