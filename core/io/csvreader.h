#pragma once

#include "record.h"
#include "textsource.h"

namespace Litehouse {

/// Reads CSV or TSV records from a TextSource, one at a time: fields split
/// by the separator, optionally quoted (a doubled quote inside a quoted
/// field is one quote; a quoted field may span lines). Lines end with LF,
/// CRLF or CR. Lines with nothing on them are skipped. A quote that is
/// never closed, or text right after a closing quote, is an error naming
/// the line.
class CsvReader final
{
public:
    /// quote: QChar() for none (every character is data).
    CsvReader(TextSource *source, QChar separator = QLatin1Char(','), QChar quote = QLatin1Char('"'));
    Q_DISABLE_COPY_MOVE(CsvReader)

    /// The next record into r; false at the end of the file.
    Outcome<bool> next(ImportRecord &r);

private:
    bool more(); // reads another chunk; false at the end or on error (m_error)

    TextSource *m_source;
    char16_t m_sep;
    char16_t m_quote;
    bool m_hasQuote;
    QString m_buf;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    bool m_eof = false;
    Error m_error;
};

} // namespace Litehouse
