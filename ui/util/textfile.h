#pragma once

#include <core/outcome.h>

#include <QFuture>
#include <QString>

namespace Litehouse {

/// Reads a UTF-8 text file off the UI thread (a BOM is dropped). A file
/// that is not UTF-8 text, or too large to edit (over 64 MiB), is an
/// error that says so.
QFuture<Outcome<QString>> readTextFile(const QString &path);

/// Writes text as UTF-8 off the UI thread, replacing the file atomically
/// (a crash leaves the old file or the new one, never half of either).
QFuture<Outcome<Done>> writeTextFile(const QString &path, const QString &text);

} // namespace Litehouse
