#include "tablebrowser.h"

#include "browser/browsermodel.h"
#include "browser/filterheader.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <core/manager.h>

#include <utility>

namespace Litehouse {

namespace {

// The grid takes its editing keys before the window's menu shortcuts do
// (Ctrl+C, Ctrl+V, Ctrl+Z mean the grid's cells while it has the focus).
class BrowserView final : public QTableView
{
public:
    explicit BrowserView(TableBrowser *browser) : m_browser(browser) {}

protected:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::ShortcutOverride && state() != EditingState
            && (handles(static_cast<QKeyEvent *>(e)) || static_cast<QKeyEvent *>(e)->matches(QKeySequence::SelectAll))) {
            e->accept();
            return true;
        }
        return QTableView::event(e);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if (state() == EditingState || !handles(e)) {
            QTableView::keyPressEvent(e);
            return;
        }
        if (e->matches(QKeySequence::Copy))
            m_browser->copy();
        else if (e->matches(QKeySequence::Paste))
            m_browser->paste();
        else if (e->matches(QKeySequence::Undo))
            m_browser->undo();
        else if (e->matches(QKeySequence::Redo))
            m_browser->redo();
        else if (e->key() == Qt::Key_Delete)
            m_browser->deleteSelectedRows();
        else if (isSetNull(e))
            m_browser->setSelectedNull();
        e->accept();
    }

private:
    static bool isSetNull(const QKeyEvent *e)
    {
        return e->key() == Qt::Key_N && (e->modifiers() & ~Qt::KeypadModifier) == (Qt::ControlModifier | Qt::ShiftModifier);
    }
    static bool handles(const QKeyEvent *e)
    {
        return e->matches(QKeySequence::Copy) || e->matches(QKeySequence::Paste) || e->matches(QKeySequence::Undo)
               || e->matches(QKeySequence::Redo) || (e->key() == Qt::Key_Delete && e->modifiers() == Qt::NoModifier)
               || isSetNull(e);
    }
    TableBrowser *m_browser;
};

// A plain line editor for every cell (never a spin box that would round a
// REAL), filled with the value's full text. Only a change the user typed is
// written back: opening and leaving a NULL cell must not make it ''.
class CellDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        if (const auto *m = qobject_cast<const BrowserModel *>(index.model())) {
            const Value *v = m->valueAt(index.row(), index.column());
            if (v && v->type() == Value::Type::Blob)
                return nullptr; // bytes are edited in the cell editor, not as text
        }
        auto *e = new QLineEdit(parent);
        e->setFrame(false);
        return e;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *e = qobject_cast<QLineEdit *>(editor))
            e->setText(index.data(BrowserModel::EditTextRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        auto *e = qobject_cast<QLineEdit *>(editor);
        if (e && e->isModified())
            model->setData(index, e->text(), BrowserModel::EditTextRole);
    }
};

