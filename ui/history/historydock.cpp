#include "historydock.h"

#include "util/futures.h"

#include <core/history/historystore.h>
#include <core/manager.h>

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Litehouse {

void HistoryModel::setItems(QList<HistoryItem> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const HistoryItem &it = m_items.at(index.row());
    if (role == Qt::ToolTipRole) {
        if (index.column() == Statement || index.column() == Outcome)
            return it.error.isEmpty() ? it.sql : QStringLiteral("%1\n\n%2").arg(it.sql, it.error);
        if (index.column() == Database)
            return it.database;
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Duration || index.column() == Rows))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Outcome && it.outcome != QLatin1String("ok"))
        return QColor(it.outcome == QLatin1String("error") ? Qt::red : Qt::darkYellow);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(it.timestampMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Database:
        return QFileInfo(it.database).fileName();
    case Kind:
        return it.kind;
    case Outcome:
        return it.outcome;
    case Duration:
        return tr("%1 ms").arg(it.durationMs, 0, 'f', it.durationMs < 10 ? 2 : 0);
    case Rows:
        return it.rowsReturned > 0 ? it.rowsReturned : it.rowsAffected;
    case Statement: {
        // One line: the grid is for finding, the tooltip and the editor for reading.
        QString s = it.sql.simplified();
        if (s.size() > 300)
            s = s.left(300) + QStringLiteral("…");
        return s;
    }
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Database: return tr("Database");
    case Kind: return tr("Kind");
    case Outcome: return tr("Outcome");
    case Duration: return tr("Duration");
    case Rows: return tr("Rows");
    case Statement: return tr("Statement");
    default: return {};
    }
}

HistoryDock::HistoryDock(QWidget *parent)
    : QDockWidget(tr("History"), parent), m_model(new HistoryModel(this)), m_view(new QTableView),
      m_search(new QLineEdit), m_outcome(new QComboBox), m_summary(new QLabel), m_export(new QPushButton(tr("Export…")))
{
    setObjectName(QStringLiteral("historyDock"));
    m_search->setPlaceholderText(tr("Search SQL and errors"));
    m_search->setClearButtonEnabled(true);
    m_outcome->addItem(tr("All outcomes"), QString());
    m_outcome->addItem(tr("Succeeded"), QStringLiteral("ok"));
    m_outcome->addItem(tr("Failed"), QStringLiteral("error"));
    m_outcome->addItem(tr("Cancelled"), QStringLiteral("cancelled"));
    m_export->setToolTip(tr("Write the matching items to a JSON, CSV or text file"));

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &i) {
        if (i.isValid())
            Q_EMIT openInEditor(m_model->item(i.row()).sql);
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_outcome);
    bar->addWidget(m_summary);
    bar->addWidget(m_export);
    auto *box = new QWidget;
    auto *lay = new QVBoxLayout(box);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addLayout(bar);
    lay->addWidget(m_view);
    setWidget(box);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &HistoryDock::refresh);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &HistoryDock::refresh);
    connect(m_export, &QPushButton::clicked, this, &HistoryDock::chooseExport);
    setStore(nullptr);
}

HistoryDock::~HistoryDock() = default;

void HistoryDock::setStore(std::shared_ptr<HistoryStore> store)
{
    if (m_store)
        disconnect(m_store.get(), nullptr, this, nullptr);
    m_store = std::move(store);
    m_search->setEnabled(bool(m_store));
    m_outcome->setEnabled(bool(m_store));
    m_export->setEnabled(bool(m_store));
    m_model->setItems({});
    if (!m_store) {
        m_summary->setText(tr("History is off"));
        return;
    }
    // flushed() comes from the store's worker thread: queued to this dock.
    connect(m_store.get(), &HistoryStore::flushed, this, [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    });
    refresh();
}

HistoryQuery HistoryDock::currentQuery() const
{
    HistoryQuery q;
    q.text = m_search->text().trimmed();
    if (const QString o = m_outcome->currentData().toString(); !o.isEmpty())
        q.outcomes = QStringList{o};
    return q;
}

void HistoryDock::refresh()
{
    if (!m_store)
        return;
    if (m_reading) {
        m_stale = true;
        return;
    }
    m_reading = true;
    m_stale = false;
    HistoryQuery q = currentQuery();
    q.limit = kShown;
    whenDone(this, m_store->query(q), [this](const Outcome<HistoryPage> &r) {
        m_reading = false;
        // Asked again meanwhile (another filter or search, newer items): this
        // answer is out of date, and showing it would flash the wrong list.
        if (m_stale) {
            refresh();
            return;
        }
        if (!r) {
            m_summary->setText(tr("History cannot be read: %1").arg(r.error().message()));
        } else {
            const bool first = m_model->rowCount() == 0;
            m_model->setItems(r.value().items);
            if (first && m_model->rowCount() > 0) {
                // Fit the short columns once; the statement takes the rest.
                for (int c = 0; c < HistoryModel::Statement; ++c)
                    m_view->resizeColumnToContents(c);
            }
            setSummary(r.value());
            Q_EMIT refreshed();
        }
    });
}

void HistoryDock::setSummary(const HistoryPage &page)
{
    const qint64 failed = page.byOutcome.value(QStringLiteral("error"));
    QString text = page.total > m_model->rowCount()
                       ? tr("newest %1 of %2").arg(m_model->rowCount()).arg(page.total)
                       : tr("%n item(s)", nullptr, int(page.total));
    if (failed > 0)
        text += QStringLiteral(" · ") + tr("%n failed", nullptr, int(failed));
    m_summary->setText(text);
}

void HistoryDock::showEvent(QShowEvent *e)
{
    QDockWidget::showEvent(e);
    if (m_stale)
        refresh();
}

QFuture<Outcome<ExportResult>> HistoryDock::exportTo(const QString &path, ExportFormat format)
{
    if (!m_store)
        return QtFuture::makeReadyFuture(Outcome<ExportResult>(Error(Error::Kind::InvalidArgument, tr("History is off."))));
    HistoryQuery q = currentQuery();
    q.oldestFirst = true;
    ExportOptions o;
    o.format = format;
    o.mode = ExportMode::Overwrite;
    // Off the UI thread: wait there for the store's read, then write the file.
    return QtConcurrent::run([store = m_store, q, path, o]() -> Outcome<ExportResult> {
        Outcome<HistoryPage> page = await(store->query(q));
        if (!page)
            return page.error();
        return HistoryExport::write(path, page.value().items, o);
    });
}

void HistoryDock::chooseExport()
{
    QString filter;
    const QString json = tr("JSON files (*.json)"), csv = tr("CSV files (*.csv)"), txt = tr("Text files (*.txt)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export History"), QString(),
                                                      QStringList{json, csv, txt}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    ExportFormat format = filter == csv ? ExportFormat::Csv : filter == txt ? ExportFormat::Txt : ExportFormat::Json;
    if (auto f = HistoryExport::parseFormat(suffix))
        format = *f;
    whenDone(this, exportTo(path, format), [this, path](const Outcome<ExportResult> &r) {
        const QString message = r ? tr("%n item(s) exported to %1", nullptr, int(r.value().added)).arg(path)
                                  : r.error().message();
        m_summary->setText(message);
        Q_EMIT exportFinished(path, r.ok(), message);
    });
}

} // namespace Litehouse
