#include "tabledesc.h"

#include "sqltext_p.h"

#include <QHash>

namespace Litehouse {

using SchemaText::Token;
namespace T = SchemaText;

namespace {

QString nameList(const QStringList &names)
{
    QStringList q;
    for (const QString &n : names)
        q << T::name(n);
    return q.join(QStringLiteral(", "));
}

QString conflictSql(const QString &conflict)
{
    return conflict.isEmpty() ? QString() : QStringLiteral(" ON CONFLICT ") + conflict;
}

QString constraintName(const QString &name)
{
    return name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + T::name(name) + QLatin1Char(' ');
}

QString defaultSql(const QString &expr)
{
    const QString e = expr.trimmed();
    if (T::isPlainDefault(e))
        return e;
    const QList<Token> t = T::tokenize(e);
    if (!t.isEmpty() && t.first().isPunct('(') && T::closing(t, 0) == t.size() - 1)
        return e; // already one parenthesised expression
    return QLatin1Char('(') + e + QLatin1Char(')');
}

// The parser: follows SQLite's grammar for CREATE TABLE closely enough to
// read every column and constraint back; expressions are kept as written.
class Parser
{
public:
    explicit Parser(const QString &sql) : m_sql(sql), m_t(T::tokenize(sql)) {}

    Outcome<TableDesc> parse()
    {
        if (!eat("CREATE"))
            return fail(QStringLiteral("it does not start with CREATE"));
        if (!eat("TEMP"))
            eat("TEMPORARY");
        if (peek().is("VIRTUAL"))
            return fail(QStringLiteral("it is a virtual table, which only its module can change"));
        if (!eat("TABLE"))
            return fail(QStringLiteral("it is not CREATE TABLE"));
        if (eat("IF") && !(eat("NOT") && eat("EXISTS")))
            return fail(QStringLiteral("IF without NOT EXISTS"));
        if (!peek().isName())
            return fail(QStringLiteral("no table name"));
        m_d.name = next().value;
        if (peek().isPunct('.')) {
            next();
            m_d.name = next().value;
        }
        if (!peek().isPunct('('))
            return fail(QStringLiteral("no column list (CREATE TABLE … AS is not read)"));
        next();
        for (;;) {
            const Token &t = peek();
            if (t.is("CONSTRAINT") || t.is("PRIMARY") || t.is("UNIQUE") || t.is("CHECK") || t.is("FOREIGN")) {
                if (auto r = tableConstraint(); !r)
                    return r.error();
            } else {
                if (auto r = columnDef(); !r)
                    return r.error();
            }
            if (peek().isPunct(',')) {
                next();
                continue;
            }
            if (peek().isPunct(')')) {
                next();
                break;
            }
            return fail(QStringLiteral("unexpected “%1”").arg(text(m_i, m_i + 1)));
        }
        while (peek().type != Token::Type::End && !peek().isPunct(';')) {
            if (eat("WITHOUT")) {
                if (!(peek().isName() && peek().value.compare(QLatin1String("ROWID"), Qt::CaseInsensitive) == 0))
                    return fail(QStringLiteral("WITHOUT without ROWID"));
                next();
                m_d.withoutRowid = true;
            } else if (peek().isName() && peek().value.compare(QLatin1String("STRICT"), Qt::CaseInsensitive) == 0) {
                next();
                m_d.strict = true;
            } else if (peek().isPunct(',')) {
                next();
            } else {
                return fail(QStringLiteral("unknown table option “%1”").arg(text(m_i, m_i + 1)));
            }
        }
        for (ColumnDesc &c : m_d.columns)
            c.origin = c.name;
        m_d.origin = m_d.name;
        return m_d;
    }

private:
    const Token &peek(int ahead = 0) const { return m_t.at(qMin<qsizetype>(m_i + ahead, m_t.size() - 1)); }
    const Token &next() { const Token &t = peek(); if (m_i < m_t.size() - 1) ++m_i; return t; }
    bool eat(const char *kw) { if (peek().is(kw)) { next(); return true; } return false; }
    // A word SQLite does not reserve (STORED, ROWID, STRICT).
    bool eatWord(const char *word)
    {
        if (peek().isName() && peek().value.compare(QLatin1String(word), Qt::CaseInsensitive) == 0) {
            next();
            return true;
        }
        return false;
    }
    Error fail(const QString &why) const
    {
        return Error::invalid(QStringLiteral("cannot read the table definition (%1)").arg(why));
    }
    // The source text of tokens [from, to).
    QString text(int from, int to) const
    {
        if (to <= from)
            return {};
        return m_sql.mid(m_t.at(from).start, m_t.at(to - 1).end - m_t.at(from).start);
    }
    // "( … )" at the current token: the text inside.
    Outcome<QString> parenthesised()
    {
        if (!peek().isPunct('('))
            return fail(QStringLiteral("expected “(”"));
        const int end = T::closing(m_t, m_i);
        if (end < 0)
            return fail(QStringLiteral("a parenthesis never closes"));
        const QString inner = text(m_i + 1, end - 1);
        m_i = end;
        return inner;
    }
    QString conflict()
    {
        if (peek().is("ON") && peek(1).is("CONFLICT")) {
            next();
            next();
            return next().value.toUpper();
        }
        return {};
    }
    Outcome<QStringList> indexedColumns(bool *descending = nullptr)
    {
        if (!peek().isPunct('('))
            return fail(QStringLiteral("expected a column list"));
        next();
        QStringList cols;
        while (!peek().isPunct(')')) {
            if (!peek().isName())
                return fail(QStringLiteral("expected a column name"));
            cols << next().value;
            if (eat("COLLATE"))
                next();
            if (eat("DESC") && descending)
                *descending = true;
            eat("ASC");
            if (peek().isPunct(','))
                next();
            else if (!peek().isPunct(')'))
                return fail(QStringLiteral("unexpected “%1” in a column list").arg(text(m_i, m_i + 1)));
        }
        next();
        return cols;
    }
    Outcome<ForeignKeyDesc> references(QStringList columns, const QString &name)
    {
        ForeignKeyDesc fk;
        fk.name = name;
        fk.columns = std::move(columns);
        if (!eat("REFERENCES") || !peek().isName())
            return fail(QStringLiteral("REFERENCES without a table"));
        fk.refTable = next().value;
        if (peek().isPunct('(')) {
            auto cols = indexedColumns();
            if (!cols)
                return cols.error();
            fk.refColumns = cols.take();
        }
        for (;;) {
            if (peek().is("ON") && (peek(1).is("DELETE") || peek(1).is("UPDATE"))) {
                next();
                const bool del = next().is("DELETE");
                QString action;
                if (eat("SET"))
                    action = QStringLiteral("SET ") + next().value.toUpper();
                else if (eat("NO"))
                    action = QStringLiteral("NO ") + next().value.toUpper();
                else
                    action = next().value.toUpper();
                (del ? fk.onDelete : fk.onUpdate) = action;
            } else if (peek().is("MATCH")) {
                const int s = m_i;
                next();
                next();
                fk.tail += (fk.tail.isEmpty() ? QString() : QStringLiteral(" ")) + text(s, m_i);
            } else if (peek().is("NOT") && peek(1).is("DEFERRABLE")) {
                const int s = m_i;
                next();
                next();
                if (eat("INITIALLY"))
                    next();
                fk.tail += (fk.tail.isEmpty() ? QString() : QStringLiteral(" ")) + text(s, m_i);
            } else if (peek().is("DEFERRABLE")) {
                const int s = m_i;
                next();
                if (eat("INITIALLY"))
                    next();
                fk.tail += (fk.tail.isEmpty() ? QString() : QStringLiteral(" ")) + text(s, m_i);
            } else {
                break;
            }
        }
        return fk;
    }

