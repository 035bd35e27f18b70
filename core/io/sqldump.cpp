#include "sqldump.h"
#include "../manager_p.h"

#include "exporter.h"
#include "textsource.h"

#include "../sqlclassify.h"
#include "../sqlsplit.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <memory>

#include <sqlite3.h>

namespace Litehouse {

namespace {

QString text(sqlite3_stmt *st, int col)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, col)), sqlite3_column_bytes(st, col));
}

Error sqliteError(sqlite3 *db)
{
    return Error::sqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
}

// An identifier as sqlite3's .dump writes it: bare when it is a plain name
// that is not a keyword, else in double quotes.
QByteArray dumpName(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    bool plain = !utf8.isEmpty() && !(utf8[0] >= '0' && utf8[0] <= '9');
    for (char c : utf8)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            plain = false;
    if (plain && sqlite3_keyword_check(utf8.constData(), int(utf8.size())))
        plain = false;
    return plain ? utf8 : quoteIdentifier(name).toUtf8();
}

QByteArray quotedText(const QString &s)
{
    QByteArray out;
    const QByteArray u = s.toUtf8();
    appendSqlLiteral(out, SQLITE_TEXT, 0, 0, u.constData(), u.size());
    return out;
}

class Writer
{
public:
    explicit Writer(QIODevice *out) : m_out(out) {}
    void add(const QByteArray &b)
    {
        m_buf += b;
        if (m_buf.size() >= (1 << 20))
            flush();
    }
    QByteArray &buffer() { return m_buf; }
    void maybeFlush()
    {
        if (m_buf.size() >= (1 << 20))
            flush();
    }
    bool flush()
    {
        if (!m_buf.isEmpty()) {
            if (m_out->write(m_buf) != m_buf.size())
                m_failed = true;
            m_bytes += m_buf.size();
            m_buf.clear();
        }
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    qint64 bytes() const { return m_bytes; }

private:
    QIODevice *m_out;
    QByteArray m_buf;
    qint64 m_bytes = 0;
    bool m_failed = false;
};

struct TableEntry
{
    QString type;
    QString name;
    QString sql;
};

Outcome<DumpResult> dump(Connection &c, QIODevice *out, const std::function<void(const DumpProgress &)> &progress,
                         const CancelToken &cancel)
{
    sqlite3 *db = c.handle();
    // One read transaction: every table from the same snapshot.
    const bool own = sqlite3_get_autocommit(db);
    if (own && sqlite3_exec(db, "BEGIN; SELECT 1 FROM sqlite_schema LIMIT 1", nullptr, nullptr, nullptr) != SQLITE_OK) {
        Error e = sqliteError(db);
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    }
    struct End
    {
        sqlite3 *db;
        bool own;
        ~End()
        {
            if (own)
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    } end{db, own};

    auto query = [&](const char *sql, auto &&onRow) -> Outcome<Done> {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
            return sqliteError(db);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            onRow(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return sqliteError(db);
        return Done{};
    };

    // Every object in the order it was made (rowid order), so the copy's
    // schema lists them in the same order; a table's rows right after its
    // CREATE TABLE. A trigger is always made after its table, so it never
    // fires on the rows the dump inserts. sqlite_sequence is written last,
    // when the inserts can no longer move it.
    QList<TableEntry> objects;
    if (auto r = query("SELECT type, name, sql FROM sqlite_schema WHERE sql NOT NULL ORDER BY rowid",
                       [&](sqlite3_stmt *st) { objects.append({text(st, 0), text(st, 1), text(st, 2)}); });
        !r)
        return r.error();
    int tableCount = 0;
    bool hasSequence = false;
    for (const TableEntry &o : objects) {
        if (o.type == QLatin1String("table"))
            ++tableCount;
        if (o.name == QLatin1String("sqlite_sequence"))
            hasSequence = true;
    }
    QList<TableEntry> tables;
    for (const TableEntry &o : objects)
        if (o.name != QLatin1String("sqlite_sequence"))
            tables.append(o);
    if (hasSequence)
        tables.append({QStringLiteral("table"), QStringLiteral("sqlite_sequence"), QString()});

    Writer w(out);
    DumpResult result;
    DumpProgress p;
    p.tables = tableCount;
    w.add("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n");
    bool writableSchema = false;
    for (const TableEntry &t : tables) {
        if (cancel.isCancelled())
            return Error::interrupted(QStringLiteral("dump cancelled"));
        if (t.type != QLatin1String("table")) {
            w.add(t.sql.toUtf8() + ";\n");
            continue;
        }
        p.table = t.name;
        if (progress)
            progress(p);
        const bool sequence = t.name == QLatin1String("sqlite_sequence");
        if (sequence) {
            w.add("DELETE FROM sqlite_sequence;\n");
        } else if (t.name == QLatin1String("sqlite_stat1")) {
            w.add("ANALYZE sqlite_schema;\n");
        } else if (t.name.startsWith(QLatin1String("sqlite_"))) {
            ++p.tablesDone;
            continue;
        } else if (t.sql.startsWith(QLatin1String("CREATE VIRTUAL TABLE"), Qt::CaseInsensitive)) {
            // As sqlite3 does: the virtual table goes straight into the
            // schema; its shadow tables are ordinary tables with their rows.
            if (!writableSchema) {
                w.add("PRAGMA writable_schema=ON;\n");
                writableSchema = true;
            }
            w.add("INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table',");
            w.add(quotedText(t.name) + ',' + quotedText(t.name) + ",0," + quotedText(t.sql) + ");\n");
            ++p.tablesDone;
            continue;
        } else {
            w.add(t.sql.toUtf8() + ";\n");
        }
        // Generated columns cannot be inserted into: name the others.
        QStringList cols;
        bool generated = false;
        {
            sqlite3_stmt *st = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT name, hidden FROM pragma_table_xinfo(?1)", -1, &st, nullptr) != SQLITE_OK)
                return sqliteError(db);
            const QByteArray n = t.name.toUtf8();
            sqlite3_bind_text(st, 1, n.constData(), int(n.size()), SQLITE_TRANSIENT);
            while (sqlite3_step(st) == SQLITE_ROW) {
                if (sqlite3_column_int(st, 1) == 0)
                    cols << text(st, 0);
                else
                    generated = true;
            }
            sqlite3_finalize(st);
        }
        QByteArray head = "INSERT INTO " + dumpName(t.name);
        QStringList selected;
        if (generated) {
            QStringList names;
            for (const QString &col : cols) {
                names << QString::fromUtf8(dumpName(col));
                selected << quoteIdentifier(col);
            }
            head += '(' + names.join(QLatin1Char(',')).toUtf8() + ')';
        }
        head += " VALUES(";
        const QByteArray select = QStringLiteral("SELECT %1 FROM %2")
                                      .arg(generated ? selected.join(QLatin1Char(',')) : QStringLiteral("*"), quoteIdentifier(t.name))
                                      .toUtf8();
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, select.constData(), -1, &st, nullptr) != SQLITE_OK)
            return sqliteError(db);
        const int n = sqlite3_column_count(st);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            QByteArray &b = w.buffer();
            b += head;
            for (int i = 0; i < n; ++i) {
                if (i > 0)
                    b += ',';
                const int type = sqlite3_column_type(st, i);
                switch (type) {
                case SQLITE_INTEGER: appendSqlLiteral(b, type, sqlite3_column_int64(st, i), 0, nullptr, 0); break;
                case SQLITE_FLOAT: appendSqlLiteral(b, type, 0, sqlite3_column_double(st, i), nullptr, 0); break;
                case SQLITE_TEXT: {
                    const char *p0 = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
                    appendSqlLiteral(b, type, 0, 0, p0, sqlite3_column_bytes(st, i));
                    break;
                }
                case SQLITE_BLOB: {
                    const char *p0 = static_cast<const char *>(sqlite3_column_blob(st, i));
                    appendSqlLiteral(b, type, 0, 0, p0, sqlite3_column_bytes(st, i));
                    break;
                }
                default: b += "NULL";
                }
            }
            b += ");\n";
            ++result.rows;
            ++p.rows;
            w.maybeFlush();
            if (w.failed())
                break;
            if ((p.rows & 4095) == 0) {
                if (cancel.isCancelled())
                    break;
                if (progress)
                    progress(p);
            }
        }
        sqlite3_finalize(st);
        if (cancel.isCancelled() || rc == SQLITE_INTERRUPT)
            return Error::interrupted(QStringLiteral("dump cancelled"));
        if (w.failed())
            return Error(Error::Kind::Io, QStringLiteral("cannot write the dump: %1").arg(out->errorString()));
        if (rc != SQLITE_DONE)
            return sqliteError(db);
        ++p.tablesDone;
        ++result.tables;
    }
    if (writableSchema)
        w.add("PRAGMA writable_schema=OFF;\n");
    w.add("COMMIT;\n");
    if (!w.flush())
        return Error(Error::Kind::Io, QStringLiteral("cannot write the dump: %1").arg(out->errorString()));
    result.bytes = w.bytes();
    p.table.clear();
    if (progress)
        progress(p);
    return result;
}

