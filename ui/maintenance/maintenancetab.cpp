#include "maintenancetab.h"

#include "util/futures.h"

#include <core/maintenance/healthmonitor.h>
#include <core/manager.h>

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTimer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

namespace Litehouse {

namespace {
QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n);
}
} // namespace

MaintenanceTab::MaintenanceTab(Manager *manager, const QString &database, QWidget *parent)
    : QWidget(parent), m_manager(manager), m_database(database), m_maintenance(*manager, database),
      m_reader(*manager, database),
      m_health(new HealthMonitor(*manager, this)), m_healthLabel(new QLabel), m_sizeLabel(new QLabel),
      m_objects(new QTableWidget(0, 3)), m_log(new QPlainTextEdit), m_progress(new QProgressBar),
      m_cancelButton(new QPushButton(tr("Cancel")))
{
    m_reader.setRecording(false);
    auto *title = new QLabel(tr("Maintenance of %1").arg(QFileInfo(database).fileName()));
    QFont f = title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    title->setFont(f);
    title->setToolTip(database);
    auto *refreshButton = new QPushButton(tr("Refresh"));
    connect(refreshButton, &QPushButton::clicked, this, &MaintenanceTab::refresh);
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(m_healthLabel, 1);
    top->addWidget(refreshButton);

    // Left: sizes and settings.
    auto *sizeBox = new QGroupBox(tr("Size"));
    auto *sizeLay = new QVBoxLayout(sizeBox);
    m_sizeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sizeLabel->setWordWrap(true);
    sizeLay->addWidget(m_sizeLabel);
    m_objects->setHorizontalHeaderLabels({tr("Table or index"), tr("Kind"), tr("Size")});
    m_objects->verticalHeader()->hide();
    m_objects->setWordWrap(false);
    m_objects->verticalHeader()->setDefaultSectionSize(m_objects->fontMetrics().height() + 6);
    m_objects->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_objects->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_objects->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    sizeLay->addWidget(m_objects, 1);
    auto *settingsBox = new QGroupBox(tr("Settings"));
    m_settingsForm = new QFormLayout(settingsBox);
    auto *left = new QWidget;
    auto *leftLay = new QVBoxLayout(left);
    leftLay->setContentsMargins(0, 0, 0, 0);
    leftLay->addWidget(sizeBox, 1);
    leftLay->addWidget(settingsBox);

    // Right: actions, progress and the log.
    auto *actionBox = new QGroupBox(tr("Actions"));
    auto *grid = new QGridLayout(actionBox);
    grid->addWidget(actionButton(tr("Integrity Check"), tr("PRAGMA integrity_check: reads every page and index"),
                                 Action::IntegrityCheck), 0, 0);
    grid->addWidget(actionButton(tr("Quick Check"), tr("PRAGMA quick_check: faster, skips index contents"),
                                 Action::QuickCheck), 0, 1);
    grid->addWidget(actionButton(tr("Foreign Key Check"), tr("PRAGMA foreign_key_check: rows whose parent is missing"),
                                 Action::ForeignKeyCheck), 0, 2);
    grid->addWidget(actionButton(tr("Analyze"), tr("ANALYZE: fresh statistics for the query planner"), Action::Analyze),
                    1, 0);
    grid->addWidget(actionButton(tr("Optimize"), tr("PRAGMA optimize: ANALYZE where SQLite thinks it helps"),
                                 Action::Optimize), 1, 1);
    grid->addWidget(actionButton(tr("Checkpoint"), tr("Copy the write-ahead log back into the database and truncate it"),
                                 Action::Checkpoint), 1, 2);
    grid->addWidget(actionButton(tr("Vacuum"), tr("VACUUM: rebuild the file without free pages (needs no open transaction)"),
                                 Action::Vacuum), 2, 0);
    auto *backupButton = new QPushButton(tr("Backup…"));
    backupButton->setToolTip(tr("An online copy of the database while it stays in use"));
    connect(backupButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Back Up To"), QString(),
                                                          tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!path.isEmpty())
            backupTo(path);
    });
    m_buttons << backupButton;
    grid->addWidget(backupButton, 2, 1);
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &MaintenanceTab::cancel);
    grid->addWidget(m_cancelButton, 2, 2);
    m_progress->setVisible(false);
    m_log->setReadOnly(true);
    m_log->setPlaceholderText(tr("Results of the actions appear here."));
    auto *right = new QWidget;
    auto *rightLay = new QVBoxLayout(right);
    rightLay->setContentsMargins(0, 0, 0, 0);
    rightLay->addWidget(actionBox);
    rightLay->addWidget(m_progress);
    rightLay->addWidget(m_log, 1);

    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(top);
    lay->addWidget(split, 1);

    connect(m_health, &HealthMonitor::healthChanged, this,
            [this](const QString &, HealthMonitor::State, const QString &) { m_healthLabel->setText(healthText()); });
    m_healthLabel->setText(tr("Health: checking…"));
    m_health->watch(database, 5000);
    m_health->checkNow(database);
    refresh();
}

