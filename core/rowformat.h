#pragma once

#include "resultset.h"

#include <QString>
#include <QTextStream>

namespace Litehouse {

enum class Format { Table, Csv, Json };

/// Writes a statement's rows the way sqlite3 does for -csv -header (RFC 4180
/// quoting, LF line ends as sqlite3 writes them) and -json, except that BLOBs become lower-case hex (sqlite3 writes raw bytes,
/// which breaks both formats) and REAL values use the shortest text that
/// reads back as the same double.
void writeRows(QTextStream &out, const ResultSet &rows, Format format);
/// Writes rows without the CSV header or JSON brackets: for a result
/// written in chunks, with first telling whether rows were written before.
void writeCsvRows(QTextStream &out, const ResultSet &rows);
void writeCsvHeader(QTextStream &out, const QStringList &columns);
void writeJsonRows(QTextStream &out, const ResultSet &rows, bool first);

/// One CSV field, quoted as sqlite3 quotes it.
QString csvField(const QString &text);
/// A JSON string literal.
QString jsonString(const QString &text);

} // namespace Litehouse
