#include "resultview.h"

#include "resultmodel.h"
#include "util/futures.h"

#include <core/manager.h>
#include <core/querystream.h>

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QSaveFile>
#include <QTextStream>
#include <QtConcurrent>

namespace Litehouse {

ResultView::ResultView(ResultModel *model, QWidget *parent) : QTableView(parent), m_model(model)
{
    setModel(model);
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
            const Value *v = chosen.contains({r, c}) ? m_model->valueAt(r, c) : nullptr;
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
    if (!m_model->sql().isEmpty() && m_model->manager())
        return exportQuery(m_model->manager(), m_model->database(), m_model->sql(), path, format);
    // A complete result held in memory (a statement that was not streamed).
    ResultSet rows(m_model->columns(), {});
    for (int r = 0; r < m_model->rowCount(); ++r)
        for (int c = 0; c < m_model->columnCount(); ++c)
            rows.append(*m_model->valueAt(r, c));
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
                                     const QString &path, Format format)
{
    return QtConcurrent::run([manager, database, sql, path, format]() -> Outcome<qint64> {
        ExecOptions o;
        o.route = Route::Auto;
        o.record = false;
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