    Outcome<Done> tableConstraint()
    {
        QString name;
        if (eat("CONSTRAINT"))
            name = next().value;
        if (eat("PRIMARY")) {
            if (!eat("KEY"))
                return fail(QStringLiteral("PRIMARY without KEY"));
            bool desc = false;
            auto cols = indexedColumns(&desc);
            if (!cols)
                return cols.error();
            int pos = 1;
            for (const QString &c : cols.value()) {
                const int i = m_d.indexOf(c);
                if (i < 0)
                    return fail(QStringLiteral("the primary key names an unknown column “%1”").arg(c));
                m_d.columns[i].primaryKey = pos++;
            }
            m_d.primaryKeyDescending = desc && cols.value().size() == 1;
            m_d.primaryKeyConflict = conflict();
            m_d.primaryKeyName = name;
            if (eat("AUTOINCREMENT"))
                m_d.autoincrement = true;
        } else if (eat("UNIQUE")) {
            auto cols = indexedColumns();
            if (!cols)
                return cols.error();
            m_d.uniques.append({name, cols.value(), conflict()});
        } else if (eat("CHECK")) {
            auto e = parenthesised();
            if (!e)
                return e.error();
            m_d.checks.append({name, e.value()});
        } else if (eat("FOREIGN")) {
            if (!eat("KEY"))
                return fail(QStringLiteral("FOREIGN without KEY"));
            auto cols = indexedColumns();
            if (!cols)
                return cols.error();
            auto fk = references(cols.value(), name);
            if (!fk)
                return fk.error();
            m_d.foreignKeys.append(fk.value());
        } else {
            return fail(QStringLiteral("unknown table constraint “%1”").arg(text(m_i, m_i + 1)));
        }
        return Done{};
    }

