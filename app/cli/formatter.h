#pragma once

// The CLI's output formats live in the core (the workbench exports with them too).
#include <core/rowformat.h>

namespace LitehouseCli {
using Litehouse::Format;
using Litehouse::csvField;
using Litehouse::jsonString;
using Litehouse::writeRows;
} // namespace LitehouseCli
