#pragma once

#include <QLoggingCategory>

namespace Litehouse {
Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_DECLARE_LOGGING_CATEGORY(lcExec)
Q_DECLARE_LOGGING_CATEGORY(lcManager)
Q_DECLARE_LOGGING_CATEGORY(lcMigrations)
Q_DECLARE_LOGGING_CATEGORY(lcHistory)
} // namespace Litehouse
