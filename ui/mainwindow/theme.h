#pragma once

#include <QString>

namespace Litehouse::Theme {

/// "system" follows the desktop's palette; "light" and "dark" are Litehouse's own.
QString current();
/// Applies a theme to the application now and remembers it.
void apply(const QString &name);
/// True when the palette in use is dark.
bool isDark();

} // namespace Litehouse::Theme
