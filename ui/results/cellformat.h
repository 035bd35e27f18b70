#pragma once

#include <core/value.h>

#include <QVariant>

namespace Litehouse {

/// How a grid shows one SQLite value, for every item role: NULL in grey
/// italics apart from empty text, BLOBs as their size and a hex preview,
/// numbers right-aligned, long text cut. Shared by every result grid.
QVariant cellData(const Value &v, int role);

} // namespace Litehouse
