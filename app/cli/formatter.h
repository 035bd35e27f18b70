#pragma once

#include <core/resultset.h>

#include <QString>
#include <QTextStream>

namespace LitehouseCli {

enum class Format { Table, Csv, Json };

/// Writes a statement's rows the way sqlite3 does for -csv -header (RFC 4180
/// quoting, LF line ends as sqlite3 writes them) and -json, except that BLOBs become lower-case hex (sqlite3 writes raw bytes,
/// which breaks both formats) and REAL values use the shortest text that
/// reads back as the same double.
void writeRows(QTextStream &out, const Litehouse::ResultSet &rows, Format format);

/// One CSV field, quoted as sqlite3 quotes it.
QString csvField(const QString &text);
/// A JSON string literal.
QString jsonString(const QString &text);

} // namespace LitehouseCli