QToolButton *toolButton(const QString &text, const QString &tip)
{
    auto *b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

TableBrowser::TableBrowser(Manager *manager, const QString &database, const QString &table, QWidget *parent)
    : QWidget(parent),
      m_model(new BrowserModel(manager, database, table, this)),
      m_view(new BrowserView(this)),
      m_header(new FilterHeader(m_view)),
      m_sql(new QPlainTextEdit),
      m_params(new QLabel),
      m_status(new QLabel),
      m_error(new QLabel),
      m_openButton(new QPushButton(tr("Open in Editor"))),
      m_refreshButton(new QPushButton(tr("Refresh"))),
      m_filterTimer(new QTimer(this)),
      m_readOnly(new QLabel),
      m_pendingLabel(new QLabel),
      m_addButton(toolButton(tr("Add Row"), tr("Add a new row (its columns start at their DEFAULT)"))),
      m_deleteButton(toolButton(tr("Delete Rows"), tr("Mark the selected rows deleted (Delete)"))),
      m_nullButton(toolButton(tr("Set NULL"), tr("Set the selected cells to NULL (Ctrl+Shift+N)"))),
      m_undoButton(toolButton(tr("Undo"), tr("Undo the last change (Ctrl+Z)"))),
      m_redoButton(toolButton(tr("Redo"), tr("Redo (Ctrl+Shift+Z)"))),
      m_sqlButton(toolButton(tr("Pending SQL"), tr("Show the statements Commit will run, with their values"))),
      m_revertButton(toolButton(tr("Revert"), tr("Drop every pending change; the database is not touched"))),
      m_commitButton(toolButton(tr("Commit"), tr("Write every pending change in one transaction (Ctrl+S)"))),
      m_pendingSql(new QPlainTextEdit)
{
    m_sql->setReadOnly(true);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_sql->setMaximumHeight(m_sql->fontMetrics().lineSpacing() * 3 + 12);
    m_sql->setToolTip(tr("The statement for the first page; later pages continue after the last row's key.\n"
                         "Values are bound, never spliced into the text."));
    m_sql->setAccessibleName(tr("Generated SQL"));
    m_params->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_params->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();
    m_openButton->setToolTip(tr("Open this query in a new editor tab, with its values written in"));
    m_refreshButton->setToolTip(tr("Read the rows again"));

    m_view->setHorizontalHeader(m_header);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setItemDelegate(new CellDelegate(m_view));
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_refreshButton);
    buttons->addStretch();
    auto *strip = new QHBoxLayout;
    strip->addWidget(m_sql, 1);
    strip->addLayout(buttons);
    auto *info = new QHBoxLayout;
    info->addWidget(m_params, 1);
    info->addWidget(m_status);
    m_readOnly->setWordWrap(true);
    m_readOnly->hide();
    m_sqlButton->setCheckable(true);
    QFont bold = m_commitButton->font();
    bold.setBold(true);
    m_commitButton->setFont(bold);
    m_pendingSql->setReadOnly(true);
    m_pendingSql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pendingSql->setAccessibleName(tr("Pending changes"));
    m_pendingSql->setPlaceholderText(tr("No pending changes"));
    m_pendingSql->hide();
    auto *edits = new QHBoxLayout;
    for (QToolButton *b : {m_addButton, m_deleteButton, m_nullButton, m_undoButton, m_redoButton})
        edits->addWidget(b);
    edits->addStretch();
    edits->addWidget(m_pendingLabel);
    for (QToolButton *b : {m_sqlButton, m_revertButton, m_commitButton})
        edits->addWidget(b);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(m_pendingSql);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(strip);
    layout->addLayout(info);
    layout->addWidget(m_readOnly);
    layout->addLayout(edits);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    connect(m_addButton, &QToolButton::clicked, this, &TableBrowser::addRow);
    connect(m_deleteButton, &QToolButton::clicked, this, &TableBrowser::deleteSelectedRows);
    connect(m_nullButton, &QToolButton::clicked, this, &TableBrowser::setSelectedNull);
    connect(m_undoButton, &QToolButton::clicked, this, &TableBrowser::undo);
    connect(m_redoButton, &QToolButton::clicked, this, &TableBrowser::redo);
    connect(m_revertButton, &QToolButton::clicked, this, &TableBrowser::revertChanges);
    connect(m_commitButton, &QToolButton::clicked, this, &TableBrowser::commitChanges);
    connect(m_sqlButton, &QToolButton::toggled, this, &TableBrowser::setPendingSqlVisible);
    connect(m_model, &BrowserModel::pendingChanged, this, &TableBrowser::updateEditing);
    connect(m_model->undoStack(), &QUndoStack::indexChanged, this, &TableBrowser::updateEditing);
    connect(m_model, &BrowserModel::committed, this, [this](qint64 rows) {
        m_error->hide();
        m_pendingLabel->setText(tr("%n row(s) written", nullptr, int(rows)));
        updateEditing();
    });
    connect(m_model, &BrowserModel::commitFailed, this, [this](const QString &message, int row) {
        m_error->setText(message + QLatin1Char('\n') + tr("Nothing was written; your changes are still pending."));
        m_error->show();
        if (row >= 0) {
            const QModelIndex i = m_model->index(row, qMax(0, m_view->currentIndex().column()));
            m_view->setCurrentIndex(i);
            m_view->scrollTo(i);
        }
        updateEditing();
    });
    connect(m_model, &BrowserModel::commitConflicts, this, [this](const QStringList &reasons) {
        const bool overwrite = m_overwriteChooser ? m_overwriteChooser(reasons) : [&] {
            QMessageBox box(QMessageBox::Warning, tr("Rows changed elsewhere"),
                            tr("Some rows changed since they were read (by another program or tab):"), QMessageBox::Cancel, this);
            box.setInformativeText(reasons.mid(0, 10).join(QLatin1Char('\n'))
                                   + (reasons.size() > 10 ? tr("\n… and %n more", nullptr, int(reasons.size() - 10)) : QString()));
            QPushButton *over = box.addButton(tr("Overwrite Them"), QMessageBox::DestructiveRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            return box.clickedButton() == over;
        }();
        if (overwrite) {
            m_model->commit(true);
        } else {
            m_error->setText(tr("Nothing was written: %1\nRefresh to see the rows as they are now; your changes stay pending.")
                                 .arg(reasons.join(QStringLiteral("; "))));
            m_error->show();
        }
        updateEditing();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentCellChanged(current); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const QModelIndex c = m_view->currentIndex();
        if (c.isValid() && c.row() >= tl.row() && c.row() <= br.row())
            Q_EMIT currentCellChanged(c);
    });

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(350);
    connect(m_filterTimer, &QTimer::timeout, this, &TableBrowser::applyFilters);
    connect(m_header, &FilterHeader::filterEdited, this, [this] { m_filterTimer->start(); });
    connect(m_header, &FilterHeader::filterCommitted, this, &TableBrowser::applyFilters);
    // A title click sorts ascending, then descending, then not at all.
    connect(m_header, &QHeaderView::sectionClicked, this, [this](int section) {
        if (m_model->sortColumn() != section)
            m_model->setSort(section, Qt::AscendingOrder);
        else if (m_model->sortOrder() == Qt::AscendingOrder)
            m_model->setSort(section, Qt::DescendingOrder);
        else
            m_model->setSort(-1, Qt::AscendingOrder);
    });
    connect(m_model, &BrowserModel::shapeLoaded, this, [this] {
        m_sized = false;
        m_header->setFilterCount(m_model->columnCount());
        m_view->resizeColumnsToContents();
        updateEditing();
    });
    connect(m_model, &BrowserModel::queryChanged, this, [this] {
        m_error->hide();
        showQuery();
    });
    connect(m_model, &BrowserModel::pageLoaded, this, [this](qint64 rows) {
        showCount();
        // Size the columns to the first page, within reason, once: columns
        // that jump while a filter is typed are hard to read.
        if (!m_sized && rows > 0) {
            m_sized = true;
            m_view->resizeColumnsToContents();
            for (int c = 0; c < m_model->columnCount(); ++c)
                m_view->setColumnWidth(c, qBound(60, m_view->columnWidth(c), 400));
        }
    });
    connect(m_model, &BrowserModel::failed, this, [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
        showCount();
    });
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const QString sql = m_model->editorSql();
        if (!sql.isEmpty())
            Q_EMIT openInEditor(sql);
    });
    connect(m_refreshButton, &QPushButton::clicked, m_model, &BrowserModel::reload);
    connect(manager, &Manager::operationFinished, this, [this, manager](const OperationRecord &op) {
        using K = OperationRecord::Kind;
        if (op.outcome != OperationRecord::Outcome::Ok || op.database != manager->resolve(m_model->database()))
            return;
        const QString &t = op.statementType;
        if (t == QLatin1String("DDL") || op.kind == K::Migration)
            m_stale = Stale::Shape;
        else if (m_stale == Stale::No
                 && (t == QLatin1String("INSERT") || t == QLatin1String("UPDATE") || t == QLatin1String("DELETE")
                     || t == QLatin1String("OTHER") || op.kind == K::Script || op.kind == K::Rollback
                     || op.kind == K::RollbackTo || op.kind == K::Maintenance))
            m_stale = Stale::Rows;
        if (m_stale != Stale::No && isVisible())
            QTimer::singleShot(0, this, [this] {
                if (isVisible())
                    catchUp();
            });
    });
    m_model->load();
}

