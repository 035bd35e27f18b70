#include "importdialog.h"

#include "util/futures.h"

#include <core/manager.h>

#include <QAbstractTableModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QRegularExpression>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Litehouse {

/// The preview's rows (at most a hundred), NULL shown as the grid shows it.
class ImportPreviewModel final : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;
    void set(const ImportPreview &p)
    {
        beginResetModel();
        m_p = p;
        endResetModel();
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_p.rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_p.columns.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_p.rows.size())
            return {};
        const QStringList &row = m_p.rows.at(index.row());
        const bool null = m_p.nulls.value(index.row()).value(index.column(), false);
        if (role == Qt::DisplayRole)
            return null ? QStringLiteral("NULL") : row.value(index.column()).replace(QLatin1Char('\n'), QStringLiteral("⏎"));
        if (role == Qt::ToolTipRole && !null)
            return row.value(index.column());
        if (role == Qt::ForegroundRole && null)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return {};
    }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        if (o == Qt::Horizontal)
            return m_p.columns.value(section);
        return section + 1;
    }

private:
    ImportPreview m_p;
};

namespace {

const QList<ImportType> typeOrder = {ImportType::Auto, ImportType::Integer, ImportType::Real, ImportType::Text, ImportType::Blob};

QString typeLabel(ImportType t, ImportType guessed)
{
    if (t == ImportType::Auto)
        return QObject::tr("Auto (%1)").arg(importTypeName(guessed));
    return importTypeName(t);
}

} // namespace

ImportDialog::ImportDialog(Manager *manager, const QString &database, const QStringList &tables, QWidget *parent)
    : QDialog(parent), m_manager(manager), m_database(database)
{
    setWindowTitle(tr("Import into %1").arg(QFileInfo(database).fileName()));
    setObjectName(QStringLiteral("importDialog"));
    resize(900, 640);

    m_file = new QLineEdit;
    m_file->setPlaceholderText(tr("A .csv, .tsv, .json or .jsonl file"));
    auto *browse = new QPushButton(tr("&Browse…"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Import File"), m_file->text(),
                                                       tr("Data files (*.csv *.tsv *.tab *.txt *.json *.jsonl *.ndjson);;All files (*)"));
        if (!p.isEmpty())
            setFile(p);
    });
    connect(m_file, &QLineEdit::editingFinished, this, &ImportDialog::schedulePreview);

    m_format = new QComboBox;
    m_format->addItem(tr("CSV or TSV"), int(ImportFormat::Csv));
    m_format->addItem(tr("JSON (array of objects, or JSON Lines)"), int(ImportFormat::Json));
    m_separator = new QComboBox;
    m_separator->setEditable(true);
    m_separator->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_separator->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_separator->addItem(tr("Tab"), QStringLiteral("\t"));
    m_separator->addItem(tr("Pipe ( | )"), QStringLiteral("|"));
    m_separator->setToolTip(tr("Pick one, or type a single character"));
    m_quote = new QComboBox;
    m_quote->addItem(tr("Double quote ( \" )"), QStringLiteral("\""));
    m_quote->addItem(tr("Single quote ( ' )"), QStringLiteral("'"));
    m_quote->addItem(tr("None"), QString());
    m_header = new QCheckBox(tr("First line names the columns"));
    m_header->setChecked(true);
    m_encoding = new QComboBox;
    m_encoding->addItem(tr("Automatic (byte-order mark, else UTF-8)"), int(TextEncoding::Auto));
    m_encoding->addItem(QStringLiteral("UTF-8"), int(TextEncoding::Utf8));
    m_encoding->addItem(tr("UTF-16 (with byte-order mark)"), int(TextEncoding::Utf16));
    m_encoding->addItem(tr("Latin-1 (ISO 8859-1)"), int(TextEncoding::Latin1));

    auto *fileBox = new QGroupBox(tr("File"));
    auto *fileForm = new QFormLayout(fileBox);
    auto *fileLabel = new QLabel(tr("&File:"));
    fileLabel->setBuddy(m_file);
    fileForm->addRow(fileLabel, fileRow);
    fileForm->addRow(tr("F&ormat:"), m_format);
    fileForm->addRow(tr("&Separator:"), m_separator);
    fileForm->addRow(tr("&Quote:"), m_quote);
    fileForm->addRow(QString(), m_header);
    fileForm->addRow(tr("&Encoding:"), m_encoding);

    m_newTable = new QRadioButton(tr("&New table:"));
    m_existing = new QRadioButton(tr("E&xisting table:"));
    m_newTable->setChecked(true);
    m_tableName = new QLineEdit;
    m_existingTable = new QComboBox;
    m_existingTable->addItems(tables);
    m_existing->setEnabled(!tables.isEmpty());
    m_match = new QComboBox;
    m_match->addItem(tr("Match columns by name"), int(ImportMatch::Name));
    m_match->addItem(tr("Match columns by position"), int(ImportMatch::Position));
    m_emptyNull = new QCheckBox(tr("Empty fields in TEXT columns are NULL too"));
    m_emptyNull->setToolTip(tr("Empty fields are always NULL in columns that are not TEXT"));
    auto *targetBox = new QGroupBox(tr("Into"));
    auto *tgrid = new QGridLayout(targetBox);
    tgrid->addWidget(m_newTable, 0, 0);
    tgrid->addWidget(m_tableName, 0, 1);
    tgrid->addWidget(m_existing, 1, 0);
    tgrid->addWidget(m_existingTable, 1, 1);
    tgrid->addWidget(m_match, 2, 1);
    tgrid->addWidget(m_emptyNull, 3, 0, 1, 2);
    tgrid->setRowStretch(4, 1);

    m_columns = new QTableWidget(0, 2);
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Type")});
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->verticalHeader()->setVisible(false);
    m_columns->setToolTip(tr("Rename the new table's columns; choose each column's type"));

    auto *top = new QHBoxLayout;
    top->addWidget(fileBox, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(targetBox);
    right->addWidget(m_columns, 1);
    top->addLayout(right, 2);

    m_previewModel = new ImportPreviewModel(this);
    m_previewView = new QTableView;
    m_previewView->setModel(m_previewModel);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->horizontalHeader()->setDefaultSectionSize(130);
    m_previewView->verticalHeader()->setDefaultSectionSize(m_previewView->fontMetrics().height() + 6);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_status = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->hide();

    auto *buttons = new QDialogButtonBox;
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_close, &QPushButton::clicked, this, &ImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Preview (the first rows, parsed with these options):")));
    layout->addWidget(m_previewView, 1);
    layout->addWidget(m_error);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    connect(m_previewTimer, &QTimer::timeout, this, &ImportDialog::readPreview);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (!m_shared)
            return;
        const qint64 total = m_shared->total;
        if (total > 0)
            m_progress->setValue(int(qMin<qint64>(1000, m_shared->bytes * 1000 / total)));
        m_status->setText(tr("%L1 rows imported…").arg(m_shared->rows.load()));
    });

    for (QComboBox *c : {m_format, m_quote, m_encoding, m_match})
        connect(c, &QComboBox::currentIndexChanged, this, &ImportDialog::schedulePreview);
    connect(m_separator, &QComboBox::currentTextChanged, this, &ImportDialog::schedulePreview);
    connect(m_header, &QCheckBox::toggled, this, &ImportDialog::schedulePreview);
    connect(m_newTable, &QRadioButton::toggled, this, &ImportDialog::updateControls);
    connect(m_tableName, &QLineEdit::textChanged, this, &ImportDialog::updateControls);
    updateControls();
}

