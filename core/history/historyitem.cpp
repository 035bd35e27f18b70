#include "historyitem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <charconv>

namespace Litehouse {

namespace {

// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): much
// cheaper than QDateTime for the millions of stamps an export writes.
void civilFromDays(qint64 z, int *y, int *m, int *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 yy = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = int(yy + (mm <= 2));
    *m = int(mm);
    *d = int(dd);
}

void put(char *&p, int v, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + v % 10);
        v /= 10;
    }
    p += width;
}

} // namespace

HistoryItem HistoryItem::fromRecord(const OperationRecord &op)
{
    HistoryItem it;
    it.timestampMs = op.timestamp.toMSecsSinceEpoch();
    it.database = op.database;
    it.alias = op.alias;
    it.sql = op.sql;
    it.params = op.paramsJson;
    it.kind = operationKindName(op.kind);
    it.outcome = operationOutcomeName(op.outcome);
    it.error = op.error;
    it.rowsReturned = op.rowsReturned;
    it.rowsAffected = op.rowsAffected;
    // Microsecond resolution keeps the exported text short and exact.
    it.durationMs = double(op.durationNs / 1000) / 1000.0;
    return it;
}

const QStringList &HistoryItem::fieldNames()
{
    static const QStringList names = {
        QStringLiteral("id"),      QStringLiteral("timestamp"), QStringLiteral("database"),      QStringLiteral("alias"),
        QStringLiteral("sql"),     QStringLiteral("params"),    QStringLiteral("kind"),          QStringLiteral("outcome"),
        QStringLiteral("error"),   QStringLiteral("rows_returned"), QStringLiteral("rows_affected"), QStringLiteral("duration_ms"),
    };
    return names;
}

QString HistoryItem::formatTimestamp(qint64 ms)
{
    char buf[32];
    char *end = writeTimestamp(buf, ms);
    return QString::fromLatin1(buf, end - buf);
}

char *HistoryItem::writeDuration(char *out, double ms)
{
    // Shortest text that reads back to the same double.
    return std::to_chars(out, out + 32, ms).ptr;
}

char *HistoryItem::writeTimestamp(char *out, qint64 ms)
{
    qint64 days = ms / 86400000;
    qint64 rest = ms % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    int y, m, d;
    civilFromDays(days, &y, &m, &d);
    char *p = out;
    put(p, qBound(0, y, 9999), 4); // ISO 8601's four digits; a clock never leaves them
    *p++ = '-';
    put(p, m, 2);
    *p++ = '-';
    put(p, d, 2);
    *p++ = 'T';
    put(p, int(rest / 3600000), 2);
    *p++ = ':';
    put(p, int(rest / 60000 % 60), 2);
    *p++ = ':';
    put(p, int(rest / 1000 % 60), 2);
    *p++ = '.';
    put(p, int(rest % 1000), 3);
    *p++ = 'Z';
    return p;
}

QString HistoryItem::timestampIso() const
{
    return formatTimestamp(timestampMs);
}

QString HistoryItem::durationText() const
{
    char buf[40];
    return QString::fromLatin1(buf, writeDuration(buf, durationMs) - buf);
}

QJsonObject HistoryItem::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("timestamp"), timestampIso());
    o.insert(QStringLiteral("database"), database);
    o.insert(QStringLiteral("alias"), alias);
    o.insert(QStringLiteral("sql"), sql);
    QJsonValue p = QJsonValue::Null;
    if (!params.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(params.toUtf8());
        p = doc.isArray() ? QJsonValue(doc.array()) : doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(params);
    }
    o.insert(QStringLiteral("params"), p);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("outcome"), outcome);
    o.insert(QStringLiteral("error"), error);
    o.insert(QStringLiteral("rows_returned"), rowsReturned);
    o.insert(QStringLiteral("rows_affected"), rowsAffected);
    o.insert(QStringLiteral("duration_ms"), durationMs);
    return o;
}

bool HistoryItem::fromJson(const QJsonObject &o, HistoryItem *item, QString *error)
{
    for (const QString &k : fieldNames()) {
        if (!o.contains(k)) {
            *error = QStringLiteral("missing key \"%1\"").arg(k);
            return false;
        }
    }
    auto isInt = [](const QJsonValue &v) { return v.isDouble() && v.toDouble() == double(v.toInteger()); };
    if (!isInt(o.value(QStringLiteral("id")))) {
        *error = QStringLiteral("\"id\" is not an integer");
        return false;
    }
    HistoryItem it;
    it.id = o.value(QStringLiteral("id")).toInteger();
    const QDateTime ts = QDateTime::fromString(o.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs);
    if (!ts.isValid()) {
        *error = QStringLiteral("\"timestamp\" is not an ISO 8601 time");
        return false;
    }
    it.timestampMs = ts.toMSecsSinceEpoch();
    it.database = o.value(QStringLiteral("database")).toString();
    it.alias = o.value(QStringLiteral("alias")).toString();
    it.sql = o.value(QStringLiteral("sql")).toString();
    const QJsonValue p = o.value(QStringLiteral("params"));
    if (p.isArray())
        it.params = QString::fromUtf8(QJsonDocument(p.toArray()).toJson(QJsonDocument::Compact));
    else if (p.isObject())
        it.params = QString::fromUtf8(QJsonDocument(p.toObject()).toJson(QJsonDocument::Compact));
    else if (p.isString())
        it.params = p.toString();
    it.kind = o.value(QStringLiteral("kind")).toString();
    it.outcome = o.value(QStringLiteral("outcome")).toString();
    it.error = o.value(QStringLiteral("error")).toString();
    it.rowsReturned = o.value(QStringLiteral("rows_returned")).toInteger();
    it.rowsAffected = o.value(QStringLiteral("rows_affected")).toInteger();
    it.durationMs = o.value(QStringLiteral("duration_ms")).toDouble();
    *item = std::move(it);
    return true;
}

} // namespace Litehouse
