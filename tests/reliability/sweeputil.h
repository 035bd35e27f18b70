#pragma once

// Helpers of the reliability tests: plain SQLite reads that bypass the
// Manager (and the fault VFS), for checking files after a fault or a crash.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <sqlite3.h>

namespace LitehouseTest {

/// Runs one query on a fresh connection through the system VFS ("unix")
/// and returns its rows joined as "a|b;c|d", or "ERROR: message".
inline QString plainQuery(const QString &path, const QString &sql, bool readOnly = false)
{
    sqlite3 *db = nullptr;
    const int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, "unix");
    if (rc != SQLITE_OK) {
        const QString m = QStringLiteral("ERROR: %1").arg(QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close_v2(db);
        return m;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = nullptr;
    const QByteArray q = sql.toUtf8();
    rc = sqlite3_prepare_v2(db, q.constData(), int(q.size()), &st, nullptr);
    QStringList rows;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        QStringList cols;
        for (int i = 0; i < sqlite3_column_count(st); ++i)
            cols << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)));
        rows << cols.join(QLatin1Char('|'));
        rc = SQLITE_OK;
    }
    QString out = rows.join(QLatin1Char(';'));
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
        out = QStringLiteral("ERROR: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    return out;
}

/// PRAGMA integrity_check on a fresh connection: "ok" when the file is sound.
inline QString integrity(const QString &path)
{
    return plainQuery(path, QStringLiteral("PRAGMA integrity_check"));
}

/// Copies a database and its -wal file (when present) over dest, removing
/// dest's -wal, -shm and -journal first.
inline bool copyDatabase(const QString &from, const QString &dest)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(dest + QLatin1String(suffix));
    if (!QFile::copy(from, dest))
        return false;
    if (QFile::exists(from + QStringLiteral("-wal")) && !QFile::copy(from + QStringLiteral("-wal"), dest + QStringLiteral("-wal")))
        return false;
    return true;
}

} // namespace LitehouseTest
