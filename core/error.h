#pragma once

#include <QMetaType>
#include <QString>

namespace Litehouse {

/// The one error type of Litehouse. Every operation resolves to a value or
/// to an Error; none returns silently.
class Error
{
public:
    /// What went wrong, beyond SQLite's own result code.
    enum class Kind {
        None,             ///< not an error
        Sqlite,           ///< SQLite reported an error (see code(), extendedCode())
        Interrupted,      ///< the task was cancelled; SQLite was interrupted
        Busy,             ///< SQLITE_BUSY/LOCKED that outlasted the retry budget
        NotOpen,          ///< no open database with that path or alias
        InvalidArgument,  ///< bad input from the caller (names, parameters, options)
        QueueFull,        ///< the work queue is at its limit
        Closed,           ///< the database or stream was closed
        Io,               ///< a file could not be read or written
        Locked,           ///< a cross-process lock could not be taken
    };

    Error() = default;
    Error(Kind kind, QString message, int code = 1, int extendedCode = 1)
        : m_kind(kind), m_code(code), m_extendedCode(extendedCode), m_message(std::move(message)) {}

    /// Builds an error from a SQLite result code and message.
    static Error sqlite(int extendedCode, QString message);
    static Error interrupted(const QString &what = {});
    static Error invalid(QString message) { return Error(Kind::InvalidArgument, std::move(message)); }

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    /// SQLite's primary result code (SQLITE_ERROR, SQLITE_BUSY, ...), or 1 for Litehouse's own errors.
    int code() const { return m_code; }
    /// SQLite's extended result code (SQLITE_BUSY_SNAPSHOT, SQLITE_CONSTRAINT_UNIQUE, ...).
    int extendedCode() const { return m_extendedCode; }
    QString message() const { return m_message; }
    /// The SQL that failed, where there was one.
    QString sql() const { return m_sql; }
    /// Byte offset of the error in sql() (UTF-8), or -1 where SQLite does not know it.
    int offset() const { return m_offset; }
    /// Path of the database the error happened on.
    QString database() const { return m_database; }

    Error &withSql(const QString &sql) { m_sql = sql; return *this; }
    Error &withOffset(int offset) { m_offset = offset; return *this; }
    Error &withDatabase(const QString &db) { m_database = db; return *this; }
    Error &withMessage(const QString &m) { m_message = m; return *this; }

    bool isBusy() const;
    /// One line for people: the message, and where known the database and position.
    QString toString() const;
    /// The name of a SQLite result code ("SQLITE_CONSTRAINT_UNIQUE").
    static QString codeName(int extendedCode);

private:
    Kind m_kind = Kind::None;
    int m_code = 0;
    int m_extendedCode = 0;
    QString m_message;
    QString m_sql;
    int m_offset = -1;
    QString m_database;
};

} // namespace Litehouse

Q_DECLARE_METATYPE(Litehouse::Error)
