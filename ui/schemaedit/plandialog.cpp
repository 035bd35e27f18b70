#include "plandialog.h"

#include "util/futures.h"

#include <core/manager.h>
#include <core/schema/schemaapply.h>
#include <core/schema/schemamigration.h>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Litehouse {

namespace {
// The key MigrationsDialog keeps a database's migrations folder under.
QString migrationsFolderKey(const QString &database)
{
    return QStringLiteral("migrations/folder-%1").arg(qHash(database), 0, 16);
}
} // namespace

PlanDialog::PlanDialog(Manager *manager, const QString &database, QWidget *parent)
    : QDialog(parent), m_manager(manager), m_database(database), m_form(new QVBoxLayout), m_sql(new QPlainTextEdit),
      m_error(new QLabel)
{
    m_sql->setReadOnly(true);
    m_sql->setObjectName(QStringLiteral("planSql"));
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setPlaceholderText(tr("The SQL of the change appears here."));
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("planError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *buttons = new QDialogButtonBox;
    m_run = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    m_run->setToolTip(tr("Run this SQL now, in one transaction: all of it or nothing"));
    m_editor = buttons->addButton(tr("Open in &Editor"), QDialogButtonBox::ActionRole);
    m_editor->setToolTip(tr("Put this SQL in a new editor tab instead of running it"));
    m_migration = buttons->addButton(tr("Save as &Migration…"), QDialogButtonBox::ActionRole);
    m_migration->setToolTip(tr("Write this change (and its undo, where it can be derived) as the next migration files"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_editor, &QPushButton::clicked, this, [this] {
        if (m_plan) {
            Q_EMIT openInEditor(m_plan->script(), m_database);
            accept();
        }
    });
    connect(m_migration, &QPushButton::clicked, this, [this] { saveAsMigration(); });

    auto *sqlLabel = new QLabel(tr("SQL that runs:"));
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(m_form, 3);
    lay->addWidget(sqlLabel);
    lay->addWidget(m_sql, 2);
    lay->addWidget(m_error);
    lay->addWidget(buttons);
    setRunning(false);
}

PlanDialog::~PlanDialog() = default;

void PlanDialog::load()
{
    setEnabled(false);
    whenDone(this, readCatalog(*m_manager, m_database, Route::Writer), [this](const Outcome<Catalog> &r) {
        setEnabled(true);
        if (!r) {
            showProblem(tr("Cannot read the schema: %1").arg(r.error().message()));
            return;
        }
        m_catalog = r.value();
        catalogReady(*m_catalog);
        updatePlan();
        Q_EMIT catalogLoaded();
    });
}

QString PlanDialog::sqlText() const
{
    return m_sql->toPlainText();
}

QString PlanDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PlanDialog::setRunText(const QString &text)
{
    m_run->setText(text);
}

void PlanDialog::makeCloseDefault()
{
    m_run->setAutoDefault(false);
    m_run->setDefault(false);
    m_close->setDefault(true);
}

void PlanDialog::showProblem(const QString &text)
{
    QPalette p = palette();
    p.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(p);
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PlanDialog::updatePlan()
{
    if (!m_catalog)
        return;
    auto p = makePlan(*m_catalog);
    if (!p) {
        m_plan.reset();
        m_sql->setPlainText(QString());
        showProblem(p.error().message());
    } else if (p.value().isEmpty()) {
        m_plan.reset();
        m_sql->setPlainText(QString());
        showProblem(tr("Nothing to change yet."));
    } else {
        m_plan = p.take();
        m_sql->setPlainText(m_plan->script());
        showProblem(QString());
    }
    setRunning(m_running);
}

void PlanDialog::setRunning(bool running)
{
    m_running = running;
    const bool ready = m_plan.has_value() && !running;
    m_run->setEnabled(ready);
    m_editor->setEnabled(ready);
    m_migration->setEnabled(ready);
}

bool PlanDialog::run()
{
    if (!m_plan || m_running)
        return false;
    setRunning(true);
    whenDone(this, applySchemaPlan(*m_manager, m_database, *m_plan), [this](const Outcome<Done> &r) {
        setRunning(false);
        if (!r) {
            showProblem(r.error().message());
            Q_EMIT failed(r.error().message());
            return;
        }
        Q_EMIT applied(m_database);
        accept();
    });
    return true;
}

bool PlanDialog::saveAsMigration(const QString &folder)
{
    if (!m_plan)
        return false;
    QString dir = folder;
    if (dir.isEmpty())
        dir = QSettings().value(migrationsFolderKey(m_database)).toString();
    if (dir.isEmpty())
        dir = QFileDialog::getExistingDirectory(this, tr("Migrations Folder"), QFileInfo(m_database).absolutePath());
    if (dir.isEmpty())
        return false;
    const QString up = m_plan->migrationScript(false);
    const QString down = m_plan->migrationScript(true);
    const QString name = m_plan->slug;
    // Files are written off the UI thread.
    whenDone(this, QtConcurrent::run([dir, name, up, down] { return Litehouse::saveAsMigration(dir, name, up, down); }),
             [this](const Outcome<QStringList> &r) {
                 if (!r) {
                     showProblem(r.error().message());
                     Q_EMIT failed(r.error().message());
                     return;
                 }
                 QStringList names;
                 for (const QString &p : r.value())
                     names << QFileInfo(p).fileName();
                 showProblem(QString());
                 m_error->setText(tr("Saved as %1").arg(names.join(QStringLiteral(", "))));
                 m_error->setPalette(palette());
                 m_error->show();
                 Q_EMIT migrationSaved(r.value());
             });
    return true;
}

} // namespace Litehouse
