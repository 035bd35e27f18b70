#pragma once

#include <core/manager.h>
#include <core/querybuilder.h>

#include <QAbstractTableModel>

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

    /// The value behind a cell, or nullptr.
    const Value *valueAt(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
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

private:
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
};

} // namespace Litehouse
