#include "filterheader.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>

namespace Litehouse {

FilterHeader::FilterHeader(QTableView *parent) : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    // The sort arrow is part of the title (the model's header data): some
    // styles draw no visible indicator above a filter row.
    setSortIndicatorShown(false);
    setHighlightSections(false);
    connect(this, &QHeaderView::sectionResized, this, &FilterHeader::placeEditors);
    connect(this, &QHeaderView::sectionMoved, this, &FilterHeader::placeEditors);
    connect(parent->horizontalScrollBar(), &QScrollBar::valueChanged, this, &FilterHeader::placeEditors);
}

void FilterHeader::setFilterCount(int count)
{
    qDeleteAll(m_editors);
    m_editors.clear();
    for (int i = 0; i < count; ++i) {
        auto *e = new QLineEdit(this);
        e->setPlaceholderText(tr("Filter"));
        e->setClearButtonEnabled(true);
        e->setToolTip(helpText());
        connect(e, &QLineEdit::textChanged, this, [this, i](const QString &t) { Q_EMIT filterEdited(i, t); });
        connect(e, &QLineEdit::returnPressed, this, [this, i] { Q_EMIT filterCommitted(i); });
        e->show();
        m_editors << e;
    }
    updateGeometries();
}

QString FilterHeader::helpText()
{
    return tr("Rows whose value contains this text.\n"
              "Or start with an operator: = <> < <= > >= (for example “>= 10”),\n"
              "or type “is null” or “not null”.");
}

QStringList FilterHeader::filterTexts() const
{
    QStringList out;
    for (const QLineEdit *e : m_editors)
        out << e->text();
    return out;
}

QSize FilterHeader::sizeHint() const
{
    QSize s = QHeaderView::sizeHint();
    if (!m_editors.isEmpty())
        s.setHeight(s.height() + m_editors.first()->sizeHint().height() + 2);
    return s;
}

void FilterHeader::updateGeometries()
{
    // The titles keep the top of the header; the filter boxes sit in a margin below them.
    setViewportMargins(0, 0, 0, m_editors.isEmpty() ? 0 : m_editors.first()->sizeHint().height() + 2);
    QHeaderView::updateGeometries();
    placeEditors();
}

void FilterHeader::placeEditors()
{
    for (int i = 0; i < m_editors.size(); ++i) {
        QLineEdit *e = m_editors.at(i);
        if (isSectionHidden(i)) {
            e->hide();
            continue;
        }
        const int h = e->sizeHint().height();
        e->setGeometry(sectionViewportPosition(i), height() - h - 1, sectionSize(i), h);
        e->show();
    }
}

} // namespace Litehouse
