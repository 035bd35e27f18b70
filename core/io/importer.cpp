#include "importer.h"
#include "../manager_p.h"

#include "csvreader.h"
#include "jsonreader.h"

#include "../sqlclassify.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <charconv>
#include <memory>

#include <sqlite3.h>

namespace Litehouse {

namespace {

// The parser of one file: CSV or JSON over a decoded, chunked read.
class Source
{
public:
    Outcome<Done> open(const ImportOptions &o)
    {
        m_file.setFileName(o.path);
        if (o.path.isEmpty())
            return Error::invalid(QStringLiteral("no file to import"));
        if (QFileInfo(o.path).isDir())
            return Error(Error::Kind::Io, QStringLiteral("%1 is a folder, not a file").arg(o.path));
        if (!m_file.open(QIODevice::ReadOnly))
            return Error(Error::Kind::Io, QStringLiteral("cannot open %1: %2").arg(o.path, m_file.errorString()));
        if (o.format == ImportFormat::Csv) {
            if (o.separator.isNull() || o.separator == u'\n' || o.separator == u'\r')
                return Error::invalid(QStringLiteral("the separator must be one character other than a line break"));
            if (!o.quote.isNull() && o.quote == o.separator)
                return Error::invalid(QStringLiteral("the quote and the separator must differ"));
        }
        m_text = std::make_unique<TextSource>(&m_file, o.encoding);
        if (o.format == ImportFormat::Csv)
            m_csv = std::make_unique<CsvReader>(m_text.get(), o.separator, o.quote);
        else
            m_json = std::make_unique<JsonReader>(m_text.get());
        return Done{};
    }
    Outcome<bool> next(ImportRecord &r) { return m_csv ? m_csv->next(r) : m_json->next(r); }
    qint64 bytes() const { return m_text->bytesRead(); }
    qint64 total() const { return m_text->totalBytes(); }
    TextEncoding encoding() const { return m_text->encoding(); }

private:
    QFile m_file;
    std::unique_ptr<TextSource> m_text;
    std::unique_ptr<CsvReader> m_csv;
    std::unique_ptr<JsonReader> m_json;
};

bool isDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

// A guess over the fields seen: nothing yet, then Integer, Real or Text.
struct Guess
{
    enum State { None, Integer, Real, Text } state = None;
    void see(const ImportField &f)
    {
        if (f.kind == ImportField::Kind::Null || f.text.isEmpty())
            return;
        const State s = f.kind == ImportField::Kind::Bool ? Integer
            : f.kind == ImportField::Kind::Text        ? Text
            : guessType(f.text) == ImportType::Integer ? Integer
            : guessType(f.text) == ImportType::Real    ? Real
            : f.kind == ImportField::Kind::Number      ? Real // a JSON number too big for an integer
                                                       : Text;
        state = std::max(state, s);
    }
    ImportType type() const { return state == Integer ? ImportType::Integer : state == Real ? ImportType::Real : ImportType::Text; }
};

QString genericName(qsizetype i)
{
    return QStringLiteral("column%1").arg(i + 1);
}

// What the first records say: the file's columns and Auto's guesses.
struct Layout
{
    QStringList names;
    QList<Guess> guesses;
    qint64 records = 0;      // data records read in the sample
    bool sawAnything = false;
};

Outcome<Layout> sample(const ImportOptions &o, int maxRecords, ImportPreview *preview = nullptr, int previewRows = 0)
{
    Source src;
    if (auto r = src.open(o); !r)
        return r.error();
    Layout l;
    ImportRecord rec;
    bool first = true;
    QHash<QString, int> keyIndex;
    while (l.records < maxRecords) {
        auto n = src.next(rec);
        if (!n)
            return n.error();
        if (!n.value())
            break;
        l.sawAnything = true;
        if (o.format == ImportFormat::Csv) {
            if (first) {
                first = false;
                for (qsizetype i = 0; i < rec.fields.size(); ++i)
                    l.names << (o.header && !rec.fields.at(i).text.trimmed().isEmpty() ? rec.fields.at(i).text.trimmed()
                                                                                      : genericName(i));
                l.guesses.resize(l.names.size());
                if (o.header)
                    continue;
            }
            if (rec.fields.size() != l.names.size())
                return Error::invalid(QStringLiteral("line %1: %2 fields, but the file has %3 columns (%4)")
                                          .arg(rec.line).arg(rec.fields.size()).arg(l.names.size())
                                          .arg(o.header ? QStringLiteral("from its header line")
                                                        : QStringLiteral("from its first line")));
            for (qsizetype i = 0; i < rec.fields.size(); ++i)
                l.guesses[i].see(rec.fields.at(i));
        } else {
            for (qsizetype i = 0; i < rec.keys.size(); ++i) {
                int k = keyIndex.value(rec.keys.at(i), -1);
                if (k < 0) {
                    k = int(l.names.size());
                    keyIndex.insert(rec.keys.at(i), k);
                    l.names << rec.keys.at(i);
                    l.guesses.append(Guess{});
                }
                l.guesses[k].see(rec.fields.at(i));
            }
        }
        if (preview && preview->rows.size() < previewRows) {
            QStringList row;
            QList<bool> nulls;
            if (o.format == ImportFormat::Csv) {
                for (const ImportField &f : rec.fields) {
                    row << f.text;
                    nulls << false;
                }
            } else {
                row.resize(l.names.size());
                nulls.fill(true, l.names.size());
                for (qsizetype i = 0; i < rec.keys.size(); ++i) {
                    const int k = keyIndex.value(rec.keys.at(i));
                    row[k] = rec.fields.at(i).text;
                    nulls[k] = rec.fields.at(i).kind == ImportField::Kind::Null;
                }
            }
            preview->rows << row;
            preview->nulls << nulls;
        } else if (preview) {
            preview->truncated = true;
            break;
        }
        ++l.records;
    }
    if (preview && l.records >= maxRecords) {
        auto n = src.next(rec);
        if (!n)
            return n.error();
        preview->truncated = n.value();
    }
    if (!l.sawAnything)
        return Error::invalid(QStringLiteral("%1 is empty: there is nothing to import").arg(QFileInfo(o.path).fileName()));
    if (preview) {
        preview->encoding = src.encoding();
        // JSON rows read before a key first appeared are short.
        for (qsizetype r = 0; r < preview->rows.size(); ++r) {
            while (preview->rows[r].size() < l.names.size()) {
                preview->rows[r] << QString();
                preview->nulls[r] << true;
            }
        }
    }
    return l;
}

QByteArray parseHex(QStringView s, bool *ok)
{
    if (s.startsWith(QLatin1String("0x")) || s.startsWith(QLatin1String("0X")))
        s = s.mid(2);
    *ok = false;
    if (s.size() % 2)
        return {};
    QByteArray out;
    out.reserve(s.size() / 2);
    for (qsizetype i = 0; i < s.size(); i += 2) {
        auto nibble = [](QChar c) {
            const char16_t u = c.unicode();
            if (u >= u'0' && u <= u'9') return int(u - u'0');
            if (u >= u'a' && u <= u'f') return int(u - u'a' + 10);
            if (u >= u'A' && u <= u'F') return int(u - u'A' + 10);
            return -1;
        };
        const int h = nibble(s[i]), l = nibble(s[i + 1]);
        if (h < 0 || l < 0)
            return {};
        out.append(char(h * 16 + l));
    }
    *ok = true;
    return out;
}

QString shown(const QString &text)
{
    return text.size() > 40 ? QLatin1Char('"') + text.left(37) + QStringLiteral("...\"") : QLatin1Char('"') + text + QLatin1Char('"');
}

// A field as the value its column's type makes of it; an error message
// (without the place) when it cannot be one.
// Numbers as C text: QString::toDouble and toLongLong go through the
// locale machinery and cost more than the insert itself.
template<typename T>
bool parseNumber(QStringView s, T *out)
{
    char buf[64] = {};
    if (s.size() >= qsizetype(sizeof buf) || s.isEmpty())
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c > 0x7f)
            return false;
        buf[i] = char(c);
    }
    const char *begin = buf + (buf[0] == '+' && s.size() > 1 && buf[1] != '-' ? 1 : 0);
    const auto r = std::from_chars(begin, buf + s.size(), *out);
    return r.ec == std::errc() && r.ptr == buf + s.size();
}

