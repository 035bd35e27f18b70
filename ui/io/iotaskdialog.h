#pragma once

#include "util/futures.h"

#include <core/canceltoken.h>
#include <core/outcome.h>

#include <QDialog>

#include <atomic>
#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Litehouse {

/// Shared between a running task (any thread) and the dialog that shows it.
struct IoTaskProgress
{
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{-1}; ///< -1: unknown (the bar just moves)
    std::atomic<qint64> items{0};  ///< rows or statements so far
};

/// A small window for one long file task (dump a database, run an SQL
/// file): what it does, a progress bar and Cancel; it stays after the task
/// to show how it ended. Not modal: the workbench goes on meanwhile.
class IoTaskDialog final : public QDialog
{
    Q_OBJECT
public:
    /// itemsLabel: "%L1 rows written" and the like, for items().
    IoTaskDialog(const QString &title, const QString &what, const QString &itemsLabel, QWidget *parent = nullptr);

    /// The token and progress the task must use.
    const CancelToken &cancelToken() const { return m_cancel; }
    std::shared_ptr<IoTaskProgress> progress() const { return m_progress; }
    /// Watches the task's future; describe() makes the success message.
    template<typename T>
    void watch(QFuture<Outcome<T>> future, std::function<QString(const T &)> describe)
    {
        whenDone(this, std::move(future), [this, describe](const Outcome<T> &r) {
            if (r)
                finish(true, describe(r.value()));
            else
                finish(false, r.error().message(), r.error().kind() == Error::Kind::Interrupted);
        });
    }
    bool isRunning() const { return m_running; }
    QString resultText() const;

Q_SIGNALS:
    void finished(bool ok, const QString &message);

public Q_SLOTS:
    /// Close, Esc: while running, cancels (and stays open until it has ended).
    void reject() override;

private:
    void finish(bool ok, const QString &message, bool cancelled = false);

    CancelToken m_cancel;
    std::shared_ptr<IoTaskProgress> m_progress;
    QString m_itemsLabel;
    QLabel *m_what;
    QLabel *m_result;
    QProgressBar *m_bar;
    QPushButton *m_button;
    QTimer *m_timer;
    bool m_running = true;
};

} // namespace Litehouse
