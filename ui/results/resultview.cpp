#include "resultview.h"

#include "io/exportdialog.h"

#include "resultmodel.h"
#include "rowwindow.h"
#include "util/futures.h"

#include <core/manager.h>
#include <core/querystream.h>

#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QToolTip>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSaveFile>
#include <QTextStream>
#include <QtConcurrent>

namespace Litehouse {

namespace {
// QHeaderView sizes a vertical header by styling the text of its first and
// last hundred sections; after every slide of the row window that is most
// of the slide's cost. Row numbers only grow toward the end, so the last
// section alone gives the width.
class RowNumberHeader final : public QHeaderView
{
public:
    explicit RowNumberHeader(QWidget *parent) : QHeaderView(Qt::Vertical, parent) {}
    QSize sizeHint() const override
    {
        const int n = count();
        if (n == 0)
            return QHeaderView::sizeHint();
        const QSize last = sectionSizeFromContents(n - 1);
        return {last.width(), defaultSectionSize()};
    }
};
} // namespace

ResultView::ResultView(ResultModel *model, QWidget *parent)
    : QTableView(parent), m_model(model), m_window(new RowWindowModel(model, this))
{
    setVerticalHeader(new RowNumberHeader(this));
    setModel(m_window);
    // Trying to edit a result says why it cannot be done, and where it can.
    connect(this, &QAbstractItemView::doubleClicked, this, [this] {
        QToolTip::showText(QCursor::pos(), readOnlyReason(), this);
    });
    // Per-item scrolling: the scroll bar's value is the grid row at the top,
    // which is what keeping one's place across a slide needs.
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    setWordWrap(false);
    connect(model, &ResultModel::rowsFetched, this, [this](qint64 total) {
        // Fit the columns to the first chunk once; later chunks keep the user's widths.
        if (total <= m_model->chunkSize())
            resizeColumnsToContents();
    });
    connect(m_window, &RowWindowModel::aboutToSlide, this, [this] {
        m_sliding = true;
        m_topSourceRow = m_window->base() + verticalScrollBar()->value();
    });
    connect(m_window, &RowWindowModel::slid, this, [this] {
        // Rows left and joined the grid: lay it out now, so the scroll bar's
        // range is the new one, and put the same row back at the top.
        executeDelayedItemsLayout();
        verticalScrollBar()->setValue(int(m_topSourceRow - m_window->base()));
        m_sliding = false;
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ResultView::followScroll);
}

void ResultView::followScroll()
{
    if (m_sliding)
        return;
    const int first = rowAt(0);
    int last = rowAt(viewport()->height() - 1);
    if (last < 0)
        last = m_window->rowCount() - 1;
    if (first >= 0)
        m_window->showRows(first, last);
}

// Ctrl+Home and Ctrl+End mean the first and last row of the result, not of
// the window the grid holds.
QModelIndex ResultView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    const bool toStart = action == MoveHome && (modifiers & Qt::ControlModifier);
    const bool toEnd = action == MoveEnd && (modifiers & Qt::ControlModifier);
    if (toStart || toEnd) {
        const int column = qMax(0, currentIndex().column());
        const int row = m_window->reveal(toStart ? 0 : m_model->rowCount() - 1);
        if (row >= 0)
            return m_window->index(row, column);
    }
    return QTableView::moveCursor(action, modifiers);
}

void ResultView::resizeEvent(QResizeEvent *e)
{
    QTableView::resizeEvent(e);
    followScroll();
}

QString ResultView::selectionAsTsv(bool withHeaders) const
{
    const QModelIndexList sel = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (sel.isEmpty())
        return {};
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QModelIndex &i : sel) {
        top = qMin(top, i.row());
        bottom = qMax(bottom, i.row());
        left = qMin(left, i.column());
        right = qMax(right, i.column());
    }
    QSet<QPair<int, int>> chosen;
    for (const QModelIndex &i : sel)
        chosen.insert({i.row(), i.column()});
    auto cell = [](QString s) {
        // TSV has no quoting: keep each cell on one line and in one column.
        s.replace(QLatin1Char('\t'), QLatin1Char(' '));
        s.replace(QLatin1Char('\n'), QLatin1Char(' '));
        s.replace(QLatin1Char('\r'), QLatin1Char(' '));
        return s;
    };
    QStringList lines;
    if (withHeaders) {
        QStringList h;
        for (int c = left; c <= right; ++c)
            h << cell(m_model->headerData(c, Qt::Horizontal).toString());
        lines << h.join(QLatin1Char('\t'));
    }
    for (int r = top; r <= bottom; ++r) {
        QStringList fields;
        for (int c = left; c <= right; ++c) {
            const Value *v = chosen.contains({r, c}) ? m_model->valueAt(int(m_window->toSource(r)), c) : nullptr;
            fields << (v ? cell(v->isNull() ? QString() : v->toString()) : QString());
        }
        lines << fields.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void ResultView::copySelection(bool withHeaders)
{
    QApplication::clipboard()->setText(selectionAsTsv(withHeaders));
}

QString ResultView::readOnlyReason()
{
    return tr("Query results are read-only. To change rows, open the table from the schema tree and edit it there.");
}

bool ResultView::event(QEvent *e)
{
    // The grid copies and selects its own cells, before the window's Edit
    // menu shortcuts would act on the editor.
    if (e->type() == QEvent::ShortcutOverride) {
        auto *k = static_cast<QKeyEvent *>(e);
        if (k->matches(QKeySequence::Copy) || k->matches(QKeySequence::SelectAll)) {
            e->accept();
            return true;
        }
    }
    return QTableView::event(e);
}

void ResultView::keyPressEvent(QKeyEvent *e)
{
    if (e == QKeySequence::Copy) {
        copySelection();
        e->accept();
        return;
    }
    QTableView::keyPressEvent(e);
}

void ResultView::contextMenuEvent(QContextMenuEvent *e)
{
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, [this] { copySelection(false); });
    menu.addAction(tr("Copy with Headers"), this, [this] { copySelection(true); });
    menu.addSeparator();
    menu.addAction(tr("Export to CSV…"), this, [this] { chooseExport(Format::Csv); });
    menu.addAction(tr("Export to JSON…"), this, [this] { chooseExport(Format::Json); });
    if (m_model->canRerun()) {
        // CSV with formula neutralisation, JSON or SQL INSERTs, with Cancel.
        menu.addAction(tr("Export…"), this, [this] {
            auto *d = ExportDialog::forQuery(m_model->manager(), m_model->database(), m_model->sql(), m_model->rerunRoute(), this);
            d->setAttribute(Qt::WA_DeleteOnClose);
            d->show();
        });
    }
    if (!m_model->sql().isEmpty() && m_model->totalCount() < 0) {
        menu.addSeparator();
        menu.addAction(tr("Count All Rows"), m_model, &ResultModel::countRows);
    }
    menu.exec(e->globalPos());
}

void ResultView::chooseExport(Format format)
{
    const bool csv = format == Format::Csv;
    const QString path = QFileDialog::getSaveFileName(this, csv ? tr("Export to CSV") : tr("Export to JSON"), QString(),
                                                      csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    whenDone(this, exportTo(path, format), [this, path](const Outcome<qint64> &r) {
        Q_EMIT exportFinished(path, r.ok(), r ? tr("%n row(s) exported to %1", nullptr, int(r.value())).arg(path)
                                              : r.error().message());
    });
}

QFuture<Outcome<qint64>> ResultView::exportTo(const QString &path, Format format)
{
    if (m_model->canRerun())
        return exportQuery(m_model->manager(), m_model->database(), m_model->sql(), path, format,
                           m_model->rerunRoute());
    // A result that must not run again (it wrote) is held whole in memory:
    // export exactly what was fetched.
    ResultSet rows(m_model->columns(), {});
    for (int r = 0; r < m_model->rowCount(); ++r)
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const Value *v = m_model->valueAt(r, c);
            if (!v) {
                return QtFuture::makeReadyFuture(Outcome<qint64>(Error::invalid(
                    tr("row %1 is no longer in memory; run the query again to export it").arg(r + 1))));
            }
            rows.append(*v);
        }
    return QtConcurrent::run([rows, path, format]() -> Outcome<qint64> {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Error(Error::Kind::Io, QObject::tr("cannot write %1: %2").arg(path, f.errorString()));
        QTextStream out(&f);
        out.setEncoding(QStringConverter::Utf8);
        writeRows(out, rows, format);
        out.flush();
        if (!f.commit())
            return Error(Error::Kind::Io, QObject::tr("cannot write %1: %2").arg(path, f.errorString()));
        return qint64(rows.rowCount());
    });
}

QFuture<Outcome<qint64>> exportQuery(Manager *manager, const QString &database, const QString &sql,
                                     const QString &path, Format format, Route route)
{
    return QtConcurrent::run([manager, database, sql, path, format, route]() -> Outcome<qint64> {
        ExecOptions o;
        o.route = route;
        o.record = false;
        o.onlyIfReadOnly = true;
        auto s = await(manager->stream(database, sql, {}, o));
        if (!s)
            return s.error();
        auto stream = s.value();
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return Error(Error::Kind::Io, QObject::tr("cannot write %1: %2").arg(path, f.errorString()));
        QTextStream out(&f);
        out.setEncoding(QStringConverter::Utf8);
        qint64 total = 0;
        if (format == Format::Json)
            out << '[';
        while (!stream->atEnd()) {
            auto chunk = await(stream->fetch(5000));
            if (!chunk) {
                f.cancelWriting();
                return chunk.error();
            }
            const ResultSet &rs = chunk.value();
            if (format == Format::Csv) {
                if (total == 0 && rs.rowCount() > 0)
                    writeCsvHeader(out, rs.columns());
                writeCsvRows(out, rs);
            } else {
                writeJsonRows(out, rs, total == 0);
            }
            total += rs.rowCount();
        }
        if (format == Format::Json)
            out << "]\n";
        out.flush();
        if (!f.commit())
            return Error(Error::Kind::Io, QObject::tr("cannot write %1: %2").arg(path, f.errorString()));
        return total;
    });
}

} // namespace Litehouse
