#pragma once

#include "connection.h"

#include <functional>
#include <memory>

namespace Litehouse {

/// A unit of work for one connection: either a pair of functions, or one
/// body object that is both (the manager's operations use a body, so that a
/// task costs one allocation instead of a heap-held function per callback).
struct Task
{
    /// The work and its failure path in one object.
    struct Body
    {
        virtual ~Body() = default;
        virtual void run(Connection &c) = 0;
        virtual void fail(const Error &e) = 0;
    };

    /// Runs on the lane's connection, on a pool thread.
    std::function<void(Connection &)> run;
    /// Called instead of run when the task is dropped (its database closed).
    std::function<void(const Error &)> fail;
    /// Used instead of run and fail when set.
    std::shared_ptr<Body> body;
    /// Non-zero: belongs to an exclusive session (see Lane::setOwner).
    quint64 session = 0;

    void invoke(Connection &c)
    {
        if (body)
            body->run(c);
        else if (run)
            run(c);
    }
    void reject(const Error &e)
    {
        if (body)
            body->fail(e);
        else if (fail)
            fail(e);
    }
};

} // namespace Litehouse
