#pragma once

#include "record.h"
#include "textsource.h"

namespace Litehouse {

/// Reads JSON objects from a TextSource, one at a time: either one array
/// of objects (`[{...}, {...}]`) or JSON Lines (one object per line; any
/// sequence of objects separated by blanks is read the same way). Each
/// object becomes a record of its keys in the order written: strings as
/// text, numbers as written, true/false as 1/0, null as NULL, and nested
/// arrays or objects as their JSON text. Only one object is held at a time.
class JsonReader final
{
public:
    explicit JsonReader(TextSource *source);
    Q_DISABLE_COPY_MOVE(JsonReader)

    /// The next object into r; false at the end. Bad JSON is an error naming the line.
    Outcome<bool> next(ImportRecord &r);

private:
    bool fill(); // more text; false at the end of the file or on error (m_error)
    bool skipBlanks(); // false at the end of the file

    TextSource *m_source;
    QString m_buf;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    enum class Mode { Start, Array, Lines, Done } m_mode = Mode::Start;
    bool m_eof = false;
    bool m_first = true; // no element of the array read yet
    Error m_error;
};

} // namespace Litehouse
