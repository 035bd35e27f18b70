#include "csvreader.h"

namespace Litehouse {

CsvReader::CsvReader(TextSource *source, QChar separator, QChar quote)
    : m_source(source), m_sep(separator.unicode()), m_quote(quote.unicode()), m_hasQuote(!quote.isNull())
{
}

bool CsvReader::more()
{
    if (m_eof)
        return false;
    // Drop what the records before this one used, so the buffer holds one
    // chunk plus the record being read, however large the file.
    if (m_pos > 0) {
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
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
        if (m_pos < m_buf.size())
            return true;
    }
}

Outcome<bool> CsvReader::next(ImportRecord &r)
{
    r.fields.clear();
    r.keys.clear();
    // more() may drop the consumed text and move m_pos: what a field has
    // read so far is always copied into it first.
    for (;;) { // skip empty lines
        if (m_pos >= m_buf.size() && !more()) {
            if (m_error.isError())
                return m_error;
            return false;
        }
        const char16_t c = m_buf.at(m_pos).unicode();
        if (c != u'\n' && c != u'\r')
            break;
        ++m_pos;
        if (c == u'\r') {
            if (m_pos >= m_buf.size())
                more();
            if (m_pos < m_buf.size() && m_buf.at(m_pos) == u'\n')
                ++m_pos;
        }
        ++m_line;
    }
    r.line = m_line;
    QString field;
    bool quoted = false;     // the field began with a quote
    bool inQuotes = false;   // inside the quotes now
    bool afterQuote = false; // just past the closing quote
    for (;;) {
        if (m_pos >= m_buf.size()) {
            if (!more()) {
                if (m_error.isError())
                    return m_error;
                if (inQuotes)
                    return Error::invalid(QStringLiteral("line %1: a quoted field is not closed by the end of the file")
                                              .arg(r.line));
                r.fields.append({ImportField::Kind::Plain, field});
                return true;
            }
        }
        // The common case: a run of plain characters.
        const QChar *data = m_buf.constData();
        const qsizetype end = m_buf.size();
        qsizetype i = m_pos;
        if (inQuotes) {
            while (i < end && data[i].unicode() != m_quote) {
                if (data[i].unicode() == u'\n')
                    ++m_line;
                ++i;
            }
            field.append(data + m_pos, i - m_pos);
            m_pos = i;
            if (i == end)
                continue;
            // A quote: doubled means one quote, else the field's end.
            if (i + 1 >= end) {
                if (!more()) {
                    if (m_error.isError())
                        return m_error;
                    inQuotes = false;
                    afterQuote = true;
                    ++m_pos;
                    continue;
                }
                data = m_buf.constData();
                i = m_pos;
            }
            if (m_buf.at(i + 1).unicode() == m_quote) {
                field.append(QChar(m_quote));
                m_pos = i + 2;
            } else {
                inQuotes = false;
                afterQuote = true;
                m_pos = i + 1;
            }
            continue;
        }
        while (i < end) {
            const char16_t c = data[i].unicode();
            if (c == m_sep || c == u'\n' || c == u'\r' || (m_hasQuote && c == m_quote && field.isEmpty() && i == m_pos && !quoted && !afterQuote))
                break;
            if (afterQuote)
                return Error::invalid(QStringLiteral("line %1, field %2: text after the closing quote (a quote inside a "
                                                     "quoted field is written twice)")
                                          .arg(m_line).arg(r.fields.size() + 1));
            ++i;
        }
        field.append(data + m_pos, i - m_pos);
        m_pos = i;
        if (i == end)
            continue;
        const char16_t c = data[i].unicode();
        if (c == m_sep) {
            r.fields.append({ImportField::Kind::Plain, std::move(field)});
            field = QString();
            quoted = inQuotes = afterQuote = false;
            ++m_pos;
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            r.fields.append({ImportField::Kind::Plain, std::move(field)});
            ++m_pos;
            if (c == u'\r') {
                if (m_pos >= m_buf.size())
                    more();
                if (m_pos < m_buf.size() && m_buf.at(m_pos) == u'\n')
                    ++m_pos;
            }
            ++m_line;
            return true;
        }
        // An opening quote at the start of a field.
        quoted = inQuotes = true;
        ++m_pos;
    }
}

} // namespace Litehouse