OperationRecord makeOp(Manager &m, const QString &database, const QString &sql)
{
    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = m.resolve(database);
    if (database != op.database)
        op.alias = database;
    op.sql = sql;
    op.kind = OperationRecord::Kind::Script;
    op.statementType = QStringLiteral("OTHER");
    return op;
}

template<typename R>
Outcome<R> reported(Manager *m, OperationRecord op, const QElapsedTimer &t, Connection &c, Outcome<R> r)
{
    op.durationNs = t.nsecsElapsed();
    Error e;
    if (!r) {
        e = r.error();
        if (e.database().isEmpty())
            e.withDatabase(c.path());
        op.outcome = e.kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled : OperationRecord::Outcome::Error;
        op.error = e.message();
        op.errorCode = e.extendedCode();
    }
    detail::ManagerAccess::report(*m, op, e);
    return r;
}

QString quotedPath(const QString &path)
{
    return QLatin1Char('\'') + QString(path).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

} // namespace

QFuture<Outcome<DumpResult>> dumpDatabase(Manager &manager, const QString &database, QIODevice *out,
                                          std::function<void(const DumpProgress &)> progress, const CancelToken &cancel)
{
    if (!manager.isOpen(database))
        return QtFuture::makeReadyFuture(Outcome<DumpResult>(Error(Error::Kind::NotOpen, QStringLiteral("no open database \"%1\"").arg(database))));
    Manager *m = &manager;
    const OperationRecord op = makeOp(manager, database, QStringLiteral("DUMP TO standard output"));
    return manager.withConnection<DumpResult>(database, Route::Reader, [m, op, out, progress, cancel](Connection &c) {
        QElapsedTimer t;
        t.start();
        return reported(m, op, t, c, dump(c, out, progress, cancel));
    }, cancel);
}

