#pragma once

#include "../operation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Litehouse {

/// One recorded operation, as the history keeps, queries and exports it.
/// Results themselves are not kept.
struct HistoryItem
{
    qint64 id = 0;            ///< assigned by the history database when written; 0 before
    qint64 timestampMs = 0;   ///< when the operation started, ms since the epoch (UTC)
    QString database;         ///< the database's path
    QString alias;
    QString sql;
    QString params;           ///< parameters as compact JSON text; empty when there were none
    QString kind;             ///< query, script, begin, commit, ... (operationKindName)
    QString outcome;          ///< ok, error or cancelled (operationOutcomeName)
    QString error;
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    double durationMs = 0;    ///< with fractional milliseconds (microsecond resolution)

    /// Maps a manager's record to an item (id stays 0).
    static HistoryItem fromRecord(const OperationRecord &op);

    /// The field names, in the order of the JSON keys and the CSV header.
    static const QStringList &fieldNames();

    /// ISO 8601 UTC with milliseconds: 2026-11-28T05:12:40.123Z.
    QString timestampIso() const;
    static QString formatTimestamp(qint64 msecsSinceEpoch);
    /// Writes the 24 characters of formatTimestamp() at out; returns the end.
    static char *writeTimestamp(char *out, qint64 msecsSinceEpoch);
    /// Writes durationText() at out (at most 32 characters); returns the end.
    static char *writeDuration(char *out, double ms);
    /// duration_ms as text: the shortest form that reads back to the same number.
    QString durationText() const;

    /// The object written to JSON exports (params as a JSON value, null when empty).
    QJsonObject toJson() const;
    /// Reads an object written by toJson(); false and *error when a field is missing or of the wrong type.
    static bool fromJson(const QJsonObject &o, HistoryItem *item, QString *error);

    bool operator==(const HistoryItem &other) const = default;
};

} // namespace Litehouse

// QString members are relocatable: the buffer's QList grows by memcpy under its lock.
Q_DECLARE_TYPEINFO(Litehouse::HistoryItem, Q_RELOCATABLE_TYPE);
