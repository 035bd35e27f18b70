#pragma once

#include "historyitem.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace Litehouse {

/// A filter over the history, with paging. Empty fields match everything.
struct HistoryQuery
{
    QString text;                   ///< case-insensitive substring of the SQL or the error
    QString database;               ///< exact database path
    std::optional<qint64> sinceMs;  ///< inclusive lower bound on the timestamp (ms since epoch, UTC)
    std::optional<qint64> untilMs;  ///< inclusive upper bound
    QStringList kinds;              ///< any of these kind names
    QStringList outcomes;           ///< any of these outcome names
    qint64 offset = 0;
    qint64 limit = -1;              ///< -1: no limit
    bool oldestFirst = false;       ///< default newest first (by time); true: in id order (exports)

    /// Parses an ISO 8601 time for sinceMs/untilMs. A time without a zone is
    /// UTC; a date alone means its first millisecond, or with endOfDay its last
    /// (so that "--until 2026-11-28" includes the whole day).
    static std::optional<qint64> parseTime(const QString &text, bool endOfDay = false);
};

/// One page of matching items and the counts over all matches.
struct HistoryPage
{
    QList<HistoryItem> items;
    qint64 total = 0;                 ///< matches over every page
    QMap<QString, qint64> byOutcome;  ///< matches per outcome
};

} // namespace Litehouse
