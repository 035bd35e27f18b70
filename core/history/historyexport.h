#pragma once

#include "../outcome.h"
#include "historyitem.h"

#include <QFuture>
#include <QList>

#include <optional>

namespace Litehouse {

/// Export file formats.
enum class ExportFormat { Json, Csv, Txt };

/// How an export combines the selected items with what the file holds.
enum class ExportMode {
    Overwrite,  ///< the file holds exactly the selected items
    Append,     ///< every selected item after the file's own, even ids it already has
    Update,     ///< merge by id: held items replaced in place, new ones added at the end
    Extend,     ///< only items whose id the file does not hold are added
};

/// Options of one export.
struct ExportOptions
{
    ExportFormat format = ExportFormat::Json;
    ExportMode mode = ExportMode::Overwrite;
    /// CSV only: false (default) neutralises cells that a spreadsheet would
    /// run as a formula (= + - @ tab CR, other than plain numbers) with a leading '.
    bool keepFormulas = false;
};

/// What an export did.
struct ExportResult
{
    qint64 added = 0;     ///< selected items written as new entries
    qint64 replaced = 0;  ///< entries of the file replaced (update)
    qint64 skipped = 0;   ///< selected items not written (extend: id already held)
    qint64 total = 0;     ///< entries in the file afterwards
};

/// Writes history items to JSON, CSV or TXT files.
///
/// Each export reads the existing file once (when the mode needs it), merges
/// in memory, and replaces the file atomically with QSaveFile: the file is the
/// old or the new version, never half of one. An existing file that is not
/// valid for the format is reported with its name and line and left untouched.
/// The file's own entries are kept byte for byte where the mode keeps them.
class HistoryExport final
{
public:
    /// Runs one export on the calling thread (never call it on the UI thread).
    static Outcome<ExportResult> write(const QString &path, const QList<HistoryItem> &items, const ExportOptions &options);
    /// Runs write() on the global thread pool.
    static QFuture<Outcome<ExportResult>> writeAsync(const QString &path, QList<HistoryItem> items, ExportOptions options);

    static std::optional<ExportFormat> parseFormat(const QString &name);
    static std::optional<ExportMode> parseMode(const QString &name);

    /// One CSV cell as written (neutralised unless keepFormulas, then quoted as RFC 4180 needs).
    static QByteArray csvCell(const QString &text, bool keepFormulas);
    /// True for text that is a plain number (kept as is even when it starts with - or +).
    static bool isPlainNumber(QStringView text);
};

} // namespace Litehouse