MaintenanceTab::~MaintenanceTab()
{
    m_cancel.cancel();
    stopWatching();
}

void MaintenanceTab::stopWatching()
{
    m_health->unwatch(m_database);
}

QPushButton *MaintenanceTab::actionButton(const QString &text, const QString &tip, Action action)
{
    auto *b = new QPushButton(text);
    b->setToolTip(tip);
    connect(b, &QPushButton::clicked, this, [this, action] { run(action); });
    m_buttons << b;
    return b;
}

QString MaintenanceTab::healthText() const
{
    const HealthMonitor::Status s = m_health->status(m_database);
    if (!s.checked)
        return tr("Health: checking…");
    QString state;
    switch (s.state) {
    case HealthMonitor::State::Healthy: state = tr("healthy"); break;
    case HealthMonitor::State::Degraded: state = tr("degraded"); break;
    case HealthMonitor::State::Down: state = tr("down"); break;
    }
    return s.reason.isEmpty() ? tr("Health: %1").arg(state) : tr("Health: %1 — %2").arg(state, s.reason);
}

QString MaintenanceTab::logText() const
{
    return m_log->toPlainText();
}

QString MaintenanceTab::settingValue(const QString &name) const
{
    return m_settings.value(name);
}

void MaintenanceTab::refresh()
{
    whenDone(this, m_reader.sizeStats(), [this](const Outcome<SizeStats> &r) {
        if (!r) {
            m_sizeLabel->setText(tr("Sizes cannot be read: %1").arg(r.error().message()));
            return;
        }
        m_sizes = r.value();
        showSizes();
        Q_EMIT refreshed();
    });
    for (const QString &name : Maintenance::settingNames()) {
        whenDone(this, m_reader.setting(name), [this, name](const Outcome<QString> &r) {
            const QString value = r ? r.value() : r.error().message();
            m_settings.insert(name, value);
            QLabel *&label = m_settingLabels[name];
            if (!label) {
                label = new QLabel;
                m_settingsForm->addRow(name, label);
            }
            label->setText(value);
        });
    }
}

void MaintenanceTab::showSizes()
{
    const SizeStats &s = m_sizes;
    QStringList lines;
    lines << tr("%1 pages of %2 · the file on disk: %3").arg(s.pageCount).arg(bytes(s.pageSize), bytes(s.fileBytes));
    lines << tr("In use: %1 · free pages: %2").arg(bytes(s.bytesUsed), bytes(s.bytesFree));
    if (s.walBytes > 0)
        lines << tr("Write-ahead log: %1").arg(bytes(s.walBytes));
    if (!s.dbstatMessage.isEmpty())
        lines << s.dbstatMessage;
    m_sizeLabel->setText(lines.join(QLatin1Char('\n')));
    QList<ObjectSize> objects = s.objects;
    std::sort(objects.begin(), objects.end(), [](const ObjectSize &a, const ObjectSize &b) { return a.bytes > b.bytes; });
    m_objects->setRowCount(int(objects.size()));
    for (int i = 0; i < objects.size(); ++i) {
        const ObjectSize &o = objects.at(i);
        m_objects->setItem(i, 0, new QTableWidgetItem(o.type == QLatin1String("index") ? tr("%1 (on %2)").arg(o.name, o.table) : o.name));
        m_objects->setItem(i, 1, new QTableWidgetItem(o.type == QLatin1String("index") ? tr("index") : tr("table")));
        auto *size = new QTableWidgetItem(bytes(o.bytes));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_objects->setItem(i, 2, size);
    }
    m_objects->resizeColumnToContents(1);
    m_objects->resizeColumnToContents(2);
}

