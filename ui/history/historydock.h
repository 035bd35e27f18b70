#pragma once

#include <core/history/historyexport.h>
#include <core/history/historyquery.h>

#include <QAbstractTableModel>
#include <QDockWidget>
#include <QFuture>
#include <QTimer>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Litehouse {

class HistoryStore;

/// A page of history items for a view, newest first.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Database, Kind, Outcome, Duration, Rows, Statement, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setItems(QList<HistoryItem> items);
    const HistoryItem &item(int row) const { return m_items.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryItem> m_items;
};

/// The query history in a dock (objectName "historyDock"): a search box
/// (text of the SQL or the error), an outcome filter, the newest matching
/// items, and Export… to JSON, CSV or text. Double-clicking an item opens
/// its SQL in a new editor tab. Every query runs on the history store's own
/// worker; the dock reads again after each flush while it is shown.
class HistoryDock final : public QDockWidget
{
    Q_OBJECT
public:
    explicit HistoryDock(QWidget *parent = nullptr);
    ~HistoryDock() override;

    /// The history to show; without one the dock says that history is off.
    void setStore(std::shared_ptr<HistoryStore> store);
    HistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *outcomeBox() const { return m_outcome; }
    /// How many items are shown at most (the newest matching ones).
    static constexpr int kShown = 1000;

    /// The filter the search box and outcome choice make.
    HistoryQuery currentQuery() const;
    /// Reads the history again (coalesced: one read at a time).
    void refresh();
    /// Writes every item matching the current filter, oldest first, to path
    /// (the whole file is replaced atomically).
    QFuture<Outcome<ExportResult>> exportTo(const QString &path, ExportFormat format);

Q_SIGNALS:
    /// The user wants this SQL in a new editor tab.
    void openInEditor(const QString &sql);
    /// A read finished and the model shows its items.
    void refreshed();
    void exportFinished(const QString &path, bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *e) override;

private:
    void chooseExport();
    void setSummary(const HistoryPage &page);

    std::shared_ptr<HistoryStore> m_store;
    HistoryModel *m_model;
    QTableView *m_view;
    QLineEdit *m_search;
    QComboBox *m_outcome;
    QLabel *m_summary;
    QPushButton *m_export;
    QTimer m_debounce;
    bool m_reading = false;
    bool m_stale = false; // something changed while a read ran or the dock was hidden
};

} // namespace Litehouse
