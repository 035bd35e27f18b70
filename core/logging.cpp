#include "logging.h"

namespace Litehouse {
Q_LOGGING_CATEGORY(lcConnection, "litehouse.core.connection", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExec, "litehouse.core.exec", QtWarningMsg)
Q_LOGGING_CATEGORY(lcManager, "litehouse.core.manager", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMigrations, "litehouse.core.migrations", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHistory, "litehouse.core.history", QtWarningMsg)
} // namespace Litehouse
