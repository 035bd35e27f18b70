#pragma once

// Internals shared by the transaction widgets; not part of their API.

#include <core/outcome.h>

#include <QFuture>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPromise>

namespace Litehouse::TransactionsUi {

Q_DECLARE_LOGGING_CATEGORY(lcTransactions)

/// Runs f(result) on the receiver's thread when the future finishes, through
/// QFutureWatcher's queued signal (never QFuture::then, never by waiting).
/// Nothing runs if the receiver is destroyed first.
template<typename T, typename F>
void whenDone(QObject *receiver, QFuture<T> future, F &&f)
{
    auto *w = new QFutureWatcher<T>(receiver);
    QObject::connect(w, &QFutureWatcher<T>::finished, receiver, [w, f = std::forward<F>(f)]() mutable {
        w->deleteLater();
        f(w->result());
    });
    w->setFuture(std::move(future));
}

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