// What a field becomes, bound without building a Value: NULL, an integer,
// a real, the field's own text, or bytes.
struct Cell
{
    Value::Type type = Value::Type::Null;
    qint64 i = 0;
    double d = 0;
    QByteArray blob;
};

// A field as its column's type makes it; an error message (without the
// place) when it cannot be one.
Outcome<Cell> convert(const ImportField &f, ImportType type, bool emptyTextIsNull)
{
    Cell c;
    if (f.kind == ImportField::Kind::Null)
        return c;
    const QString &t = f.text;
    if (t.isEmpty()) {
        // An empty CSV field is no value, except in a TEXT column; an empty
        // JSON string is text wherever text may go.
        const bool text = type == ImportType::Text || (type == ImportType::Auto && f.kind == ImportField::Kind::Text);
        if (text && !emptyTextIsNull)
            c.type = Value::Type::Text;
        return c;
    }
    switch (type) {
    case ImportType::Auto: {
        c.type = Value::Type::Text;
        if (f.kind == ImportField::Kind::Text)
            return c;
        const ImportType g = f.kind == ImportField::Kind::Bool ? ImportType::Integer : guessType(t);
        if (g == ImportType::Integer && parseNumber(QStringView(t), &c.i))
            c.type = Value::Type::Integer;
        else if ((g == ImportType::Real || f.kind == ImportField::Kind::Number) && parseNumber(QStringView(t), &c.d))
            c.type = Value::Type::Real; // also a JSON integer too big for 64 bits, as SQLite reads it
        return c;
    }
    case ImportType::Integer: {
        const QStringView s = QStringView(t).trimmed();
        if (parseNumber(s, &c.i)) {
            c.type = Value::Type::Integer;
            return c;
        }
        if (parseNumber(s, &c.d) && c.d == double(qint64(c.d)) && c.d >= -9.2233720368547758e18 && c.d < 9.2233720368547758e18) {
            c.i = qint64(c.d);
            c.type = Value::Type::Integer;
            return c;
        }
        return Error::invalid(QStringLiteral("%1 is not an integer").arg(shown(t)));
    }
    case ImportType::Real:
        if (!parseNumber(QStringView(t).trimmed(), &c.d))
            return Error::invalid(QStringLiteral("%1 is not a number").arg(shown(t)));
        c.type = Value::Type::Real;
        return c;
    case ImportType::Text: c.type = Value::Type::Text; return c;
    case ImportType::Blob: {
        bool ok = false;
        c.blob = parseHex(QStringView(t).trimmed(), &ok);
        if (!ok)
            return Error::invalid(QStringLiteral("%1 is not hexadecimal bytes (a BLOB column takes hex digits, "
                                                 "two per byte)").arg(shown(t)));
        c.type = Value::Type::Blob;
        return c;
    }
    }
    return c;
}

