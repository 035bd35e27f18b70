#include "sqlsplit.h"

namespace Litehouse {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

} // namespace

QList<StatementSpan> splitStatements(const QString &sql)
{
    QList<StatementSpan> out;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    qsizetype start = -1;      // first non-blank of the current statement
    int depth = 0;             // BEGIN/CASE nesting inside a trigger body
    bool inTrigger = false;
    int wordIndex = 0;         // words seen in this statement (to spot CREATE [TEMP] TRIGGER)
    QString firstWord;
    auto finish = [&](qsizetype end) {
        if (start >= 0)
            out.append({start, end});
        start = -1;
        depth = 0;
        inTrigger = false;
        wordIndex = 0;
        firstWord.clear();
    };
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const qsizetype close = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            continue;
        }
        if (start < 0)
            start = i;
        if (c == QLatin1Char(';')) {
            if (depth == 0) {
                finish(i + 1);
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            ++i;
            while (i < n) {
                if (sql.at(i) == close) {
                    if (close != QLatin1Char(']') && i + 1 < n && sql.at(i + 1) == close) {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            ++wordIndex;
            continue;
        }
        if (isWordChar(c)) {
            const qsizetype w = i;
            while (i < n && isWordChar(sql.at(i)))
                ++i;
            const QString word = sql.mid(w, i - w).toUpper();
            if (wordIndex == 0)
                firstWord = word;
            else if (firstWord == QLatin1String("CREATE") && wordIndex <= 2 && word == QLatin1String("TRIGGER"))
                inTrigger = true;
            ++wordIndex;
            if (inTrigger) {
                if (word == QLatin1String("BEGIN") || word == QLatin1String("CASE"))
                    ++depth;
                else if (word == QLatin1String("END") && depth > 0)
                    --depth;
            }
            continue;
        }
        ++i;
    }
    finish(n);
    return out;
}

qsizetype statementAt(const QList<StatementSpan> &spans, const QString &sql, qsizetype cursor)
{
    for (qsizetype k = 0; k < spans.size(); ++k) {
        const StatementSpan &s = spans.at(k);
        if (cursor >= s.begin && cursor < s.end)
            return k;
        // Just after a statement (e.g. after its ';' at the end of the line).
        if (cursor >= s.end) {
            const qsizetype nextBegin = k + 1 < spans.size() ? spans.at(k + 1).begin : sql.size() + 1;
            if (cursor < nextBegin) {
                bool blankToCursor = true;
                for (qsizetype j = s.end; j < cursor && j < sql.size(); ++j)
                    if (sql.at(j) == QLatin1Char('\n')) {
                        blankToCursor = false;
                        break;
                    }
                if (blankToCursor || k + 1 >= spans.size())
                    return k;
                return k + 1;
            }
        }
    }
    return spans.isEmpty() ? -1 : (cursor < spans.first().begin ? 0 : -1);
}

} // namespace Litehouse