QFuture<Outcome<DumpResult>> dumpDatabase(Manager &manager, const QString &database, const QString &path,
                                          std::function<void(const DumpProgress &)> progress, const CancelToken &cancel)
{
    if (!manager.isOpen(database))
        return QtFuture::makeReadyFuture(Outcome<DumpResult>(Error(Error::Kind::NotOpen, QStringLiteral("no open database \"%1\"").arg(database))));
    if (path.isEmpty())
        return QtFuture::makeReadyFuture(Outcome<DumpResult>(Error::invalid(QStringLiteral("no file to write the dump to"))));
    Manager *m = &manager;
    const OperationRecord op = makeOp(manager, database, QStringLiteral("DUMP TO %1").arg(quotedPath(path)));
    return manager.withConnection<DumpResult>(database, Route::Reader, [m, op, path, progress, cancel](Connection &c) {
        QElapsedTimer t;
        t.start();
        auto run = [&]() -> Outcome<DumpResult> {
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
            auto r = dump(c, &f, progress, cancel);
            if (!r) {
                f.cancelWriting();
                return r;
            }
            if (!f.commit())
                return Error(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
            return r;
        };
        return reported(m, op, t, c, run());
    }, cancel);
}

QFuture<Outcome<SqlFileResult>> runSqlFile(Manager &manager, const QString &database, const QString &path,
                                           std::function<void(const SqlFileProgress &)> progress, const CancelToken &cancel)
{
    if (!manager.isOpen(database))
        return QtFuture::makeReadyFuture(Outcome<SqlFileResult>(Error(Error::Kind::NotOpen, QStringLiteral("no open database \"%1\"").arg(database))));
    Manager *m = &manager;
    const OperationRecord op = makeOp(manager, database, QStringLiteral("RUN FILE %1").arg(quotedPath(path)));
    return manager.withConnection<SqlFileResult>(database, Route::Writer, [m, op, path, progress, cancel](Connection &c) {
        QElapsedTimer t;
        t.start();
        auto run = [&]() -> Outcome<SqlFileResult> {
            QFile f(path);
            if (QFileInfo(path).isDir())
                return Error(Error::Kind::Io, QStringLiteral("%1 is a folder, not a file").arg(path));
            if (!f.open(QIODevice::ReadOnly))
                return Error(Error::Kind::Io, QStringLiteral("cannot open %1: %2").arg(path, f.errorString()));
            TextSource src(&f, TextEncoding::Auto);
            const bool startedInAutocommit = c.autocommit();
            SqlFileResult result;
            qint64 line = 1; // the line m_buf starts on
            QString buf;
            bool eof = false;
            auto fail = [&](Error e) -> Outcome<SqlFileResult> {
                QString what = e.message();
                if (startedInAutocommit && !c.autocommit()) {
                    c.execute("ROLLBACK");
                    what += QStringLiteral("; the transaction the file began was rolled back");
                }
                if (result.statements > 0)
                    what += result.statements == 1 ? QStringLiteral(" (1 statement before it ran)")
                                                   : QStringLiteral(" (%1 statements before it ran)").arg(result.statements);
                return e.withMessage(what);
            };
            while (!eof) {
                if (cancel.isCancelled())
                    return fail(Error::interrupted(QStringLiteral("running %1 was cancelled").arg(QFileInfo(path).fileName())));
                auto r = src.read(buf);
                if (!r)
                    return fail(r.error());
                eof = !r.value();
                const QList<StatementSpan> spans = splitStatements(buf);
                // The last piece may still be cut off by the chunk's end;
                // splitting only looks back, so every piece before it is whole.
                const qsizetype whole = eof ? spans.size() : spans.size() - 1;
                qsizetype consumed = 0;
                for (qsizetype i = 0; i < whole; ++i) {
                    const StatementSpan &s = spans.at(i);
                    const QStringView stmt = QStringView(buf).mid(s.begin, s.length());
                    const qint64 at = line + QStringView(buf).left(s.begin).count(QLatin1Char('\n'));
                    if (cancel.isCancelled())
                        return fail(Error::interrupted(QStringLiteral("running %1 was cancelled").arg(QFileInfo(path).fileName())));
                    const QByteArray utf8 = stmt.toUtf8();
                    if (!isBlankSql(utf8)) {
                        auto e = c.execute(utf8, {}, Fetch::none(), cancel);
                        if (!e) {
                            Error err = e.error();
                            if (err.kind() == Error::Kind::Interrupted || cancel.isCancelled())
                                return fail(Error::interrupted(QStringLiteral("running %1 was cancelled at line %2")
                                                                   .arg(QFileInfo(path).fileName()).arg(at)));
                            return fail(err.withMessage(QStringLiteral("line %1: %2").arg(at).arg(err.message())));
                        }
                        ++result.statements;
                    }
                    consumed = s.end;
                }
                if (consumed > 0) {
                    line += QStringView(buf).left(consumed).count(QLatin1Char('\n'));
                    buf.remove(0, consumed);
                }
                if (progress)
                    progress({src.bytesRead(), src.totalBytes(), result.statements});
            }
            return result;
        };
        return reported(m, op, t, c, run());
    }, cancel);
}

} // namespace Litehouse
