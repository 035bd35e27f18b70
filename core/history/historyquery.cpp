#include "historyquery.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Litehouse {

std::optional<qint64> HistoryQuery::parseTime(const QString &text, bool endOfDay)
{
    const QString t = text.trimmed();
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(t).hasMatch()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        const qint64 start = QDateTime(d, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        return endOfDay ? start + 86400000 - 1 : start;
    }
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // a time without a zone is UTC, not local time
    return dt.toMSecsSinceEpoch();
}

} // namespace Litehouse
