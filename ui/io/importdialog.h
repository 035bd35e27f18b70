#pragma once

#include <core/canceltoken.h>
#include <core/io/importer.h>

#include <QDialog>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableView;
class QTableWidget;
class QTimer;

namespace Litehouse {

class Manager;
class ImportPreviewModel;

/// File ▸ Import CSV/JSON…: imports a CSV, TSV or JSON file into a new or
/// an existing table of one open database. The preview shows the first
/// rows parsed with the options chosen (separator, quote, header,
/// encoding), and the type of every column can be set. The import runs in
/// the background, in one transaction, with a progress bar and Cancel;
/// an error names the file's line and column, and nothing is written.
class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    /// tables: the database's tables, for "existing table".
    ImportDialog(Manager *manager, const QString &database, const QStringList &tables, QWidget *parent = nullptr);
    ~ImportDialog() override;

    QString database() const { return m_database; }
    /// Chooses the file (the format follows its extension) and reads the preview.
    void setFile(const QString &path);
    /// The options as the dialog's controls say now.
    ImportOptions options() const;
    /// Starts the import; false when one is running or the options are incomplete.
    bool startImport();
    void cancel();
    bool isRunning() const { return m_running; }
    /// For tests: the preview and the error shown.
    const ImportPreview &preview() const { return m_preview; }
    QString errorText() const;
    QTableView *previewView() const { return m_previewView; }
    QTableWidget *columnsTable() const { return m_columns; }
    /// The type chosen for column i.
    void setColumnType(int i, ImportType type);

Q_SIGNALS:
    /// The preview was read again (ok false: its error is shown).
    void previewUpdated(bool ok);
    /// An import ended; on success the table holds the rows.
    void importFinished(bool ok, const QString &message);
    /// A table was created or filled (for the schema tree).
    void schemaChanged(const QString &database);

public Q_SLOTS:
    /// Close, Esc: while running, cancels (and stays open until it has ended).
    void reject() override;

private:
    void schedulePreview();
    void readPreview();
    void showPreview(const Outcome<ImportPreview> &r);
    void updateControls();
    void showError(const QString &message);

    Manager *m_manager;
    QString m_database;
    QLineEdit *m_file;
    QComboBox *m_format;
    QComboBox *m_separator;
    QComboBox *m_quote;
    QCheckBox *m_header;
    QComboBox *m_encoding;
    QRadioButton *m_newTable;
    QRadioButton *m_existing;
    QLineEdit *m_tableName;
    QComboBox *m_existingTable;
    QComboBox *m_match;
    QCheckBox *m_emptyNull;
    QTableWidget *m_columns;
    QTableView *m_previewView;
    ImportPreviewModel *m_previewModel;
    QLabel *m_error;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_import;
    QPushButton *m_close;
    QTimer *m_previewTimer;
    QTimer *m_progressTimer;
    ImportPreview m_preview;
    int m_previewGeneration = 0;
    bool m_running = false;
    CancelToken m_cancel;
    struct Shared { std::atomic<qint64> rows{0}, bytes{0}, total{-1}; };
    std::shared_ptr<Shared> m_shared;
};

} // namespace Litehouse
