#include "jsonreader.h"

namespace Litehouse {

namespace {

bool isBlank(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// A small strict JSON parser over one complete object's text: it keeps the
// keys in the order written and numbers as written (QJsonObject sorts keys
// and turns every number into a double).
class Parser
{
public:
    Parser(QStringView text, qint64 line) : m_s(text), m_line(line) {}

    Outcome<Done> object(ImportRecord &r)
    {
        skip();
        if (!eat(u'{'))
            return fail(QStringLiteral("expected an object"));
        skip();
        if (eat(u'}'))
            return end();
        for (;;) {
            skip();
            QString key;
            if (auto k = string(key); !k)
                return k.error();
            skip();
            if (!eat(u':'))
                return fail(QStringLiteral("expected ':' after the key \"%1\"").arg(key));
            skip();
            ImportField f;
            if (auto v = value(f); !v)
                return v.error();
            if (r.keys.contains(key))
                return fail(QStringLiteral("the key \"%1\" appears twice in one object").arg(key));
            r.keys.append(key);
            r.fields.append(std::move(f));
            skip();
            if (eat(u','))
                continue;
            if (eat(u'}'))
                return end();
            return fail(QStringLiteral("expected ',' or '}'"));
        }
    }

private:
    Outcome<Done> end()
    {
        skip();
        if (m_i != m_s.size())
            return fail(QStringLiteral("unexpected text after the object"));
        return Done{};
    }
    Error fail(const QString &what) const
    {
        const qint64 line = m_line + m_s.left(qMin(m_i, m_s.size())).count(QLatin1Char('\n'));
        return Error::invalid(QStringLiteral("line %1: not valid JSON: %2").arg(line).arg(what));
    }
    void skip()
    {
        while (m_i < m_s.size() && isBlank(m_s[m_i].unicode()))
            ++m_i;
    }
    bool eat(char16_t c)
    {
        if (m_i < m_s.size() && m_s[m_i].unicode() == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool word(QLatin1StringView w)
    {
        if (m_s.mid(m_i).startsWith(w)) {
            m_i += w.size();
            return true;
        }
        return false;
    }
    Outcome<Done> string(QString &out)
    {
        if (!eat(u'"'))
            return fail(QStringLiteral("expected a string"));
        for (;;) {
            const qsizetype start = m_i;
            while (m_i < m_s.size() && m_s[m_i] != u'"' && m_s[m_i] != u'\\' && m_s[m_i].unicode() >= 0x20)
                ++m_i;
            out.append(m_s.mid(start, m_i - start));
            if (m_i >= m_s.size())
                return fail(QStringLiteral("a string is not closed"));
            const char16_t c = m_s[m_i].unicode();
            ++m_i;
            if (c == u'"')
                return Done{};
            if (c < 0x20)
                return fail(QStringLiteral("a control character inside a string (write it as \\n, \\t, ...)"));
            if (m_i >= m_s.size())
                return fail(QStringLiteral("a string is not closed"));
            const char16_t e = m_s[m_i++].unicode();
            switch (e) {
            case u'"': out += u'"'; break;
            case u'\\': out += u'\\'; break;
            case u'/': out += u'/'; break;
            case u'b': out += u'\b'; break;
            case u'f': out += u'\f'; break;
            case u'n': out += u'\n'; break;
            case u'r': out += u'\r'; break;
            case u't': out += u'\t'; break;
            case u'u': {
                if (m_i + 4 > m_s.size())
                    return fail(QStringLiteral("a \\u escape needs four hex digits"));
                bool ok = false;
                const uint code = m_s.mid(m_i, 4).toUInt(&ok, 16);
                if (!ok)
                    return fail(QStringLiteral("a \\u escape needs four hex digits"));
                m_i += 4;
                out += QChar(char16_t(code)); // surrogate pairs come as two escapes, and stay two UTF-16 units
                break;
            }
            default: return fail(QStringLiteral("unknown escape \\%1").arg(QChar(e)));
            }
        }
    }
    Outcome<Done> number(QString &out)
    {
        const qsizetype start = m_i;
        eat(u'-');
        auto digits = [&] {
            const qsizetype b = m_i;
            while (m_i < m_s.size() && m_s[m_i] >= u'0' && m_s[m_i] <= u'9')
                ++m_i;
            return m_i - b;
        };
        const qsizetype intStart = m_i;
        const qsizetype n = digits();
        if (n == 0 || (n > 1 && m_s[intStart] == u'0'))
            return fail(QStringLiteral("a number is not valid JSON"));
        if (eat(u'.') && digits() == 0)
            return fail(QStringLiteral("a number is not valid JSON"));
        if (eat(u'e') || eat(u'E')) {
            if (!eat(u'+'))
                eat(u'-');
            if (digits() == 0)
                return fail(QStringLiteral("a number is not valid JSON"));
        }
        out = m_s.mid(start, m_i - start).toString();
        return Done{};
    }
    // A nested array or object: checked, and kept as its text.
    Outcome<Done> nested()
    {
        const char16_t open = m_s[m_i].unicode();
        ++m_i;
        const char16_t close = open == u'{' ? u'}' : u']';
        skip();
        if (eat(close))
            return Done{};
        for (;;) {
            skip();
            if (open == u'{') {
                QString k;
                if (auto s = string(k); !s)
                    return s.error();
                skip();
                if (!eat(u':'))
                    return fail(QStringLiteral("expected ':'"));
                skip();
            }
            ImportField ignored;
            if (auto v = value(ignored); !v)
                return v.error();
            skip();
            if (eat(u','))
                continue;
            if (eat(close))
                return Done{};
            return fail(open == u'{' ? QStringLiteral("expected ',' or '}'") : QStringLiteral("expected ',' or ']'"));
        }
    }
    Outcome<Done> value(ImportField &f)
    {
        if (m_i >= m_s.size())
            return fail(QStringLiteral("expected a value"));
        const char16_t c = m_s[m_i].unicode();
        if (c == u'"') {
            f.kind = ImportField::Kind::Text;
            return string(f.text);
        }
        if (c == u'{' || c == u'[') {
            if (++m_depth > 200)
                return fail(QStringLiteral("nested too deeply"));
            const qsizetype start = m_i;
            auto r = nested();
            --m_depth;
            if (!r)
                return r;
            f.kind = ImportField::Kind::Text;
            f.text = m_s.mid(start, m_i - start).toString();
            return Done{};
        }
        if (c == u'-' || (c >= u'0' && c <= u'9')) {
            f.kind = ImportField::Kind::Number;
            return number(f.text);
        }
        if (word(QLatin1StringView("true"))) {
            f = {ImportField::Kind::Bool, QStringLiteral("1")};
            return Done{};
        }
        if (word(QLatin1StringView("false"))) {
            f = {ImportField::Kind::Bool, QStringLiteral("0")};
            return Done{};
        }
        if (word(QLatin1StringView("null"))) {
            f = {ImportField::Kind::Null, QString()};
            return Done{};
        }
        return fail(QStringLiteral("expected a value"));
    }

    QStringView m_s;
    qsizetype m_i = 0;
    qint64 m_line;
    int m_depth = 0;
};

} // namespace

JsonReader::JsonReader(TextSource *source) : m_source(source) {}

bool JsonReader::fill()
{
    if (m_eof)
        return false;
    for (;;) {
        auto r = m_source->read(m_buf);
        if (!r) {
            m_error = r.error();
            m_eof = true;
            return false;
        }
        if (!r.value()) {
            m_eof = true;
            return false;
        }
        return true;
    }
}

bool JsonReader::skipBlanks()
{
    for (;;) {
        while (m_pos < m_buf.size() && isBlank(m_buf.at(m_pos).unicode())) {
            if (m_buf.at(m_pos) == u'\n')
                ++m_line;
            ++m_pos;
        }
        if (m_pos < m_buf.size())
            return true;
        m_buf.clear();
        m_pos = 0;
        if (!fill())
            return false;
    }
}

Outcome<bool> JsonReader::next(ImportRecord &r)
{
    r.fields.clear();
    r.keys.clear();
    auto atEnd = [&]() -> Outcome<bool> {
        if (m_error.isError())
            return m_error;
        return false;
    };
    if (m_mode == Mode::Done)
        return false;
    if (m_mode == Mode::Start) {
        if (!skipBlanks())
            return atEnd();
        const QChar c = m_buf.at(m_pos);
        if (c == u'[') {
            m_mode = Mode::Array;
            ++m_pos;
        } else if (c == u'{') {
            m_mode = Mode::Lines;
        } else {
            return Error::invalid(QStringLiteral("line %1: expected an array of objects ('[') or JSON Lines ('{')")
                                      .arg(m_line));
        }
    }
    if (!skipBlanks()) {
        if (m_error.isError())
            return m_error;
        if (m_mode == Mode::Array)
            return Error::invalid(QStringLiteral("line %1: the array is not closed by the end of the file").arg(m_line));
        m_mode = Mode::Done;
        return false;
    }
    if (m_mode == Mode::Array) {
        if (m_buf.at(m_pos) == u']') {
            ++m_pos;
            m_mode = Mode::Done;
            if (skipBlanks())
                return Error::invalid(QStringLiteral("line %1: text after the end of the array").arg(m_line));
            return atEnd();
        }
        if (!m_first) {
            if (m_buf.at(m_pos) != u',')
                return Error::invalid(QStringLiteral("line %1: expected ',' or ']' between the array's elements").arg(m_line));
            ++m_pos;
            if (!skipBlanks()) {
                if (m_error.isError())
                    return m_error;
                return Error::invalid(QStringLiteral("line %1: the array is not closed by the end of the file").arg(m_line));
            }
        }
    }
    m_first = false;
    if (m_buf.at(m_pos) != u'{')
        return Error::invalid(QStringLiteral("line %1: expected an object ('{'), every record is one").arg(m_line));
    // Find the end of the object (strings may hold braces), reading on as
    // needed; then parse exactly that text. The buffer drops what earlier
    // objects used only when it must grow, not once per object.
    const qint64 startLine = m_line;
    int depth = 0;
    bool inString = false;
    qsizetype i = m_pos;
    auto more = [&] {
        m_buf.remove(0, m_pos);
        i -= m_pos;
        m_pos = 0;
        return fill();
    };
    for (;;) {
        if (i >= m_buf.size()) {
            if (!more()) {
                if (m_error.isError())
                    return m_error;
                return Error::invalid(QStringLiteral("line %1: the object that starts here is not closed by the end of the file")
                                          .arg(startLine));
            }
            continue;
        }
        const char16_t c = m_buf.at(i).unicode();
        ++i;
        if (c == u'\n')
            ++m_line;
        if (inString) {
            if (c == u'\\') {
                if (i >= m_buf.size() && !more())
                    continue; // reported as not closed above
                ++i;
            } else if (c == u'"') {
                inString = false;
            }
            continue;
        }
        if (c == u'"')
            inString = true;
        else if (c == u'{' || c == u'[')
            ++depth;
        else if (c == u'}' || c == u']') {
            if (--depth == 0)
                break;
        }
    }
    r.line = startLine;
    if (auto p = Parser(QStringView(m_buf).mid(m_pos, i - m_pos), startLine).object(r); !p)
        return p.error();
    m_pos = i;
    return true;
}

} // namespace Litehouse