    static bool startsConstraint(const Token &t)
    {
        return t.is("CONSTRAINT") || t.is("PRIMARY") || t.is("NOT") || t.is("NULL") || t.is("UNIQUE")
            || t.is("CHECK") || t.is("DEFAULT") || t.is("COLLATE") || t.is("REFERENCES") || t.is("GENERATED")
            || t.is("AS");
    }

    Outcome<Done> columnDef()
    {
        if (!peek().isName() && peek().type != Token::Type::String)
            return fail(QStringLiteral("expected a column name"));
        ColumnDesc c;
        c.name = next().value;
        const int typeStart = m_i;
        while (peek().type != Token::Type::End && !peek().isPunct(',') && !peek().isPunct(')')
               && !startsConstraint(peek())) {
            if (peek().isPunct('(')) {
                const int end = T::closing(m_t, m_i);
                if (end < 0)
                    return fail(QStringLiteral("a parenthesis never closes"));
                m_i = end;
            } else {
                next();
            }
        }
        c.type = text(typeStart, m_i);
        QString name;
        while (!peek().isPunct(',') && !peek().isPunct(')') && peek().type != Token::Type::End) {
            if (eat("CONSTRAINT")) {
                name = next().value;
                continue;
            }
            if (eat("PRIMARY")) {
                if (!eat("KEY"))
                    return fail(QStringLiteral("PRIMARY without KEY"));
                c.primaryKey = 1;
                if (eat("DESC"))
                    m_d.primaryKeyDescending = true;
                eat("ASC");
                m_d.primaryKeyConflict = conflict();
                m_d.primaryKeyName = name;
                if (eat("AUTOINCREMENT"))
                    m_d.autoincrement = true;
            } else if (eat("NOT")) {
                if (!eat("NULL"))
                    return fail(QStringLiteral("NOT without NULL"));
                c.notNull = true;
                c.notNullConflict = conflict();
            } else if (eat("NULL")) {
                conflict();
            } else if (eat("UNIQUE")) {
                c.unique = true;
                c.uniqueConflict = conflict();
            } else if (eat("CHECK")) {
                auto e = parenthesised();
                if (!e)
                    return e.error();
                c.checks.append({name, e.value()});
            } else if (eat("DEFAULT")) {
                if (peek().isPunct('(')) {
                    const int s = m_i;
                    if (auto e = parenthesised(); !e)
                        return e.error();
                    c.defaultExpr = text(s, m_i);
                } else {
                    const int s = m_i;
                    if (peek().isPunct('-') || peek().isPunct('+'))
                        next();
                    next();
                    c.defaultExpr = text(s, m_i);
                }
            } else if (eat("COLLATE")) {
                c.collation = next().value;
            } else if (peek().is("REFERENCES")) {
                auto fk = references({c.name}, name);
                if (!fk)
                    return fk.error();
                m_d.foreignKeys.append(fk.value());
            } else if (peek().is("GENERATED") || peek().is("AS")) {
                if (eat("GENERATED") && !eat("ALWAYS"))
                    return fail(QStringLiteral("GENERATED without ALWAYS"));
                if (!eat("AS"))
                    return fail(QStringLiteral("GENERATED ALWAYS without AS"));
                auto e = parenthesised();
                if (!e)
                    return e.error();
                c.generatedExpr = e.value();
                c.generated = ColumnDesc::Generated::Virtual;
                if (eatWord("STORED"))
                    c.generated = ColumnDesc::Generated::Stored;
                else
                    eatWord("VIRTUAL");
            } else {
                return fail(QStringLiteral("unexpected “%1” in column %2").arg(text(m_i, m_i + 1), c.name));
            }
            name.clear();
        }
        m_d.columns.append(c);
        return Done{};
    }

