#include "sqlclassify.h"

#include <QByteArray>

namespace Litehouse {

namespace {

class Lexer
{
public:
    explicit Lexer(QByteArrayView s) : m_s(s) {}

    void skipSpace()
    {
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';') {
                ++m_i;
            } else if (c == '-' && m_i + 1 < m_s.size() && m_s[m_i + 1] == '-') {
                while (m_i < m_s.size() && m_s[m_i] != '\n')
                    ++m_i;
            } else if (c == '/' && m_i + 1 < m_s.size() && m_s[m_i + 1] == '*') {
                m_i += 2;
                while (m_i + 1 < m_s.size() && !(m_s[m_i] == '*' && m_s[m_i + 1] == '/'))
                    ++m_i;
                m_i = qMin(m_i + 2, m_s.size());
            } else {
                break;
            }
        }
    }

    /// The next word, upper-cased; or a quoted name, unquoted. Empty at end.
    QString next(bool *quoted = nullptr)
    {
        skipSpace();
        if (quoted)
            *quoted = false;
        if (m_i >= m_s.size())
            return {};
        const char c = m_s[m_i];
        if (c == '"' || c == '`' || c == '[' || c == '\'') {
            const char close = c == '[' ? ']' : c;
            QByteArray out;
            ++m_i;
            while (m_i < m_s.size()) {
                if (m_s[m_i] == close) {
                    if (close != ']' && m_i + 1 < m_s.size() && m_s[m_i + 1] == close) {
                        out += close;
                        m_i += 2;
                        continue;
                    }
                    ++m_i;
                    break;
                }
                out += m_s[m_i++];
            }
            if (quoted)
                *quoted = true;
            return QString::fromUtf8(out);
        }
        return QString::fromUtf8(word());
    }

    bool atEnd() { skipSpace(); return m_i >= m_s.size(); }

    /// True when the next token is a quoted name.
    bool atQuote()
    {
        skipSpace();
        if (m_i >= m_s.size())
            return false;
        const char c = m_s[m_i];
        return c == '"' || c == '`' || c == '[' || c == '\'';
    }

    /// The next unquoted word (or one punctuation character) as it is in the
    /// text, without a copy. Call only when !atQuote().
    QByteArrayView word()
    {
        skipSpace();
        const qsizetype start = m_i;
        while (m_i < m_s.size()) {
            const unsigned char ch = uchar(m_s[m_i]);
            if (ch == '_' || ch == '$' || ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z'))
                ++m_i;
            else
                break;
        }
        if (m_i == start && m_i < m_s.size())
            ++m_i; // punctuation: one character
        return m_s.sliced(start, m_i - start);
    }

private:
    QByteArrayView m_s;
    qsizetype m_i = 0;
};

} // namespace

StatementInfo classifyStatement(QByteArrayView sql)
{
    using K = StatementInfo::Kind;
    StatementInfo info;
    Lexer lex(sql);
    if (lex.atQuote()) {
        info.kind = lex.next().isEmpty() ? K::Empty : K::Other;
        return info;
    }
    // The first word is compared in place: no string is made for it.
    const QByteArrayView first = lex.word();
    if (first.isEmpty())
        return info;
    auto is = [&first](QByteArrayView upper) {
        if (first.size() != upper.size())
            return false;
        for (qsizetype i = 0; i < first.size(); ++i) {
            char c = first[i];
            if (c >= 'a' && c <= 'z')
                c = char(c - 'a' + 'A');
            if (c != upper[i])
                return false;
        }
        return true;
    };
    auto nameAfter = [&](const QString &optionalWord) {
        bool q = false;
        QString w = lex.next(&q);
        if (!q && w.compare(optionalWord, Qt::CaseInsensitive) == 0)
            w = lex.next(&q);
        return w;
    };

    if (is("SELECT") || is("VALUES")) {
        info.kind = K::Select;
    } else if (is("WITH")) {
        info.kind = K::With;
    } else if (is("INSERT") || is("REPLACE")) {
        info.kind = K::Insert;
    } else if (is("UPDATE")) {
        info.kind = K::Update;
    } else if (is("DELETE")) {
        info.kind = K::Delete;
    } else if (is("CREATE") || is("DROP") || is("ALTER")
               || is("REINDEX")) {
        info.kind = K::Ddl;
    } else if (is("PRAGMA")) {
        info.kind = K::Pragma;
    } else if (is("BEGIN")) {
        info.kind = K::Begin;
        const QString mode = lex.next().toUpper();
        if (mode == QLatin1String("IMMEDIATE"))
            info.beginMode = StatementInfo::BeginMode::Immediate;
        else if (mode == QLatin1String("EXCLUSIVE"))
            info.beginMode = StatementInfo::BeginMode::Exclusive;
    } else if (is("COMMIT") || is("END")) {
        info.kind = K::Commit;
    } else if (is("ROLLBACK")) {
        info.kind = K::Rollback;
        QString w = lex.next().toUpper();
        if (w == QLatin1String("TRANSACTION"))
            w = lex.next().toUpper();
        if (w == QLatin1String("TO")) {
            info.kind = K::RollbackTo;
            info.name = nameAfter(QStringLiteral("SAVEPOINT"));
        }
    } else if (is("SAVEPOINT")) {
        info.kind = K::Savepoint;
        info.name = lex.next();
    } else if (is("RELEASE")) {
        info.kind = K::Release;
        info.name = nameAfter(QStringLiteral("SAVEPOINT"));
    } else if (is("ATTACH")) {
        info.kind = K::Attach;
    } else if (is("DETACH")) {
        info.kind = K::Detach;
    } else if (is("VACUUM")) {
        info.kind = K::Vacuum;
    } else if (is("ANALYZE")) {
        info.kind = K::Analyze;
    } else if (is("EXPLAIN")) {
        info.kind = K::Explain;
    } else {
        info.kind = K::Other;
    }
    return info;
}

QString statementTypeName(StatementInfo::Kind kind)
{
    using K = StatementInfo::Kind;
    switch (kind) {
    case K::Select: case K::With: case K::Explain: return QStringLiteral("SELECT");
    case K::Insert: return QStringLiteral("INSERT");
    case K::Update: return QStringLiteral("UPDATE");
    case K::Delete: return QStringLiteral("DELETE");
    case K::Ddl: return QStringLiteral("DDL");
    case K::Pragma: return QStringLiteral("PRAGMA");
    default: return QStringLiteral("OTHER");
    }
}

bool isBlankSql(QByteArrayView sql)
{
    Lexer lex(sql);
    return lex.atEnd();
}

QString quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString validateSavepointName(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("a savepoint name must not be empty");
    if (name.size() > 128)
        return QStringLiteral("savepoint name is longer than 128 characters");
    // Identifier rules: a letter or underscore, then letters, digits or
    // underscores. Quoting alone would make any text safe, but a name that
    // needs quoting is almost always a mistake or an attack.
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool ok = c == QLatin1Char('_') || c.isLetter() || (i > 0 && c.isDigit());
        if (!ok)
            return QStringLiteral("invalid savepoint name \"%1\": use letters, digits and underscores, "
                                  "starting with a letter or underscore").arg(name);
    }
    return {};
}

} // namespace Litehouse
