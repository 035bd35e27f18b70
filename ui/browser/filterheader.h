#pragma once

#include <QHeaderView>
#include <QList>

class QLineEdit;
class QTableView;

namespace Litehouse {

/// A horizontal header with a line of filter boxes under the column titles,
/// one per column, kept aligned as columns are resized and scrolled.
class FilterHeader final : public QHeaderView
{
    Q_OBJECT
public:
    explicit FilterHeader(QTableView *parent);

    /// Makes one filter box per column (clearing the previous ones).
    void setFilterCount(int count);
    int filterCount() const { return int(m_editors.size()); }
    QLineEdit *filterEdit(int column) const { return m_editors.value(column); }
    QStringList filterTexts() const;
    QSize sizeHint() const override;
    /// What a filter box understands (its tooltip).
    static QString helpText();

Q_SIGNALS:
    /// A box's text changed (as typed) or Return was pressed in it.
    void filterEdited(int column, const QString &text);
    void filterCommitted(int column);

protected:
    void updateGeometries() override;

private:
    void placeEditors();

    QList<QLineEdit *> m_editors;
};

} // namespace Litehouse