    const QString &m_sql;
    QList<Token> m_t;
    int m_i = 0;
    TableDesc m_d;
};

} // namespace

QString ForeignKeyDesc::sql() const
{
    QString s = constraintName(name) + QStringLiteral("FOREIGN KEY(%1) REFERENCES %2").arg(nameList(columns), T::name(refTable));
    if (!refColumns.isEmpty())
        s += QLatin1Char('(') + nameList(refColumns) + QLatin1Char(')');
    if (!onDelete.isEmpty())
        s += QStringLiteral(" ON DELETE ") + onDelete;
    if (!onUpdate.isEmpty())
        s += QStringLiteral(" ON UPDATE ") + onUpdate;
    if (!tail.isEmpty())
        s += QLatin1Char(' ') + tail;
    return s;
}

const ColumnDesc *TableDesc::column(const QString &n) const
{
    const int i = indexOf(n);
    return i < 0 ? nullptr : &columns.at(i);
}

int TableDesc::indexOf(const QString &n) const
{
    for (int i = 0; i < columns.size(); ++i)
        if (T::key(columns.at(i).name) == T::key(n))
            return i;
    return -1;
}

QStringList TableDesc::primaryKey() const
{
    QList<QPair<int, QString>> pk;
    for (const ColumnDesc &c : columns)
        if (c.primaryKey > 0)
            pk.append({c.primaryKey, c.name});
    std::sort(pk.begin(), pk.end());
    QStringList out;
    for (const auto &p : pk)
        out << p.second;
    return out;
}

QString TableDesc::columnSql(const ColumnDesc &c, const TableDesc &table)
{
    QString s = T::name(c.name);
    if (!c.type.trimmed().isEmpty())
        s += QLatin1Char(' ') + c.type.trimmed();
    // A one-column key is written on its column, so an INTEGER PRIMARY KEY
    // stays the rowid (and AUTOINCREMENT can be said at all).
    if (c.primaryKey > 0 && table.primaryKey().size() == 1) {
        s += QLatin1Char(' ') + constraintName(table.primaryKeyName) + QStringLiteral("PRIMARY KEY");
        if (table.primaryKeyDescending)
            s += QStringLiteral(" DESC");
        s += conflictSql(table.primaryKeyConflict);
        if (table.autoincrement)
            s += QStringLiteral(" AUTOINCREMENT");
    }
    if (c.notNull)
        s += QStringLiteral(" NOT NULL") + conflictSql(c.notNullConflict);
    if (c.unique)
        s += QStringLiteral(" UNIQUE") + conflictSql(c.uniqueConflict);
    for (const CheckDesc &ch : c.checks)
        s += QLatin1Char(' ') + constraintName(ch.name) + QStringLiteral("CHECK(") + ch.expr + QLatin1Char(')');
    if (!c.defaultExpr.trimmed().isEmpty())
        s += QStringLiteral(" DEFAULT ") + defaultSql(c.defaultExpr);
    if (!c.collation.isEmpty())
        s += QStringLiteral(" COLLATE ") + T::name(c.collation);
    if (c.isGenerated())
        s += QStringLiteral(" GENERATED ALWAYS AS (") + c.generatedExpr
            + (c.generated == ColumnDesc::Generated::Stored ? QStringLiteral(") STORED") : QStringLiteral(") VIRTUAL"));
    return s;
}

QStringList TableDesc::constraintSql() const
{
    QStringList out;
    const QStringList pk = primaryKey();
    if (pk.size() > 1)
        out << constraintName(primaryKeyName) + QStringLiteral("PRIMARY KEY(") + nameList(pk) + QLatin1Char(')')
                   + conflictSql(primaryKeyConflict);
    for (const UniqueDesc &u : uniques)
        out << constraintName(u.name) + QStringLiteral("UNIQUE(") + nameList(u.columns) + QLatin1Char(')')
                   + conflictSql(u.conflict);
    for (const CheckDesc &c : checks)
        out << constraintName(c.name) + QStringLiteral("CHECK(") + c.expr + QLatin1Char(')');
    for (const ForeignKeyDesc &fk : foreignKeys)
        out << fk.sql();
    return out;
}

QString TableDesc::createSql(const QString &asName) const
{
    QStringList parts;
    for (const ColumnDesc &c : columns)
        parts << QStringLiteral("  ") + columnSql(c, *this);
    for (const QString &c : constraintSql())
        parts << QStringLiteral("  ") + c;
    QString s = QStringLiteral("CREATE TABLE %1 (\n").arg(T::name(asName.isEmpty() ? name : asName))
        + parts.join(QStringLiteral(",\n")) + QStringLiteral("\n)");
    QStringList options;
    if (withoutRowid)
        options << QStringLiteral("WITHOUT ROWID");
    if (strict)
        options << QStringLiteral("STRICT");
    if (!options.isEmpty())
        s += QLatin1Char(' ') + options.join(QStringLiteral(", "));
    return s;
}

void TableDesc::renameColumn(const QString &from, const QString &to)
{
    renameColumnAt(indexOf(from), to);
}

void TableDesc::renameColumnAt(int i, const QString &to)
{
    if (i < 0 || i >= columns.size())
        return;
    const QString from = columns.at(i).name;
    const QHash<QString, QString> map{{T::key(from), to}};
    auto names = [&](QStringList &list) {
        for (QString &n : list)
            if (T::key(n) == T::key(from))
                n = to;
    };
    columns[i].name = to;
    for (ColumnDesc &c : columns) {
        for (CheckDesc &ch : c.checks)
            ch.expr = T::renameIdentifiers(ch.expr, map, name);
        c.generatedExpr = T::renameIdentifiers(c.generatedExpr, map, name);
    }
    for (CheckDesc &ch : checks)
        ch.expr = T::renameIdentifiers(ch.expr, map, name);
    for (UniqueDesc &u : uniques)
        names(u.columns);
    for (ForeignKeyDesc &fk : foreignKeys) {
        names(fk.columns);
        if (T::key(fk.refTable) == T::key(name))
            names(fk.refColumns);
    }
}

QStringList TableDesc::problems() const
{
    QStringList out;
    if (name.trimmed().isEmpty())
        out << QStringLiteral("the table has no name");
    if (name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive))
        out << QStringLiteral("names starting with “sqlite_” are reserved for SQLite");
    if (columns.isEmpty())
        out << QStringLiteral("a table needs at least one column");
    QHash<QString, int> seen;
    bool anyPlain = false;
    for (int i = 0; i < columns.size(); ++i) {
        const ColumnDesc &c = columns.at(i);
        if (c.name.trimmed().isEmpty()) {
            out << QStringLiteral("column %1 has no name").arg(i + 1);
            continue;
        }
        if (seen.contains(T::key(c.name)))
            out << QStringLiteral("two columns are named “%1”").arg(c.name);
        seen.insert(T::key(c.name), i);
        if (!c.isGenerated())
            anyPlain = true;
        if (c.isGenerated() && c.generatedExpr.trimmed().isEmpty())
            out << QStringLiteral("generated column “%1” has no expression").arg(c.name);
        if (c.isGenerated() && c.primaryKey > 0)
            out << QStringLiteral("generated column “%1” cannot be part of the primary key").arg(c.name);
        if (strict) {
            static const QStringList strictTypes = {QStringLiteral("INT"), QStringLiteral("INTEGER"),
                                                    QStringLiteral("REAL"), QStringLiteral("TEXT"),
                                                    QStringLiteral("BLOB"), QStringLiteral("ANY")};
            if (!strictTypes.contains(c.type.trimmed().toUpper()))
                out << QStringLiteral("a STRICT table allows only INT, INTEGER, REAL, TEXT, BLOB or ANY: column “%1” is “%2”")
                           .arg(c.name, c.type);
        }
    }
    if (!columns.isEmpty() && !anyPlain)
        out << QStringLiteral("a table needs at least one column that is not generated");
    const QStringList pk = primaryKey();
    if (withoutRowid && pk.isEmpty())
        out << QStringLiteral("a WITHOUT ROWID table needs a primary key");
    if (autoincrement) {
        const ColumnDesc *c = pk.size() == 1 ? column(pk.first()) : nullptr;
        if (!c || c->type.trimmed().compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) != 0)
            out << QStringLiteral("AUTOINCREMENT needs a one-column INTEGER PRIMARY KEY");
        else if (withoutRowid)
            out << QStringLiteral("AUTOINCREMENT is not allowed on a WITHOUT ROWID table");
    }
    for (const CheckDesc &c : checks)
        if (c.expr.trimmed().isEmpty())
            out << QStringLiteral("a CHECK constraint has no expression");
    for (const UniqueDesc &u : uniques)
        if (u.columns.isEmpty())
            out << QStringLiteral("a UNIQUE constraint has no columns");
    for (const UniqueDesc &u : uniques)
        for (const QString &c : u.columns)
            if (!column(c))
                out << QStringLiteral("a UNIQUE constraint names an unknown column “%1”").arg(c);
    for (const ForeignKeyDesc &fk : foreignKeys) {
        if (fk.refTable.trimmed().isEmpty())
            out << QStringLiteral("a foreign key has no parent table");
        if (fk.columns.isEmpty())
            out << QStringLiteral("a foreign key has no columns");
        for (const QString &c : fk.columns)
            if (!column(c))
                out << QStringLiteral("a foreign key names an unknown column “%1”").arg(c);
        if (!fk.refColumns.isEmpty() && fk.refColumns.size() != fk.columns.size())
            out << QStringLiteral("a foreign key to %1 has %2 column(s) but refers to %3")
                       .arg(fk.refTable).arg(fk.columns.size()).arg(fk.refColumns.size());
    }
    return out;
}

