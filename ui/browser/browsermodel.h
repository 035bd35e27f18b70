#pragma once

#include <core/edit/rowedits.h>
#include <core/manager.h>
#include <core/querybuilder.h>

#include <QAbstractTableModel>

class QUndoStack;

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace Litehouse {

class QueryStream;

/// The rows of one table or view for the table browser, read a page at a
/// time with QueryBuilder statements (identifiers quoted, values bound).
///
/// Tables page by key, never by OFFSET: every page is ordered by the sort
/// column (if any) and then the rowid (or the PRIMARY KEY of a WITHOUT
/// ROWID table), and the next page starts after the last key seen. Views
/// have no key: their rows come from one open cursor (QueryStream), a page
/// per fetchMore. Pages arrive off the UI thread; a page that arrives after
/// the sort or filters changed is dropped.
///
/// A table with a key can be edited. Edits stay pending, held by the row's
/// key (so they survive sorting, filtering and reloads), until commit()
/// writes them all in one transaction on the session connection (see
/// applyEdits()) or revert() drops them; undoStack() steps through them.
/// New rows are shown first, above the table's rows.
class BrowserModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    BrowserModel(Manager *manager, const QString &database, const QString &table, QObject *parent = nullptr);
    ~BrowserModel() override;

    QString database() const { return m_database; }
    QString table() const { return m_table; }
    bool isView() const { return m_view; }
    /// The key the pages are ordered and continued by (empty for a view).
    QStringList keyColumns() const { return m_keyColumns; }
    /// The table's columns and declared types (known after shapeLoaded()).
    QStringList columnNames() const { return m_columns; }
    QStringList declaredTypes() const { return m_types; }

    /// Reads the table's columns and key, then the first page.
    void load();
    /// Reads the first page again (after the data changed elsewhere).
    void reload();
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    /// Sorts by a column (-1: no sort, rows in key order).
    void setSort(int column, Qt::SortOrder order);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// A column's filter as the user typed it; empty clears it. Returns the
    /// reason when the text is not a valid filter (the filter is then off).
    QString setFilter(int column, const QString &text);
    /// All filters at once (one reload).
    QString setFilters(const QStringList &texts);
    bool isFetching() const { return m_fetching; }
    bool atEnd() const { return m_atEnd; }

    /// The statement of the last page asked for, and its bound values.
    QString lastSql() const { return m_lastSql; }
    Params lastParams() const { return m_lastParams; }
    /// The statement of the first page (what the SQL strip shows); later
    /// pages add the "after this key" condition to it.
    QString firstSql() const { return m_firstSql; }
    Params firstParams() const { return m_firstParams; }
    /// firstSql() with its values inlined as SQL literals: for the editor,
    /// never run by the browser.
    QString editorSql() const;

    /// A filter as a condition: `=`, `<>`, `!=`, `<`, `<=`, `>`, `>=` prefixes compare with the
    /// rest as a bound value (numbers as numbers unless textual is set), `is null`, `not
    /// null`/`is not null` test for NULL, anything else matches text containing it literally
    /// (LIKE with %, _ and \ escaped). nullopt for empty text or a bare operator.
    static std::optional<QueryBuilder::Condition> parseFilter(const QString &column, const QString &text,
                                                              bool textual, QString *error = nullptr);
    /// A value as an SQL literal: NULL, a number, 'text' with quotes doubled, X'hex'.
    static QString sqlLiteral(const Value &v);
    /// SQL with each `?` outside quotes and comments replaced by its literal.
    static QString inlineParams(const QString &sql, const Params &params);

    /// The value a cell shows (a pending one where there is one), or
    /// nullptr (no such cell, or a new row's column left to its DEFAULT).
    const Value *valueAt(int row, int column) const;

    /// The text of a cell for its editor (Qt::EditRole keeps the value's QVariant).
    static constexpr int EditTextRole = Qt::UserRole + 1;

    // Editing.
    /// True when rows can be changed here; otherwise readOnlyReason() says why.
    bool isEditable() const;
    QString readOnlyReason() const;
    enum class RowState { Clean, Changed, Inserted, Deleted };
    RowState rowState(int row) const;
    /// True when the cell has a pending value.
    bool isPending(int row, int column) const;
    /// Sets one cell (one undo step); false when the cell cannot be edited.
    bool setCell(int row, int column, const Value &v);
    /// Sets each of the cells to NULL (one undo step).
    bool setNull(const QModelIndexList &cells);
    /// Adds a new row, every column at its DEFAULT; returns its row.
    int addRow();
    /// Marks the rows deleted; new rows among them go at once (one undo step).
    bool deleteRows(QList<int> rows);
    /// Writes a block of tab-separated text (a spreadsheet's clipboard) from
    /// the cell at row, column on; rows past the end become new rows. Returns
    /// what could not be pasted, or an empty string.
    QString pasteTsv(int row, int column, const QString &text);
    /// Splits tab-separated text into rows of fields; "quoted" fields may
    /// hold tabs, newlines and doubled quotes, as spreadsheets write them.
    static QList<QStringList> parseTsv(const QString &text);
    QUndoStack *undoStack() const { return m_undo; }
    bool hasPendingChanges() const;
    /// Rows with a pending change (new, changed or deleted).
    int pendingCount() const;
    /// The pending changes as edits, and for each the grid row it shows on (-1: not loaded).
    QList<RowEdit> pendingEdits(QList<int> *rows = nullptr) const;
    /// The statements commit() runs, with their values, for the preview.
    QString pendingSql() const;
    /// Drops every pending change; the database is not touched.
    void revert();
    /// Writes the pending changes. Rows that changed since they were read
    /// stop it (commitConflicts()) unless overwrite is set.
    void commit(bool overwrite = false);
    bool isCommitting() const { return m_committing; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// The columns are known (the header can be built).
    void shapeLoaded();
    /// A page arrived; rows is the number of rows shown now.
    void pageLoaded(qint64 rows, bool atEnd);
    /// A new first-page statement was written (the sort or filters changed).
    void queryChanged(const QString &sql, const Litehouse::Params &params);
    void failed(const QString &message);
    void fetchingChanged(bool fetching);
    /// The pending changes changed (an edit, undo, redo, revert or commit).
    void pendingChanged();
    /// commit() wrote everything.
    void committed(qint64 rowsChanged);
    /// commit() wrote nothing: rows changed or vanished since they were read.
    void commitConflicts(const QStringList &reasons);
    /// commit() wrote nothing: a statement failed; row is the grid row of
    /// the failing change (-1: not on screen). The changes stay pending.
    void commitFailed(const QString &message, int row);

private:
    struct PendingRow
    {
        QList<Value> key;
        QList<Value> original; // the shown columns as read
        std::map<int, Value> values;
        bool deleted = false;
    };
    struct Pending
    {
        std::map<QByteArray, PendingRow> rows; // by keyId()
        QList<std::map<int, Value>> inserted;
        bool operator==(const Pending &o) const;
    };
    class Snapshot;
    friend class Snapshot;
    struct Page
    {
        qint64 start = 0;
        ResultSet rows;
    };
    Outcome<BuiltQuery> pageQuery() const;
    void restart();
    void fetchPage();
    void addPage(ResultSet rows);
    void fail(const QString &message);
    bool sortColumnNullable() const;
    /// The page row behind a grid row (-1 for a new row).
    qint64 pageRow(int row) const;
    const Value *pageValue(qint64 row, int column) const;
    QList<Value> pageKey(qint64 row) const;
    static QByteArray keyId(const QList<Value> &key);
    const PendingRow *pendingFor(qint64 row) const;
    bool cellEditable(int row, int column) const;
    /// Puts a change on the undo stack (and applies it).
    void change(const QString &text, const Pending &next);
    /// Shows a state of the pending changes (from the undo stack).
    void setPending(const Pending &p);
    /// Sets a cell in a pending state, dropping a value equal to what was read.
    bool setIn(Pending &p, int row, int column, const Value &v) const;

    Manager *m_manager;
    QString m_database;
    QString m_table;
    bool m_view = false;
    bool m_loaded = false;
    QStringList m_columns;
    QStringList m_types;
    QList<bool> m_notNull;
    QStringList m_selectColumns;  // what each page SELECTs: [rowid alias,] the table's columns
    int m_firstShown = 0;         // index in m_selectColumns of the first shown column
    QStringList m_keyColumns;
    QList<int> m_keyIndexes;      // where the key columns sit in m_selectColumns
    QStringList m_filterTexts;
    QList<QueryBuilder::Condition> m_filters;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_pageSize = 200;

    std::vector<Page> m_pages;
    qint64 m_rows = 0;
    QList<Value> m_lastKey;       // [sort value,] key values of the last row shown
    bool m_atEnd = false;
    bool m_fetching = false;
    quint64 m_generation = 0;
    std::shared_ptr<QueryStream> m_stream;
    QString m_lastSql;
    Params m_lastParams;
    QString m_firstSql;
    Params m_firstParams;

    Pending m_pending;
    QUndoStack *m_undo;
    bool m_committing = false;
};

} // namespace Litehouse
