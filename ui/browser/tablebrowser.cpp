#include "tablebrowser.h"

#include "browser/browsermodel.h"
#include "browser/filterheader.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <core/manager.h>

#include <utility>

namespace Litehouse {

TableBrowser::TableBrowser(Manager *manager, const QString &database, const QString &table, QWidget *parent)
    : QWidget(parent),
      m_model(new BrowserModel(manager, database, table, this)),
      m_view(new QTableView),
      m_header(new FilterHeader(m_view)),
      m_sql(new QPlainTextEdit),
      m_params(new QLabel),
      m_status(new QLabel),
      m_error(new QLabel),
      m_openButton(new QPushButton(tr("Open in Editor"))),
      m_refreshButton(new QPushButton(tr("Refresh"))),
      m_filterTimer(new QTimer(this))
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
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(strip);
    layout->addLayout(info);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

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
