#include "operation.h"

namespace Litehouse {

QString operationKindName(OperationRecord::Kind kind)
{
    using K = OperationRecord::Kind;
    switch (kind) {
    case K::Query: return QStringLiteral("query");
    case K::Script: return QStringLiteral("script");
    case K::Begin: return QStringLiteral("begin");
    case K::Commit: return QStringLiteral("commit");
    case K::Rollback: return QStringLiteral("rollback");
    case K::Savepoint: return QStringLiteral("savepoint");
    case K::Release: return QStringLiteral("release");
    case K::RollbackTo: return QStringLiteral("rollback-to");
    case K::Migration: return QStringLiteral("migration");
    case K::Maintenance: return QStringLiteral("maintenance");
    }
    return {};
}

QString operationOutcomeName(OperationRecord::Outcome outcome)
{
    switch (outcome) {
    case OperationRecord::Outcome::Ok: return QStringLiteral("ok");
    case OperationRecord::Outcome::Error: return QStringLiteral("error");
    case OperationRecord::Outcome::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace Litehouse
