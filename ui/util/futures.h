#pragma once

#include <core/tsan_p.h>

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace Litehouse {

/// Runs f(result) on the receiver's thread once the future finishes, through
/// QFutureWatcher's queued signal. The UI never waits on a future, and does
/// not use QFuture::then (see DESIGN.md: it was seen to misfire under stress).
/// Nothing runs if the receiver is destroyed first.
template<typename T, typename F>
void whenDone(QObject *receiver, QFuture<T> future, F &&f)
{
    auto *w = new QFutureWatcher<T>(receiver);
    QObject::connect(w, &QFutureWatcher<T>::finished, receiver, [w, f = std::forward<F>(f)]() mutable {
        w->deleteLater();
        f(finishedResult(w->future()));
    });
    w->setFuture(std::move(future));
}

} // namespace Litehouse