QString declaredType(ImportType t)
{
    switch (t) {
    case ImportType::Integer: return QStringLiteral("INTEGER");
    case ImportType::Real: return QStringLiteral("REAL");
    case ImportType::Blob: return QStringLiteral("BLOB");
    case ImportType::Auto:
    case ImportType::Text: return QStringLiteral("TEXT");
    }
    return QStringLiteral("TEXT");
}

Error sqliteError(sqlite3 *db, int rc)
{
    return Error::sqlite(sqlite3_extended_errcode(db) ? sqlite3_extended_errcode(db) : rc, QString::fromUtf8(sqlite3_errmsg(db)));
}

// The existing table's columns that an INSERT can name (not hidden, not generated).
Outcome<QStringList> tableColumns(sqlite3 *db, const QString &table)
{
    const QByteArray sql = "SELECT name, hidden FROM pragma_table_xinfo(?1)";
    sqlite3_stmt *st = nullptr;
    if (int rc = sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr); rc != SQLITE_OK)
        return sqliteError(db, rc);
    const QByteArray name = table.toUtf8();
    sqlite3_bind_text(st, 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    QStringList out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (sqlite3_column_int(st, 1) == 0)
            out << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sqliteError(db, rc);
    return out;
}

} // namespace

QString importTypeName(ImportType type)
{
    switch (type) {
    case ImportType::Auto: return QStringLiteral("auto");
    case ImportType::Integer: return QStringLiteral("INTEGER");
    case ImportType::Real: return QStringLiteral("REAL");
    case ImportType::Text: return QStringLiteral("TEXT");
    case ImportType::Blob: return QStringLiteral("BLOB");
    }
    return {};
}

std::optional<ImportType> parseImportType(const QString &name)
{
    for (ImportType t : {ImportType::Auto, ImportType::Integer, ImportType::Real, ImportType::Text, ImportType::Blob})
        if (name.compare(importTypeName(t), Qt::CaseInsensitive) == 0)
            return t;
    return std::nullopt;
}

