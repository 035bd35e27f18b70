#include "migrationsdialog.h"

#include "util/futures.h"

#include <core/manager.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

namespace Litehouse {

namespace {
QString settingsKey(const QString &database)
{
    // QSettings keys cannot hold every character of a path: hash it.
    return QStringLiteral("migrations/folder-%1").arg(qHash(database), 0, 16);
}
} // namespace

MigrationsDialog::MigrationsDialog(Manager *manager, const QString &database, QWidget *parent)
    : QDialog(parent), m_manager(manager), m_database(database), m_folderEdit(new QLineEdit),
      m_browse(new QPushButton(tr("Choose…"))), m_table(new QTableWidget(0, 6)), m_problemLabel(new QLabel),
      m_target(new QComboBox), m_preview(new QPushButton(tr("Preview"))), m_up(new QPushButton(tr("Apply"))),
      m_down(new QPushButton(tr("Revert"))), m_cancelButton(new QPushButton(tr("Cancel"))), m_log(new QPlainTextEdit)
{
    setWindowTitle(tr("Migrations — %1").arg(QFileInfo(database).fileName()));
    setModal(false);
    resize(820, 560);

    m_folderEdit->setPlaceholderText(tr("A folder of NNN_name.up.sql and NNN_name.down.sql files"));
    connect(m_folderEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_folderEdit->text() != m_folder)
            setFolder(m_folderEdit->text());
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Migrations Folder"), m_folder);
        if (!dir.isEmpty())
            setFolder(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderEdit, 1);
    folderRow->addWidget(m_browse);

    m_table->setHorizontalHeaderLabels({tr("Version"), tr("Name"), tr("State"), tr("Applied at"), tr("Took"), tr("Down file")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setVisible(false);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));

    m_target->setToolTip(tr("Apply: up to and including this version. Revert: every migration above it."));
    m_preview->setToolTip(tr("Show what Apply would run, without running anything"));
    m_up->setToolTip(tr("Apply the pending migrations, each in its own transaction"));
    m_down->setToolTip(tr("Revert applied migrations with their down files, newest first"));
    connect(m_preview, &QPushButton::clicked, this, [this] { apply(chosenTarget(), true); });
    connect(m_up, &QPushButton::clicked, this, [this] { apply(chosenTarget(), false); });
    connect(m_down, &QPushButton::clicked, this, [this] { revert(chosenTarget(), false); });
    connect(m_cancelButton, &QPushButton::clicked, this, &MigrationsDialog::cancel);
    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Target version:")));
    actions->addWidget(m_target);
    actions->addStretch(1);
    actions->addWidget(m_preview);
    actions->addWidget(m_up);
    actions->addWidget(m_down);
    actions->addWidget(m_cancelButton);

    m_log->setReadOnly(true);
    m_log->setPlaceholderText(tr("What runs, and how it went, appears here."));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto *lay = new QVBoxLayout(this);
    lay->addLayout(folderRow);
    lay->addWidget(m_table, 2);
    lay->addWidget(m_problemLabel);
    lay->addLayout(actions);
    lay->addWidget(m_log, 1);
    lay->addWidget(close);

    fillTargets();
    setRunning(false);
    const QString remembered = QSettings().value(settingsKey(database)).toString();
    if (!remembered.isEmpty())
        setFolder(remembered);
}

MigrationsDialog::~MigrationsDialog()
{
    m_cancel.cancel(); // the runner's destructor then waits only for the migration in progress
}

QString MigrationsDialog::logText() const
{
    return m_log->toPlainText();
}

void MigrationsDialog::log(const QString &line)
{
    m_log->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void MigrationsDialog::setFolder(const QString &folder)
{
    if (m_running)
        return;
    m_folder = folder.isEmpty() ? QString() : QDir::cleanPath(folder);
    m_folderEdit->setText(m_folder);
    delete m_runner;
    m_runner = nullptr;
    m_status.clear();
    m_problems.clear();
    if (m_folder.isEmpty()) {
        refresh();
        return;
    }
    QSettings().setValue(settingsKey(m_database), m_folder);
    m_runner = new MigrationRunner(*m_manager, m_database, m_folder, this);
    connect(m_runner, &MigrationRunner::migrationStarted, this,
            [this](qint64, const QString &file, int index, int count) {
                log(tr("%1 (%2 of %3) …").arg(file).arg(index + 1).arg(count));
            });
    connect(m_runner, &MigrationRunner::migrationFinished, this, [this](qint64, const QString &file, qint64 ms) {
        log(tr("%1 done in %2 ms").arg(file).arg(ms));
    });
    connect(m_runner, &MigrationRunner::migrationFailed, this,
            [this](qint64, const QString &file, const Error &error) {
                log(tr("%1 failed and was rolled back: %2").arg(file, error.message()));
            });
    refresh();
}

void MigrationsDialog::refresh()
{
    if (!m_runner) {
        m_table->setRowCount(0);
        m_problemLabel->setVisible(false);
        fillTargets();
        setRunning(false);
        Q_EMIT refreshed();
        return;
    }
    m_reads = 2;
    m_statusError.clear();
    auto done = [this] {
        if (--m_reads > 0)
            return;
        if (!m_statusError.isEmpty() && !m_problems.contains(m_statusError))
            m_problems.prepend(m_statusError);
        m_problemLabel->setText(m_problems.join(QLatin1Char('\n')));
        m_problemLabel->setVisible(!m_problems.isEmpty());
        fillTargets();
        setRunning(m_running);
        Q_EMIT refreshed();
    };
    whenDone(this, m_runner->status(), [this, done](const Outcome<QList<MigrationStatus>> &r) {
        m_status = r ? r.value() : QList<MigrationStatus>();
        if (!r)
            m_statusError = r.error().message();
        m_table->setRowCount(int(m_status.size()));
        for (int i = 0; i < m_status.size(); ++i) {
            const MigrationStatus &s = m_status.at(i);
            auto set = [this, i](int c, const QString &text) { m_table->setItem(i, c, new QTableWidgetItem(text)); };
            set(0, QString::number(s.version));
            set(1, s.name);
            set(2, migrationStateName(s.state));
            set(3, s.appliedAt);
            set(4, s.durationMs >= 0 ? tr("%1 ms").arg(s.durationMs) : QString());
            set(5, s.hasDown ? tr("yes") : tr("no"));
            if (s.state == MigrationStatus::State::Changed || s.state == MigrationStatus::State::Missing
                || s.state == MigrationStatus::State::Interrupted)
                m_table->item(i, 2)->setForeground(QColor(0xc0, 0x39, 0x2b));
        }
        m_table->resizeColumnToContents(0);
        m_table->resizeColumnToContents(2);
        m_table->resizeColumnToContents(3);
        done();
    });
    whenDone(this, m_runner->validate(), [this, done](const Outcome<QStringList> &r) {
        m_problems = r ? r.value() : QStringList{r.error().message()};
        done();
    });
}

void MigrationsDialog::fillTargets()
{
    const QVariant keep = m_target->currentData();
    m_target->clear();
    m_target->addItem(tr("default (apply: all; revert: the newest)"), qint64(-1));
    m_target->addItem(tr("0 (revert all)"), qint64(0));
    for (const MigrationStatus &s : std::as_const(m_status))
        m_target->addItem(QStringLiteral("%1 %2").arg(s.version).arg(s.name), s.version);
    if (const int i = m_target->findData(keep); i >= 0)
        m_target->setCurrentIndex(i);
}

qint64 MigrationsDialog::chosenTarget() const
{
    return m_target->currentData().toLongLong();
}

void MigrationsDialog::setRunning(bool running)
{
    m_running = running;
    const bool ready = !running && m_runner;
    m_preview->setEnabled(ready);
    m_up->setEnabled(ready);
    m_down->setEnabled(ready);
    m_target->setEnabled(ready);
    m_folderEdit->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

bool MigrationsDialog::apply(qint64 target, bool dryRun)
{
    return start(false, target, dryRun);
}

bool MigrationsDialog::revert(qint64 target, bool dryRun)
{
    return start(true, target, dryRun);
}

bool MigrationsDialog::start(bool down, qint64 target, bool dryRun)
{
    if (m_running || !m_runner)
        return false;
    m_cancel = CancelToken();
    MigrationOptions o;
    if (target >= 0)
        o.target = target;
    o.dryRun = dryRun;
    o.cancel = m_cancel;
    setRunning(true);
    log(dryRun ? (down ? tr("Preview of a revert:") : tr("Preview:")) : (down ? tr("Reverting…") : tr("Applying…")));
    auto future = down ? m_runner->down(o) : m_runner->up(o);
    whenDone(this, future, [this, down, dryRun](const Outcome<MigrationRun> &r) {
        setRunning(false);
        QString message;
        if (!r) {
            message = r.error().message();
            log(tr("Stopped: %1").arg(message));
        } else if (r.value().steps.isEmpty()) {
            message = down ? tr("Nothing to revert.") : tr("Nothing to apply: the database is up to date.");
            log(message);
        } else if (dryRun) {
            for (const MigrationStep &s : r.value().steps) {
                log(tr("would run %1%2:").arg(s.file, s.noTransaction ? tr(" (without a transaction)") : QString()));
                m_log->appendPlainText(QString::fromUtf8(s.sql).trimmed());
            }
            message = tr("%n migration(s) would run.", nullptr, int(r.value().steps.size()));
            log(message);
        } else {
            message = tr("Version %1 → %2 (%n migration(s)).", nullptr, int(r.value().steps.size()))
                          .arg(r.value().fromVersion)
                          .arg(r.value().toVersion);
            log(message);
        }
        if (!dryRun)
            Q_EMIT schemaChanged(m_database); // also after a failure: earlier migrations were committed
        refresh();
        Q_EMIT runFinished(r.ok(), message);
    });
    return true;
}

} // namespace Litehouse
