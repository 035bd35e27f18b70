#include "sqltext_p.h"

#include <sqlite3.h>

namespace Litehouse::SchemaText {

bool Token::is(const char *keyword) const
{
    return type == Type::Keyword && value.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isWordChar(QChar c)
{
    return isWordStart(c) || c.isDigit() || c == QLatin1Char('$');
}

// sqlite3_keyword_check() only looks the word up in SQLite's keyword
// table: no connection, no state, safe on any thread (the dialogs plan on
// the UI thread).
bool isKeyword(const QString &word)
{
    const QByteArray utf8 = word.toUtf8();
    return sqlite3_keyword_check(utf8.constData(), int(utf8.size())) != 0;
}

} // namespace

QList<Token> tokenize(const QString &sql)
{
    QList<Token> out;
    const int n = int(sql.size());
    int i = 0;
    auto quoted = [&](QChar close, Token::Type type) {
        // '' inside '…' (and "" inside "…", `` inside `…`) is the quote itself.
        Token t{type, i, 0, {}};
        ++i;
        while (i < n) {
            if (sql.at(i) == close) {
                if (close != QLatin1Char(']') && i + 1 < n && sql.at(i + 1) == close) {
                    t.value += close;
                    i += 2;
                    continue;
                }
                ++i;
                break;
            }
            t.value += sql.at(i++);
        }
        t.end = i;
        out.append(t);
    };
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const int e = int(sql.indexOf(QLatin1String("*/"), i + 2));
            i = e < 0 ? n : e + 2;
        } else if (c == QLatin1Char('\'')) {
            quoted(QLatin1Char('\''), Token::Type::String);
        } else if (c == QLatin1Char('"')) {
            quoted(QLatin1Char('"'), Token::Type::Identifier);
        } else if (c == QLatin1Char('`')) {
            quoted(QLatin1Char('`'), Token::Type::Identifier);
        } else if (c == QLatin1Char('[')) {
            quoted(QLatin1Char(']'), Token::Type::Identifier);
        } else if ((c == QLatin1Char('x') || c == QLatin1Char('X')) && i + 1 < n && sql.at(i + 1) == QLatin1Char('\'')) {
            const int start = i;
            ++i;
            quoted(QLatin1Char('\''), Token::Type::Blob);
            out.last().start = start;
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && sql.at(i + 1).isDigit())) {
            Token t{Token::Type::Number, i, 0, {}};
            while (i < n && (sql.at(i).isLetterOrNumber() || sql.at(i) == QLatin1Char('.')
                             || ((sql.at(i) == QLatin1Char('+') || sql.at(i) == QLatin1Char('-'))
                                 && (sql.at(i - 1) == QLatin1Char('e') || sql.at(i - 1) == QLatin1Char('E')))))
                ++i;
            t.end = i;
            t.value = sql.mid(t.start, i - t.start);
            out.append(t);
        } else if (isWordStart(c)) {
            Token t{Token::Type::Identifier, i, 0, {}};
            while (i < n && isWordChar(sql.at(i)))
                ++i;
            t.end = i;
            t.value = sql.mid(t.start, i - t.start);
            if (isKeyword(t.value))
                t.type = Token::Type::Keyword;
            out.append(t);
        } else if (c == QLatin1Char('?') || c == QLatin1Char(':') || c == QLatin1Char('@') || c == QLatin1Char('$')) {
            Token t{Token::Type::Variable, i, 0, {}};
            ++i;
            while (i < n && isWordChar(sql.at(i)))
                ++i;
            t.end = i;
            t.value = sql.mid(t.start, i - t.start);
            out.append(t);
        } else {
            static const QStringList two = {QStringLiteral("||"), QStringLiteral("<="), QStringLiteral(">="),
                                            QStringLiteral("<>"), QStringLiteral("!="), QStringLiteral("=="),
                                            QStringLiteral("<<"), QStringLiteral(">>"), QStringLiteral("->")};
            const QString pair = sql.mid(i, 2);
            const int len = two.contains(pair) ? 2 : 1;
            out.append(Token{Token::Type::Punct, i, i + len, sql.mid(i, len)});
            i += len;
        }
    }
    out.append(Token{Token::Type::End, n, n, {}});
    return out;
}

QString name(const QString &identifier)
{
    bool plain = !identifier.isEmpty() && (identifier.at(0).isLetter() || identifier.at(0) == QLatin1Char('_'))
        && identifier.at(0).unicode() < 0x80;
    for (QChar c : identifier)
        if (!(c.unicode() < 0x80 && (c.isLetterOrNumber() || c == QLatin1Char('_'))))
            plain = false;
    if (plain && !isKeyword(identifier))
        return identifier;
    QString q = identifier;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString renameIdentifiers(const QString &expr, const QHash<QString, QString> &renames, const QString &table)
{
    if (renames.isEmpty())
        return expr;
    const QList<Token> tokens = tokenize(expr);
    QString out;
    int at = 0;
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        if (t.type != Token::Type::Identifier && t.type != Token::Type::Keyword)
            continue;
        const auto it = renames.constFind(key(t.value));
        if (it == renames.constEnd())
            continue;
        // "x.col": only the columns of this table; "col.x" is a qualifier, not a column.
        if (i + 1 < tokens.size() && tokens.at(i + 1).isPunct('.'))
            continue;
        if (i >= 2 && tokens.at(i - 1).isPunct('.')) {
            const Token &q = tokens.at(i - 2);
            if (!q.isName() || table.isEmpty() || key(q.value) != key(table))
                continue;
        }
        // A keyword is only a name where it cannot be the keyword: rename it when it is one of ours.
        out += expr.mid(at, t.start - at);
        out += name(it.value());
        at = t.end;
    }
    out += expr.mid(at);
    return out;
}

bool mentions(const QString &sql, const QString &identifier)
{
    const QString k = key(identifier);
    for (const Token &t : tokenize(sql))
        if ((t.type == Token::Type::Identifier || t.type == Token::Type::Keyword || t.type == Token::Type::String)
            && key(t.value) == k)
            return true;
    return false;
}

int closing(const QList<Token> &tokens, int open)
{
    int depth = 0;
    for (int i = open; i < tokens.size(); ++i) {
        if (tokens.at(i).isPunct('('))
            ++depth;
        else if (tokens.at(i).isPunct(')') && --depth == 0)
            return i + 1;
    }
    return -1;
}

bool isPlainDefault(const QString &expr)
{
    const QList<Token> t = tokenize(expr);
    int i = 0;
    if (t.size() > 2 && (t.at(0).isPunct('-') || t.at(0).isPunct('+')))
        i = 1;
    if (t.size() != i + 2)
        return false;
    const Token &v = t.at(i);
    if (v.type == Token::Type::Number)
        return true;
    if (i == 1)
        return false;
    if (v.type == Token::Type::String || v.type == Token::Type::Blob)
        return true;
    return v.is("NULL") || v.is("TRUE") || v.is("FALSE") || v.is("CURRENT_TIME") || v.is("CURRENT_DATE")
        || v.is("CURRENT_TIMESTAMP") || (v.type == Token::Type::Identifier && v.start == 0
                                         && (v.value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
                                             || v.value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0));
}

bool isConstantDefault(const QString &expr)
{
    if (!isPlainDefault(expr))
        return false;
    const QString u = expr.trimmed().toUpper();
    return !u.startsWith(QLatin1String("CURRENT_"));
}

} // namespace Litehouse::SchemaText
