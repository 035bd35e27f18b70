#pragma once

// Internals shared by the transaction widgets; not part of their API.

#include <core/outcome.h>

#include <QFuture>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPromise>

#include "util/futures.h"

namespace Litehouse::TransactionsUi {

Q_DECLARE_LOGGING_CATEGORY(lcTransactions)

using Litehouse::whenDone; // ui/util/futures.h

/// A future that is already resolved.
template<typename T>
QFuture<Outcome<T>> readyFuture(Outcome<T> value)
{
    QPromise<Outcome<T>> p;
    p.start();
    p.addResult(std::move(value));
    p.finish();
    return p.future();
}

} // namespace Litehouse::TransactionsUi