ImportDialog::~ImportDialog()
{
    m_cancel.cancel();
}

void ImportDialog::setFile(const QString &path)
{
    m_file->setText(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool json = suffix == QLatin1String("json") || suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson");
    m_format->setCurrentIndex(json ? 1 : 0);
    if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        m_separator->setCurrentIndex(2);
    if (m_tableName->text().isEmpty()) {
        QString name = QFileInfo(path).completeBaseName();
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]+")), QStringLiteral("_"));
        m_tableName->setText(name);
    }
    readPreview();
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    o.path = m_file->text().trimmed();
    o.format = ImportFormat(m_format->currentData().toInt());
    o.encoding = TextEncoding(m_encoding->currentData().toInt());
    // An item's data, or the one character typed in.
    QString sep = m_separator->currentIndex() >= 0 && m_separator->currentText() == m_separator->itemText(m_separator->currentIndex())
                      ? m_separator->currentData().toString()
                      : m_separator->currentText();
    if (sep == QLatin1String("\\t"))
        sep = QStringLiteral("\t");
    o.separator = sep.size() == 1 ? sep.at(0) : QChar();
    const QString quote = m_quote->currentData().toString();
    o.quote = quote.isEmpty() ? QChar() : quote.at(0);
    o.header = m_header->isChecked();
    o.createTable = m_newTable->isChecked();
    o.table = o.createTable ? m_tableName->text().trimmed() : m_existingTable->currentText();
    o.match = ImportMatch(m_match->currentData().toInt());
    o.emptyTextIsNull = m_emptyNull->isChecked();
    for (int r = 0; r < m_columns->rowCount(); ++r) {
        ImportColumn c;
        c.name = m_columns->item(r, 0) ? m_columns->item(r, 0)->text() : QString();
        if (auto *combo = qobject_cast<QComboBox *>(m_columns->cellWidget(r, 1)))
            c.type = ImportType(combo->currentData().toInt());
        o.columns << c;
    }
    if (o.columns.size() != m_preview.columns.size())
        o.columns.clear();
    return o;
}

void ImportDialog::setColumnType(int i, ImportType type)
{
    if (auto *combo = qobject_cast<QComboBox *>(m_columns->cellWidget(i, 1)))
        combo->setCurrentIndex(combo->findData(int(type)));
}

QString ImportDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void ImportDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ImportDialog::schedulePreview()
{
    m_previewTimer->start();
}