void TableBrowser::showEvent(QShowEvent *e)
{
    QWidget::showEvent(e);
    catchUp();
}

void TableBrowser::catchUp()
{
    const Stale stale = std::exchange(m_stale, Stale::No);
    if (stale == Stale::Shape)
        m_model->load();
    else if (stale == Stale::Rows)
        m_model->reload();
}

QString TableBrowser::database() const
{
    return m_model->database();
}

QString TableBrowser::table() const
{
    return m_model->table();
}

QLineEdit *TableBrowser::filterEdit(int column) const
{
    return m_header->filterEdit(column);
}

QString TableBrowser::sqlText() const
{
    return m_sql->toPlainText();
}

QString TableBrowser::paramsText() const
{
    return m_params->text();
}

void TableBrowser::applyFilters()
{
    m_filterTimer->stop();
    m_model->setFilters(m_header->filterTexts());
    for (int i = 0; i < m_header->filterCount(); ++i) {
        QLineEdit *e = m_header->filterEdit(i);
        // A filter that is not understood is off; say why where it was typed.
        QString error;
        BrowserModel::parseFilter(m_model->columnNames().value(i), e->text(), false, &error);
        e->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #c0392b;"));
        e->setToolTip(error.isEmpty() ? FilterHeader::helpText() : error);
    }
}

void TableBrowser::showQuery()
{
    m_sql->setPlainText(m_model->firstSql());
    const Params p = m_model->firstParams();
    QStringList values;
    for (qsizetype i = 0; i < p.positional.size(); ++i)
        values << QStringLiteral("?%1 = %2").arg(i + 1).arg(BrowserModel::sqlLiteral(p.positional.at(i)));
    m_params->setText(values.isEmpty() ? tr("No bound values") : tr("Bound values: %1").arg(values.join(QStringLiteral(", "))));
}