Outcome<TableDesc> parseCreateTable(const QString &sql)
{
    return Parser(sql).parse();
}

QString IndexDesc::createSql() const
{
    QStringList cols;
    for (const IndexColumn &c : columns) {
        QString s = c.column.isEmpty() ? c.expr : T::name(c.column);
        if (!c.collation.isEmpty())
            s += QStringLiteral(" COLLATE ") + T::name(c.collation);
        if (c.descending)
            s += QStringLiteral(" DESC");
        cols << s;
    }
    QString s = QStringLiteral("CREATE %1INDEX %2 ON %3(%4)")
                    .arg(unique ? QStringLiteral("UNIQUE ") : QString(), T::name(name), T::name(table),
                         cols.join(QStringLiteral(", ")));
    if (!where.trimmed().isEmpty())
        s += QStringLiteral(" WHERE ") + where.trimmed();
    return s;
}

QString TriggerDesc::createSql() const
{
    QString ev = event;
    if (event == QLatin1String("UPDATE") && !updateOf.isEmpty())
        ev += QStringLiteral(" OF ") + nameList(updateOf);
    QString s = QStringLiteral("CREATE TRIGGER %1 %2 %3 ON %4 FOR EACH ROW")
                    .arg(T::name(name), timing, ev, T::name(table));
    if (!when.trimmed().isEmpty())
        s += QStringLiteral(" WHEN ") + when.trimmed();
    QString b = body.trimmed();
    if (!b.endsWith(QLatin1Char(';')))
        b += QLatin1Char(';');
    s += QStringLiteral("\nBEGIN\n  ") + b + QStringLiteral("\nEND");
    return s;
}

} // namespace Litehouse