ImportType guessType(QStringView s)
{
    if (s.isEmpty())
        return ImportType::Text;
    QStringView body = s.startsWith(u'-') ? s.mid(1) : s;
    if (body.isEmpty() || !(body[0] >= u'0' && body[0] <= u'9'))
        return ImportType::Text;
    qsizetype i = 0;
    while (i < body.size() && body[i] >= u'0' && body[i] <= u'9')
        ++i;
    const QStringView intPart = body.left(i);
    // A leading zero (a postcode, an id like "007") is text.
    if (intPart.size() > 1 && intPart[0] == u'0')
        return ImportType::Text;
    if (i == body.size()) {
        qint64 v = 0;
        return parseNumber(s, &v) ? ImportType::Integer : ImportType::Real;
    }
    bool real = false;
    if (body[i] == u'.') {
        ++i;
        const qsizetype start = i;
        while (i < body.size() && body[i] >= u'0' && body[i] <= u'9')
            ++i;
        if (i == start)
            return ImportType::Text;
        real = true;
    }
    if (i < body.size() && (body[i] == u'e' || body[i] == u'E')) {
        ++i;
        if (i < body.size() && (body[i] == u'+' || body[i] == u'-'))
            ++i;
        if (!isDigits(body.mid(i)))
            return ImportType::Text;
        return ImportType::Real;
    }
    return real && i == body.size() ? ImportType::Real : ImportType::Text;
}

Outcome<ImportPreview> previewImport(const ImportOptions &options, int maxRows)
{
    ImportPreview p;
    auto l = sample(options, qMax(1, maxRows), &p, maxRows);
    if (!l)
        return l.error();
    p.columns = l.value().names;
    for (const Guess &g : l.value().guesses)
        p.guessed << g.type();
    return p;
}

