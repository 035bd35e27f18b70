#pragma once

#include <QList>
#include <QString>

namespace Litehouse {

/// A statement's place in a text: [begin, end) in QString (UTF-16) units,
/// without leading blanks and including its terminating ';' if any.
struct StatementSpan
{
    qsizetype begin = 0;
    qsizetype end = 0;
    qsizetype length() const { return end - begin; }
};

/// Splits SQL text into statements without SQLite (the UI thread may not
/// call it): semicolons inside strings, quoted names, comments and trigger
/// bodies (CREATE TRIGGER ... BEGIN ... END) do not split. Blank pieces are
/// dropped. SQLite stays the judge of what a statement means; this only
/// says where each one is, for "run the statement under the cursor".
QList<StatementSpan> splitStatements(const QString &sql);

/// The statement at a cursor position: the one containing it, else the one
/// that ends just before it on the same stretch of blanks. -1 when none.
qsizetype statementAt(const QList<StatementSpan> &spans, const QString &sql, qsizetype cursor);

} // namespace Litehouse