// The file is read off the UI thread; a preview that comes back after the
// options changed again is dropped.
void ImportDialog::readPreview()
{
    m_previewTimer->stop();
    ImportOptions o = options();
    o.columns.clear();
    const int generation = ++m_previewGeneration;
    if (o.path.isEmpty()) {
        showPreview(Error::invalid(tr("Choose a file to import.")));
        return;
    }
    if (o.format == ImportFormat::Csv && o.separator.isNull()) {
        showPreview(Error::invalid(tr("The separator must be one character.")));
        return;
    }
    whenDone(this, QtConcurrent::run([o] { return previewImport(o, 100); }), [this, generation](const Outcome<ImportPreview> &r) {
        if (generation == m_previewGeneration)
            showPreview(r);
    });
}

void ImportDialog::showPreview(const Outcome<ImportPreview> &r)
{
    if (!r) {
        m_preview = ImportPreview();
        m_previewModel->set(m_preview);
        m_columns->setRowCount(0);
        showError(r.error().message());
        updateControls();
        Q_EMIT previewUpdated(false);
        return;
    }
    // Keep the names and types the user set for columns that are still there.
    QHash<QString, QPair<QString, int>> kept;
    for (int i = 0; i < m_columns->rowCount(); ++i) {
        auto *combo = qobject_cast<QComboBox *>(m_columns->cellWidget(i, 1));
        kept.insert(m_preview.columns.value(i), {m_columns->item(i, 0)->text(), combo ? combo->currentIndex() : 0});
    }
    m_preview = r.value();
    m_previewModel->set(m_preview);
    m_columns->setRowCount(int(m_preview.columns.size()));
    for (int i = 0; i < m_preview.columns.size(); ++i) {
        const QString name = m_preview.columns.at(i);
        auto *item = new QTableWidgetItem(kept.contains(name) ? kept.value(name).first : name);
        m_columns->setItem(i, 0, item);
        auto *combo = new QComboBox;
        for (ImportType t : typeOrder)
            combo->addItem(typeLabel(t, m_preview.guessed.value(i, ImportType::Text)), int(t));
        combo->setCurrentIndex(kept.contains(name) ? kept.value(name).second : 0);
        m_columns->setCellWidget(i, 1, combo);
    }
    m_columns->resizeColumnToContents(0);
    showError(QString());
    m_status->setText(m_preview.truncated ? tr("Showing the first %n row(s).", nullptr, int(m_preview.rows.size()))
                                          : tr("%n row(s) in the file.", nullptr, int(m_preview.rows.size())));
    updateControls();
    Q_EMIT previewUpdated(true);
}

void ImportDialog::updateControls()
{
    const bool csv = m_format->currentData().toInt() == int(ImportFormat::Csv);
    for (QWidget *w : std::initializer_list<QWidget *>{m_separator, m_quote, m_header})
        w->setEnabled(csv && !m_running);
    const bool create = m_newTable->isChecked();
    m_tableName->setEnabled(create && !m_running);
    m_existingTable->setEnabled(!create && !m_running);
    m_match->setEnabled(!create && !m_running);
    // Names matter only for a new table (or matching by name, where they must match).
    m_columns->setEditTriggers(create ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers);
    m_import->setEnabled(!m_running && !m_preview.columns.isEmpty() && (!create || !m_tableName->text().trimmed().isEmpty()));
    m_close->setText(m_running ? tr("Cancel") : tr("Close"));
}

bool ImportDialog::startImport()
{
    if (m_running)
        return false;
    const ImportOptions o = options();
    if (o.table.isEmpty() || o.path.isEmpty() || m_preview.columns.isEmpty())
        return false;
    m_running = true;
    m_cancel = CancelToken();
    m_shared = std::make_shared<Shared>();
    showError(QString());
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Importing…"));
    m_progressTimer->start();
    updateControls();
    auto shared = m_shared;
    whenDone(this, importFile(*m_manager, m_database, o, [shared](const ImportProgress &p) {
        shared->rows = p.rows;
        shared->bytes = p.bytes;
        shared->total = p.totalBytes;
    }, m_cancel), [this](const Outcome<ImportResult> &r) {
        m_running = false;
        m_progressTimer->stop();
        m_progress->hide();
        updateControls();
        if (!r) {
            m_status->setText(r.error().kind() == Error::Kind::Interrupted ? tr("Cancelled; nothing was imported.")
                                                                          : tr("Nothing was imported."));
            if (r.error().kind() != Error::Kind::Interrupted)
                showError(r.error().message());
            Q_EMIT importFinished(false, r.error().message());
            return;
        }
        const QString msg = tr("%n row(s) imported into %1.", nullptr, int(qMin<qint64>(r.value().rows, INT_MAX))).arg(r.value().table);
        m_status->setText(msg);
        Q_EMIT schemaChanged(m_database);
        Q_EMIT importFinished(true, msg);
    });
    return true;
}

void ImportDialog::cancel()
{
    m_cancel.cancel();
}

// Close while importing cancels first; the dialog stays until the import
// has rolled back, so nothing is left half done behind a closed window.
void ImportDialog::reject()
{
    if (m_running) {
        cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Litehouse