QFuture<Outcome<ImportResult>> importFile(Manager &manager, const QString &database, const ImportOptions &options,
                                          std::function<void(const ImportProgress &)> progress, const CancelToken &cancel)
{
    auto ready = [](Error e) { return QtFuture::makeReadyFuture(Outcome<ImportResult>(std::move(e))); };
    if (options.table.trimmed().isEmpty())
        return ready(Error::invalid(QStringLiteral("no table to import into")));
    const QString path = manager.resolve(database);
    if (path.isEmpty())
        return ready(Error(Error::Kind::NotOpen, QStringLiteral("no open database \"%1\"").arg(database)));
    OperationRecord op;
    op.timestamp = QDateTime::currentDateTimeUtc();
    op.database = path;
    if (database != path)
        op.alias = database;
    op.sql = QStringLiteral("IMPORT INTO %1 FROM '%2'").arg(quoteIdentifier(options.table), QString(options.path).replace(QLatin1Char('\''), QStringLiteral("''")));
    op.kind = OperationRecord::Kind::Query;
    op.statementType = QStringLiteral("INSERT");
    Manager *m = &manager;
    auto fn = [m, op, options, progress, cancel](Connection &c) mutable -> Outcome<ImportResult> {
        QElapsedTimer timer;
        timer.start();
        auto work = [&]() -> Outcome<ImportResult> {
            auto layout = sample(options, qMax(1, options.sampleRecords));
            if (!layout)
                return layout.error();
            const Layout &l = layout.value();
            QList<ImportColumn> cols = options.columns;
            if (cols.isEmpty()) {
                for (const QString &n : l.names)
                    cols.append({n, ImportType::Auto});
            } else if (cols.size() != l.names.size()) {
                return Error::invalid(QStringLiteral("%1 columns were given, but the file has %2")
                                          .arg(cols.size()).arg(l.names.size()));
            }
            sqlite3 *db = c.handle();
            const QString table = options.table.trimmed();
            QStringList targets; // the table column each file column goes into
            if (options.createTable) {
                QHash<QString, int> seen;
                for (qsizetype i = 0; i < cols.size(); ++i) {
                    const QString n = cols.at(i).name.trimmed();
                    if (n.isEmpty())
                        return Error::invalid(QStringLiteral("column %1 has no name").arg(i + 1));
                    const QString key = n.toCaseFolded();
                    if (seen.contains(key))
                        return Error::invalid(QStringLiteral("the column name \"%1\" is used twice (columns %2 and %3); "
                                                             "rename one").arg(n).arg(seen.value(key) + 1).arg(i + 1));
                    seen.insert(key, int(i));
                    targets << n;
                }
            } else {
                auto existing = tableColumns(db, table);
                if (!existing)
                    return existing.error();
                if (existing.value().isEmpty())
                    return Error::invalid(QStringLiteral("there is no table \"%1\" to import into").arg(table));
                const QStringList &have = existing.value();
                if (options.match == ImportMatch::Position) {
                    if (cols.size() > have.size())
                        return Error::invalid(QStringLiteral("the file has %1 columns, but the table \"%2\" has only %3")
                                                  .arg(cols.size()).arg(table).arg(have.size()));
                    targets = have.mid(0, cols.size());
                } else {
                    for (const ImportColumn &col : cols) {
                        const auto it = std::find_if(have.begin(), have.end(), [&](const QString &h) {
                            return h.compare(col.name.trimmed(), Qt::CaseInsensitive) == 0;
                        });
                        if (it == have.end())
                            return Error::invalid(QStringLiteral("the file's column \"%1\" is not a column of \"%2\" "
                                                                 "(it has %3); match by position, or rename it")
                                                      .arg(col.name, table, have.join(QStringLiteral(", "))));
                        if (targets.contains(*it))
                            return Error::invalid(QStringLiteral("two of the file's columns go into \"%1\"").arg(*it));
                        targets << *it;
                    }
                }
            }
            // Types for new Auto columns come from the sample; their values
            // are still bound one by one as Auto says.
            QList<ImportType> types;
            for (const ImportColumn &col : cols)
                types << col.type;

            const bool outer = sqlite3_get_autocommit(db);
            const char *begin = outer ? "BEGIN IMMEDIATE" : "SAVEPOINT litehouse_import";
            if (sqlite3_exec(db, begin, nullptr, nullptr, nullptr) != SQLITE_OK)
                return sqliteError(db, SQLITE_ERROR);
            sqlite3_stmt *insert = nullptr;
            auto undo = [&] {
                if (insert)
                    sqlite3_finalize(insert);
                insert = nullptr;
                // An interrupted statement may have rolled back already.
                if (outer) {
                    if (!sqlite3_get_autocommit(db))
                        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
                } else {
                    sqlite3_exec(db, "ROLLBACK TO litehouse_import; RELEASE litehouse_import", nullptr, nullptr, nullptr);
                }
            };
            if (options.createTable) {
                QStringList defs;
                for (qsizetype i = 0; i < cols.size(); ++i) {
                    const ImportType t = types.at(i) == ImportType::Auto ? l.guesses.value(i).type() : types.at(i);
                    defs << quoteIdentifier(targets.at(i)) + QLatin1Char(' ') + declaredType(t);
                }
                const QByteArray create = QStringLiteral("CREATE TABLE %1 (%2)").arg(quoteIdentifier(table), defs.join(QStringLiteral(", "))).toUtf8();
                if (sqlite3_exec(db, create.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
                    Error e = sqliteError(db, SQLITE_ERROR);
                    undo();
                    if (e.message().contains(QLatin1String("already exists")))
                        e.withMessage(QStringLiteral("table \"%1\" already exists; import into the existing table, or "
                                                     "choose another name").arg(table));
                    return e;
                }
            }
            QStringList quoted, marks;
            for (const QString &t : targets) {
                quoted << quoteIdentifier(t);
                marks << QStringLiteral("?");
            }
            const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                       .arg(quoteIdentifier(table), quoted.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")))
                                       .toUtf8();
            if (int rc = sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &insert, nullptr);
                rc != SQLITE_OK) {
                Error e = sqliteError(db, rc);
                undo();
                return e;
            }
            Source src;
            if (auto o = src.open(options); !o) {
                undo();
                return o.error();
            }
            QHash<QString, int> keyIndex;
            for (qsizetype i = 0; i < l.names.size(); ++i)
                keyIndex.insert(l.names.at(i), int(i));
            ImportRecord rec;
            bool skipHeader = options.format == ImportFormat::Csv && options.header;
            ImportResult result;
            result.table = table;
            result.created = options.createTable;
            const ImportField nullField{ImportField::Kind::Null, {}};
            QList<const ImportField *> cells(cols.size(), nullptr);
            for (;;) {
                if (cancel.isCancelled()) {
                    undo();
                    return Error::interrupted(QStringLiteral("import cancelled; nothing was written"));
                }
                auto n = src.next(rec);
                if (!n) {
                    undo();
                    return n.error();
                }
                if (!n.value())
                    break;
                if (skipHeader) {
                    skipHeader = false;
                    continue;
                }
                if (options.format == ImportFormat::Csv) {
                    if (rec.fields.size() != cols.size()) {
                        undo();
                        return Error::invalid(QStringLiteral("line %1: %2 fields, but the file has %3 columns (%4); "
                                                             "nothing was imported")
                                                  .arg(rec.line).arg(rec.fields.size()).arg(cols.size())
                                                  .arg(options.header ? QStringLiteral("from its header line")
                                                                      : QStringLiteral("from its first line")));
                    }
                    for (qsizetype i = 0; i < cols.size(); ++i)
                        cells[i] = &rec.fields.at(i);
                } else {
                    cells.fill(&nullField);
                    for (qsizetype i = 0; i < rec.keys.size(); ++i) {
                        const int k = keyIndex.value(rec.keys.at(i), -1);
                        if (k < 0) {
                            undo();
                            return Error::invalid(QStringLiteral("line %1: the key \"%2\" is not in the first %3 objects, "
                                                                 "which gave the columns; nothing was imported")
                                                      .arg(rec.line).arg(rec.keys.at(i)).arg(l.records));
                        }
                        cells[k] = &rec.fields.at(i);
                    }
                }
                for (qsizetype i = 0; i < cols.size(); ++i) {
                    auto v = convert(*cells.at(i), types.at(i), options.emptyTextIsNull);
                    if (!v) {
                        undo();
                        return Error::invalid(QStringLiteral("line %1, column \"%2\": %3; nothing was imported")
                                                  .arg(rec.line).arg(cols.at(i).name, v.error().message()));
                    }
                    const Cell &cell = v.value();
                    const int p = int(i) + 1;
                    int rc = SQLITE_OK;
                    switch (cell.type) {
                    case Value::Type::Null: rc = sqlite3_bind_null(insert, p); break;
                    case Value::Type::Integer: rc = sqlite3_bind_int64(insert, p, cell.i); break;
                    case Value::Type::Real: rc = sqlite3_bind_double(insert, p, cell.d); break;
                    case Value::Type::Text: {
                        // SQLite turns the UTF-16 into the database's UTF-8 as it copies it.
                        const QString &text = cells.at(i)->text;
                        rc = sqlite3_bind_text16(insert, p, text.isEmpty() ? static_cast<const void *>(u"") : static_cast<const void *>(text.utf16()), int(text.size() * 2), SQLITE_TRANSIENT);
                        break;
                    }
                    case Value::Type::Blob:
                        // A null pointer would bind NULL: an empty BLOB points somewhere.
                        rc = sqlite3_bind_blob64(insert, p, cell.blob.isEmpty() ? "" : cell.blob.constData(),
                                                 sqlite3_uint64(cell.blob.size()), SQLITE_TRANSIENT);
                        break;
                    }
                    if (rc != SQLITE_OK) {
                        Error e = sqliteError(db, rc);
                        undo();
                        return e;
                    }
                }
                const int rc = sqlite3_step(insert);
                sqlite3_reset(insert);
                if (rc != SQLITE_DONE) {
                    Error e = sqliteError(db, rc);
                    undo();
                    if (rc == SQLITE_INTERRUPT || cancel.isCancelled())
                        return Error::interrupted(QStringLiteral("import cancelled; nothing was written"));
                    return e.withMessage(QStringLiteral("line %1: %2; nothing was imported").arg(rec.line).arg(e.message()));
                }
                ++result.rows;
                if (progress && result.rows % 2000 == 0)
                    progress({result.rows, src.bytes(), src.total()});
            }
            sqlite3_finalize(insert);
            insert = nullptr;
            const char *end = outer ? "COMMIT" : "RELEASE litehouse_import";
            if (sqlite3_exec(db, end, nullptr, nullptr, nullptr) != SQLITE_OK) {
                Error e = sqliteError(db, SQLITE_ERROR);
                undo();
                return e;
            }
            if (progress)
                progress({result.rows, src.bytes(), src.total()});
            return result;
        };
        Outcome<ImportResult> r = work();
        op.durationNs = timer.nsecsElapsed();
        Error e;
        if (!r) {
            e = r.error();
            if (e.database().isEmpty())
                e.withDatabase(c.path());
            op.outcome = e.kind() == Error::Kind::Interrupted ? OperationRecord::Outcome::Cancelled : OperationRecord::Outcome::Error;
            op.error = e.message();
            op.errorCode = e.extendedCode();
        } else {
            op.rowsAffected = r.value().rows;
        }
        detail::ManagerAccess::report(*m, op, e);
        return r;
    };
    return manager.withConnection<ImportResult>(database, Route::Writer, std::move(fn), cancel);
}

} // namespace Litehouse
