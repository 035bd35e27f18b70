#pragma once

#include "connection.h"

#include <functional>

namespace Litehouse {

/// A unit of work for one connection.
struct Task
{
    /// Runs on the lane's connection, on a pool thread.
    std::function<void(Connection &)> run;
    /// Called instead of run when the task is dropped (its database closed).
    std::function<void(const Error &)> fail;
    /// Non-zero: belongs to an exclusive session (see Lane::setOwner).
    quint64 session = 0;
};

} // namespace Litehouse
