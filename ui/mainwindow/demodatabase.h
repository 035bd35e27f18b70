#pragma once

#include <QString>

namespace Litehouse {

/// The demo database `make run` opens: a small bookshop (authors, books,
/// customers, orders) created on first run from resources/demo/demo.sql.
namespace DemoDatabase {
/// Where the demo database lives: the user's data directory.
QString defaultPath();
/// The script that creates it.
QString script();
} // namespace DemoDatabase

} // namespace Litehouse
