#include "iotaskdialog.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Litehouse {

IoTaskDialog::IoTaskDialog(const QString &title, const QString &what, const QString &itemsLabel, QWidget *parent)
    : QDialog(parent), m_progress(std::make_shared<IoTaskProgress>()), m_itemsLabel(itemsLabel)
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("ioTaskDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_what = new QLabel(what);
    m_what->setWordWrap(true);
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar = new QProgressBar;
    m_bar->setRange(0, 0);
    m_button = new QPushButton(tr("Cancel"));
    connect(m_button, &QPushButton::clicked, this, &IoTaskDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addWidget(m_bar);
    layout->addWidget(m_result);
    layout->addWidget(m_button, 0, Qt::AlignRight);
    resize(460, sizeHint().height());
    m_timer = new QTimer(this);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, [this] {
        const qint64 total = m_progress->total;
        if (total > 0) {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(qMin<qint64>(1000, m_progress->done * 1000 / total)));
        }
        m_result->setText(m_itemsLabel.arg(m_progress->items.load()));
    });
    m_timer->start();
}

QString IoTaskDialog::resultText() const
{
    return m_result->text();
}

void IoTaskDialog::finish(bool ok, const QString &message, bool cancelled)
{
    m_running = false;
    m_timer->stop();
    m_bar->setRange(0, 1);
    m_bar->setValue(ok ? 1 : 0);
    m_result->setText(cancelled ? tr("Cancelled. %1").arg(message) : message);
    m_result->setStyleSheet(ok || cancelled ? QString() : QStringLiteral("color: #c62828;"));
    m_button->setText(tr("Close"));
    Q_EMIT finished(ok, message);
}

// While running, Cancel (and Esc, and the window's close button) cancels;
// the window closes once the task has ended.
void IoTaskDialog::reject()
{
    if (m_running) {
        m_cancel.cancel();
        m_button->setEnabled(false);
        m_result->setText(tr("Cancelling…"));
        connect(this, &IoTaskDialog::finished, this, [this] { m_button->setEnabled(true); });
        return;
    }
    QDialog::reject();
}

} // namespace Litehouse