void MaintenanceTab::log(const QString &line)
{
    m_log->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void MaintenanceTab::begin(const QString &what)
{
    m_busy = true;
    m_running = what;
    m_cancel = CancelToken();
    for (QPushButton *b : std::as_const(m_buttons))
        b->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setRange(0, 0); // busy until a step says how far it got
    m_progress->setVisible(true);
    log(tr("%1 …").arg(what));
}

void MaintenanceTab::finish(bool ok, const QString &message)
{
    m_busy = false;
    for (QPushButton *b : std::as_const(m_buttons))
        b->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setVisible(false);
    log(ok ? tr("%1: %2").arg(m_running, message) : tr("%1 failed: %2").arg(m_running, message));
    Q_EMIT actionFinished(ok, message);
    refresh(); // most actions change sizes
}

bool MaintenanceTab::run(Action action)
{
    if (m_busy)
        return false;
    auto done = [this](const Outcome<Done> &r) { finish(r.ok(), r ? tr("done") : r.error().message()); };
    auto checked = [this](const Outcome<CheckResult> &r) {
        if (!r)
            return finish(false, r.error().message());
        const CheckResult &c = r.value();
        if (c.ok)
            return finish(true, tr("ok"));
        QString text = tr("%n problem(s):", nullptr, int(c.problems.size())) + QLatin1Char('\n') + c.problems.join(QLatin1Char('\n'));
        if (c.truncated)
            text += QLatin1Char('\n') + tr("(there may be more)");
        finish(true, text);
    };
    switch (action) {
    case Action::IntegrityCheck:
        begin(tr("Integrity check"));
        whenDone(this, m_maintenance.integrityCheck(100, m_cancel), checked);
        break;
    case Action::QuickCheck:
        begin(tr("Quick check"));
        whenDone(this, m_maintenance.quickCheck(100, m_cancel), checked);
        break;
    case Action::ForeignKeyCheck:
        begin(tr("Foreign key check"));
        whenDone(this, m_maintenance.foreignKeyCheck(100, m_cancel), [this](const Outcome<ForeignKeyReport> &r) {
            if (!r)
                return finish(false, r.error().message());
            if (r.value().ok())
                return finish(true, tr("ok"));
            QStringList lines{tr("%n row(s) with a missing parent:", nullptr, int(r.value().violations.size()))};
            for (const ForeignKeyViolation &v : r.value().violations)
                lines << (v.rowid ? tr("%1 row %2 → %3").arg(v.table).arg(*v.rowid).arg(v.parent)
                                  : tr("%1 → %2").arg(v.table, v.parent));
            if (r.value().truncated)
                lines << tr("(there may be more)");
            finish(true, lines.join(QLatin1Char('\n')));
        });
        break;
    case Action::Analyze:
        begin(tr("Analyze"));
        whenDone(this, m_maintenance.analyze(m_cancel), done);
        break;
    case Action::Optimize:
        begin(tr("Optimize"));
        whenDone(this, m_maintenance.optimize(m_cancel), done);
        break;
    case Action::Checkpoint:
        begin(tr("Checkpoint"));
        whenDone(this, m_maintenance.checkpoint(CheckpointMode::Truncate), [this](const Outcome<CheckpointResult> &r) {
            if (!r)
                return finish(false, r.error().message());
            const CheckpointResult &c = r.value();
            if (!c.walMode)
                return finish(true, tr("nothing to do: the journal mode is %1, not WAL").arg(c.journalMode));
            if (c.busy)
                return finish(false, tr("readers or a writer kept part of the log (%1 of %2 frames copied)")
                                         .arg(c.checkpointedFrames).arg(c.logFrames));
            finish(true, tr("%1 of %2 frames copied, log truncated").arg(c.checkpointedFrames).arg(c.logFrames));
        });
        break;
    case Action::Vacuum:
        begin(tr("Vacuum"));
        whenDone(this, m_maintenance.vacuum(m_cancel), done);
        break;
    }
    return true;
}

bool MaintenanceTab::backupTo(const QString &path)
{
    if (m_busy)
        return false;
    begin(tr("Backup to %1").arg(path));
    // The backup reports each step on a worker thread; the UI reads the
    // latest numbers on a timer instead of being called from there.
    struct Steps
    {
        std::atomic<int> total{0};
        std::atomic<int> remaining{0};
    };
    auto steps = std::make_shared<Steps>();
    auto progress = [steps](const BackupProgress &p) {
        steps->remaining.store(p.remaining);
        steps->total.store(p.total);
    };
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, steps] {
        if (const int total = steps->total.load(); total > 0) {
            m_progress->setRange(0, total);
            m_progress->setValue(total - steps->remaining.load());
        }
    });
    poll->start(100);
    connect(this, &MaintenanceTab::actionFinished, poll, &QObject::deleteLater);
    whenDone(this, m_maintenance.backup(path, {}, progress, m_cancel), [this](const Outcome<BackupResult> &r) {
        finish(r.ok(), r ? tr("%n page(s) copied", nullptr, r.value().pages) : r.error().message());
    });
    return true;
}

} // namespace Litehouse
