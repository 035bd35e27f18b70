#include "exportdialog.h"

#include "util/futures.h"

#include <core/manager.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Litehouse {

ExportDialog::ExportDialog(Manager *manager, const QString &database, QWidget *parent)
    : QDialog(parent), m_manager(manager), m_database(database)
{
    setObjectName(QStringLiteral("exportDialog"));
}

ExportDialog::~ExportDialog()
{
    m_cancel.cancel();
}

ExportDialog *ExportDialog::forTable(Manager *manager, const QString &database, const QStringList &tables,
                                     const QString &table, QWidget *parent)
{
    auto *d = new ExportDialog(manager, database, parent);
    d->setWindowTitle(tr("Export Table"));
    d->build(tables.isEmpty() && !table.isEmpty() ? QStringList{table} : tables, table);
    return d;
}

ExportDialog *ExportDialog::forQuery(Manager *manager, const QString &database, const QString &sql, Route route,
                                     QWidget *parent)
{
    auto *d = new ExportDialog(manager, database, parent);
    d->setWindowTitle(tr("Export Result"));
    d->m_sql = sql;
    d->m_route = route;
    d->build({}, {});
    return d;
}

void ExportDialog::build(const QStringList &tables, const QString &table)
{
    auto *form = new QFormLayout;
    if (m_sql.isEmpty()) {
        m_table = new QComboBox;
        m_table->addItems(tables);
        m_table->setCurrentText(table);
        form->addRow(tr("&Table:"), m_table);
    } else {
        auto *q = new QLabel(m_sql.simplified().left(200));
        q->setWordWrap(true);
        q->setToolTip(m_sql);
        form->addRow(tr("Query:"), q);
    }
    m_format = new QComboBox;
    m_format->addItem(tr("CSV (as sqlite3 -csv -header)"), int(DataExportFormat::Csv));
    m_format->addItem(tr("JSON (an array of objects)"), int(DataExportFormat::Json));
    m_format->addItem(tr("SQL (INSERT statements)"), int(DataExportFormat::Sql));
    form->addRow(tr("F&ormat:"), m_format);
    m_neutralise = new QCheckBox(tr("Neutralise formulas (a ' before text starting with = + - @)"));
    m_neutralise->setToolTip(tr("Keeps a spreadsheet from running cells as formulas. Off: the file is byte for byte what sqlite3 writes."));
    form->addRow(QString(), m_neutralise);
    m_sqlTable = new QLineEdit(m_table ? m_table->currentText() : QStringLiteral("result"));
    form->addRow(tr("INSERT &into:"), m_sqlTable);
    m_path = new QLineEdit;
    auto *browse = new QPushButton(tr("&Browse…"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *pathLabel = new QLabel(tr("&File:"));
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const int f = m_format->currentData().toInt();
        const QString filter = f == int(DataExportFormat::Csv) ? tr("CSV files (*.csv)")
            : f == int(DataExportFormat::Json)                ? tr("JSON files (*.json)")
                                                              : tr("SQL files (*.sql)");
        const QString p = QFileDialog::getSaveFileName(this, windowTitle(), m_path->text(), filter);
        if (!p.isEmpty())
            m_path->setText(p);
    });
    if (m_table)
        connect(m_table, &QComboBox::currentTextChanged, m_sqlTable, &QLineEdit::setText);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateControls);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateControls);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_status = new QLabel;
    auto *buttons = new QDialogButtonBox;
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_rows)
            m_status->setText(tr("%L1 rows written…").arg(m_rows->load()));
    });
    resize(560, sizeHint().height());
    updateControls();
}

void ExportDialog::updateControls()
{
    const int f = m_format->currentData().toInt();
    m_neutralise->setEnabled(f == int(DataExportFormat::Csv) && !m_running);
    m_sqlTable->setEnabled(f == int(DataExportFormat::Sql) && !m_running);
    m_export->setEnabled(!m_running && !m_path->text().trimmed().isEmpty());
    m_close->setText(m_running ? tr("Cancel") : tr("Close"));
}

void ExportDialog::setFormat(DataExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void ExportDialog::setNeutraliseFormulas(bool on)
{
    m_neutralise->setChecked(on);
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

DataExportOptions ExportDialog::options() const
{
    DataExportOptions o;
    o.format = DataExportFormat(m_format->currentData().toInt());
    o.neutraliseFormulas = o.format == DataExportFormat::Csv && m_neutralise->isChecked();
    o.sqlTable = m_sqlTable->text().trimmed();
    o.route = m_route;
    return o;
}

QString ExportDialog::sql() const
{
    return m_sql.isEmpty() ? selectAllSql(m_table->currentText()) : m_sql;
}

QString ExportDialog::errorText() const
{
    return m_error->text();
}

bool ExportDialog::startExport()
{
    if (m_running || m_path->text().trimmed().isEmpty() || (m_table && m_table->currentText().isEmpty()))
        return false;
    m_running = true;
    m_cancel = CancelToken();
    m_rows = std::make_shared<std::atomic<qint64>>(0);
    m_error->clear();
    m_error->hide();
    m_status->setText(tr("Exporting…"));
    m_progressTimer->start();
    updateControls();
    auto rows = m_rows;
    const QString path = m_path->text().trimmed();
    whenDone(this, exportToFile(*m_manager, m_database, sql(), path, options(),
                                [rows](const DataExportProgress &p) { *rows = p.rows; }, m_cancel),
             [this, path](const Outcome<qint64> &r) {
                 m_running = false;
                 m_progressTimer->stop();
                 updateControls();
                 if (!r) {
                     const bool cancelled = r.error().kind() == Error::Kind::Interrupted;
                     m_status->setText(cancelled ? tr("Cancelled; no file was written.") : QString());
                     if (!cancelled) {
                         m_error->setText(r.error().message());
                         m_error->show();
                     }
                     Q_EMIT exportFinished(false, r.error().message());
                     return;
                 }
                 const QString msg = tr("%n row(s) exported to %1", nullptr, int(qMin<qint64>(r.value(), INT_MAX)))
                                         .arg(QFileInfo(path).fileName());
                 m_status->setText(msg);
                 Q_EMIT exportFinished(true, msg);
             });
    return true;
}

void ExportDialog::reject()
{
    if (m_running) {
        m_cancel.cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Litehouse
