#pragma once

// Internal: what the rest of the core uses of a Manager beyond its public
// API, and what manager*.cpp share.

#include "manager.h"

namespace Litehouse {

namespace detail {

/// The Manager's internals for the core's own parts (streams, batches,
/// migrations, maintenance); ui/ and app/ never use it.
struct ManagerAccess
{
    static std::shared_ptr<Database> find(const Manager &m, const QString &database) { return m.find(database); }
    static void report(Manager &m, const OperationRecord &op, const Error &error) { m.report(op, error); }
    static bool observed(const Manager &m) { return m.observed(); }
    static Outcome<Done> submit(Manager &m, const QString &database, Route route, Task &&task,
                                bool looksReadOnly = false)
    {
        return m.submit(database, route, std::move(task), looksReadOnly);
    }
};

/// The NotOpen error for a name no open database has.
Error notOpen(const QString &name);
/// The record of an operation about to start (empty when nobody records).
OperationRecord startRecord(const std::shared_ptr<Database> &db, const QString &name, const QString &sql,
                            const Params &params, OperationRecord::Kind kind);

} // namespace detail

} // namespace Litehouse
