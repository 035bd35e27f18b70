#pragma once

#include "../outcome.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Litehouse {

/// One migration of a migrations folder: `<version>_<name>.up.sql` and, when
/// it can be reverted, `<version>_<name>.down.sql`.
class MigrationFile final
{
public:
    /// The first line that makes a file run outside a transaction.
    static constexpr const char *noTransactionMarker = "-- litehouse:no-transaction";

    /// Reads every migration of a folder, in version order. Files that are
    /// not `*.sql` are ignored. Badly named `*.sql` files, duplicate versions
    /// and down files without an up file fail with one error that lists them all.
    static Outcome<QList<MigrationFile>> scan(const QString &folder);

    /// Lower-case hex SHA-256 of the bytes.
    static QString checksumOf(const QByteArray &bytes);
    /// True when the script's first line is the no-transaction marker.
    static bool isNoTransaction(const QByteArray &sql);

    qint64 version = 0;
    QString name;            ///< the part after the version ("create_authors")
    QString stem;            ///< the file name without ".up.sql" ("001_create_authors")
    QString upPath;          ///< absolute path of the up file
    QString downPath;        ///< absolute path of the down file; empty when there is none
    QByteArray upSql;
    QByteArray downSql;
    QString checksum;        ///< checksumOf(upSql)

    bool hasDown() const { return !downPath.isEmpty(); }
    /// "003_add_books.up.sql" (or .down.sql), as found in the folder.
    QString fileName(bool down = false) const;
};

} // namespace Litehouse
