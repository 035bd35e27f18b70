#pragma once

#include <core/canceltoken.h>
#include <core/io/exporter.h>

#include <QDialog>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Litehouse {

class Manager;

/// Exports a table, or the rows of a query result, to CSV, JSON or SQL
/// INSERT statements, in the background with Cancel. CSV can neutralise
/// formulas (off by default, so the file is what `sqlite3 -csv` writes).
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    /// A table of the database; tables lists the ones to choose from (the
    /// table given is preselected).
    static ExportDialog *forTable(Manager *manager, const QString &database, const QStringList &tables,
                                  const QString &table, QWidget *parent = nullptr);
    /// A query's rows (it runs again; it must only read).
    static ExportDialog *forQuery(Manager *manager, const QString &database, const QString &sql, Route route,
                                  QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setFormat(DataExportFormat format);
    void setNeutraliseFormulas(bool on);
    void setPath(const QString &path);
    /// The options the controls say now.
    DataExportOptions options() const;
    /// The SQL that runs: the query, or SELECT * of the chosen table.
    QString sql() const;
    bool startExport();
    bool isRunning() const { return m_running; }
    QString errorText() const;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

public Q_SLOTS:
    /// Close, Esc: while running, cancels (and stays open until it has ended).
    void reject() override;

private:
    ExportDialog(Manager *manager, const QString &database, QWidget *parent);
    void build(const QStringList &tables, const QString &table);
    void updateControls();

    Manager *m_manager;
    QString m_database;
    QString m_sql;   // empty: a table
    Route m_route = Route::Auto;
    QComboBox *m_table = nullptr;
    QComboBox *m_format = nullptr;
    QCheckBox *m_neutralise = nullptr;
    QLineEdit *m_sqlTable = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_close = nullptr;
    QTimer *m_progressTimer = nullptr;
    bool m_running = false;
    CancelToken m_cancel;
    std::shared_ptr<std::atomic<qint64>> m_rows;
};

} // namespace Litehouse