void TableBrowser::showCount()
{
    const int rows = m_model->rowCount();
    m_status->setText(m_model->atEnd() ? tr("%n row(s)", nullptr, rows) : tr("%n row(s) so far, more as you scroll", nullptr, rows));
}

} // namespace Litehouse

namespace Litehouse {

bool TableBrowser::hasPendingChanges() const
{
    return m_model->hasPendingChanges();
}

QModelIndex TableBrowser::currentCell() const
{
    return m_view->currentIndex();
}

void TableBrowser::updateEditing()
{
    const bool editable = m_model->isEditable();
    const bool busy = m_model->isCommitting();
    const QString reason = m_model->readOnlyReason();
    m_readOnly->setText(reason.isEmpty() ? QString() : tr("Read-only: %1").arg(reason));
    m_readOnly->setVisible(!reason.isEmpty());
    const bool pending = m_model->hasPendingChanges();
    for (QToolButton *b : {m_addButton, m_deleteButton, m_nullButton})
        b->setEnabled(editable && !busy);
    m_undoButton->setEnabled(!busy && m_model->undoStack()->canUndo());
    m_redoButton->setEnabled(!busy && m_model->undoStack()->canRedo());
    m_revertButton->setEnabled(pending && !busy);
    m_commitButton->setEnabled(pending && !busy);
    m_sqlButton->setEnabled(editable);
    if (pending)
        m_pendingLabel->setText(busy ? tr("Writing…") : tr("%n pending change(s), not yet written", nullptr, m_model->pendingCount()));
    else if (m_pendingLabel->text().contains(QLatin1String("pending")) || busy)
        m_pendingLabel->clear();
    if (m_pendingSql->isVisible())
        m_pendingSql->setPlainText(m_model->pendingSql());
}

void TableBrowser::setPendingSqlVisible(bool visible)
{
    m_sqlButton->setChecked(visible);
    m_pendingSql->setVisible(visible);
    if (visible)
        m_pendingSql->setPlainText(m_model->pendingSql());
}

void TableBrowser::addRow()
{
    const int row = m_model->addRow();
    if (row < 0)
        return;
    const QModelIndex i = m_model->index(row, 0);
    m_view->setCurrentIndex(i);
    m_view->scrollTo(i);
    m_view->setFocus();
}

void TableBrowser::deleteSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedIndexes())
        rows << i.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    m_model->deleteRows(rows);
}

void TableBrowser::setSelectedNull()
{
    QModelIndexList cells = m_view->selectionModel()->selectedIndexes();
    if (cells.isEmpty() && m_view->currentIndex().isValid())
        cells << m_view->currentIndex();
    m_model->setNull(cells);
}

void TableBrowser::paste(const QString &text)
{
    const QString t = text.isEmpty() ? QApplication::clipboard()->text() : text;
    QModelIndex at = m_view->currentIndex();
    if (!at.isValid())
        at = m_model->index(0, 0);
    const QString notice = m_model->pasteTsv(qMax(0, at.row()), qMax(0, at.column()), t);
    m_error->setText(notice);
    m_error->setVisible(!notice.isEmpty());
}

void TableBrowser::copy()
{
    QModelIndexList cells = m_view->selectionModel()->selectedIndexes();
    if (cells.isEmpty())
        return;
    std::sort(cells.begin(), cells.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() != b.row() ? a.row() < b.row() : a.column() < b.column();
    });
    QString out;
    int row = cells.first().row();
    bool first = true;
    for (const QModelIndex &i : cells) {
        if (i.row() != row) {
            out += QLatin1Char('\n');
            row = i.row();
            first = true;
        }
        if (!first)
            out += QLatin1Char('\t');
        first = false;
        const Value *v = m_model->valueAt(i.row(), i.column());
        QString text = v && !v->isNull() ? v->toString() : QString();
        // Quote as spreadsheets do when a field holds a tab, a newline or a quote.
        if (text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('"')))
            text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        out += text;
    }
    QApplication::clipboard()->setText(out + QLatin1Char('\n'));
}

void TableBrowser::undo()
{
    if (!m_model->isCommitting())
        m_model->undoStack()->undo();
}

void TableBrowser::redo()
{
    if (!m_model->isCommitting())
        m_model->undoStack()->redo();
}

void TableBrowser::commitChanges()
{
    m_error->hide();
    m_model->commit(false);
    updateEditing();
}

void TableBrowser::revertChanges()
{
    m_error->hide();
    m_model->revert();
}

} // namespace Litehouse
