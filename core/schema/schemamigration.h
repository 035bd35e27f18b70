#pragma once

#include "../outcome.h"

#include <QString>
#include <QStringList>

namespace Litehouse {

/// Writes a schema change as the next migration of a folder:
/// `<NNN>_<name>.up.sql` and, when down is not empty, `<NNN>_<name>.down.sql`,
/// where NNN is one more than the highest version there (as wide as the
/// folder's names, at least three digits). Each file is written whole or
/// not at all; an existing file is never replaced. A folder the migrations
/// runner would refuse (badly named files) is refused here too. Blocking:
/// call it off the UI thread. Resolves to the paths written.
Outcome<QStringList> saveAsMigration(const QString &folder, const QString &name, const QString &up,
                                     const QString &down = {});

} // namespace Litehouse
