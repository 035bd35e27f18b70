#include "findbar.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>

namespace Litehouse {

FindBar::FindBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent),
      m_editor(editor),
      m_find(new QLineEdit),
      m_replace(new QLineEdit),
      m_case(new QCheckBox(tr("Match case"))),
      m_word(new QCheckBox(tr("Whole word"))),
      m_regex(new QCheckBox(tr("Regex"))),
      m_status(new QLabel),
      m_replaceRow(new QWidget)
{
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setAccessibleName(tr("Replace with"));
    m_regex->setToolTip(tr("A Perl-style regular expression; \\1 in the replacement is the first group"));
    auto *next = new QPushButton(tr("Next"));
    auto *previous = new QPushButton(tr("Previous"));
    auto *close = new QToolButton;
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    auto *replaceOneButton = new QPushButton(tr("Replace"));
    auto *replaceAllButton = new QPushButton(tr("Replace All"));

    auto *findRow = new QHBoxLayout;
    findRow->setContentsMargins(0, 0, 0, 0);
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_case);
    findRow->addWidget(m_word);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_status);
    findRow->addWidget(close);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replaceOneButton);
    replaceRow->addWidget(replaceAllButton);
    replaceRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(next, &QPushButton::clicked, this, [this] { findNext(false); });
    connect(previous, &QPushButton::clicked, this, [this] { findNext(true); });
    connect(replaceOneButton, &QPushButton::clicked, this, &FindBar::replaceOne);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
    });
    connect(m_find, &QLineEdit::textChanged, this, &FindBar::updateCount);
    for (QCheckBox *c : {m_case, m_word, m_regex})
        connect(c, &QCheckBox::toggled, this, &FindBar::updateCount);
    m_find->installEventFilter(this);
    m_replace->installEventFilter(this);
    hide();
}

void FindBar::open(bool replace)
{
    QTextCursor c = m_editor->textCursor();
    if (!c.hasSelection())
        c.select(QTextCursor::WordUnderCursor);
    const QString selected = c.selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_find->setText(selected);
    m_replaceRow->setVisible(replace);
    show();
    m_find->setFocus();
    m_find->selectAll();
    updateCount();
}

QString FindBar::status() const
{
    return m_status->text();
}

bool FindBar::pattern(QRegularExpression *out)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return false;
    QString p = m_regex->isChecked() ? text : QRegularExpression::escape(text);
    if (m_word->isChecked())
        p = QStringLiteral("\\b(?:%1)\\b").arg(p);
    QRegularExpression re(p, m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                 : QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid()) {
        m_status->setText(tr("Not a valid pattern: %1").arg(re.errorString()));
        return false;
    }
    *out = re;
    return true;
}

void FindBar::updateCount()
{
    QRegularExpression re;
    if (!pattern(&re)) {
        if (m_find->text().isEmpty())
            m_status->clear();
        return;
    }
    const QString text = m_editor->toPlainText();
    int count = 0;
    int current = 0;
    const QTextCursor c = m_editor->textCursor();
    for (auto it = re.globalMatch(text); it.hasNext() && count < 10000;) {
        const auto m = it.next();
        if (m.capturedLength() == 0)
            continue;
        ++count;
        if (c.hasSelection() && m.capturedStart() == c.selectionStart() && m.capturedEnd() == c.selectionEnd())
            current = count;
    }
    if (count == 0)
        m_status->setText(tr("No match"));
    else if (current > 0)
        m_status->setText(tr("%1 of %2").arg(current).arg(count));
    else
        m_status->setText(tr("%n match(es)", nullptr, count));
}

bool FindBar::findNext(bool backward)
{
    QRegularExpression re;
    if (!pattern(&re))
        return false;
    const QString text = m_editor->toPlainText();
    const QTextCursor c = m_editor->textCursor();
    QRegularExpressionMatch found;
    // Matches of an empty length are skipped (a pattern like "x*").
    auto firstFrom = [&](qsizetype from) {
        for (auto it = re.globalMatch(text, from); it.hasNext();) {
            auto m = it.next();
            if (m.capturedLength() > 0)
                return m;
        }
        return QRegularExpressionMatch();
    };
    auto lastBefore = [&](qsizetype before) {
        QRegularExpressionMatch last;
        for (auto it = re.globalMatch(text); it.hasNext();) {
            auto m = it.next();
            if (m.capturedStart() >= before)
                break;
            if (m.capturedLength() > 0)
                last = m;
        }
        return last;
    };
    if (!backward) {
        found = firstFrom(c.selectionEnd());
        if (!found.hasMatch())
            found = firstFrom(0); // wrap
    } else {
        found = lastBefore(c.selectionStart());
        if (!found.hasMatch())
            found = lastBefore(text.size() + 1);
    }
    if (!found.hasMatch()) {
        m_status->setText(tr("No match"));
        return false;
    }
    QTextCursor sel(m_editor->document());
    sel.setPosition(int(found.capturedStart()));
    sel.setPosition(int(found.capturedEnd()), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(sel);
    m_editor->centerCursor();
    updateCount();
    return true;
}

bool FindBar::replaceOne()
{
    QRegularExpression re;
    if (!pattern(&re))
        return false;
    QTextCursor c = m_editor->textCursor();
    // Only a selection that is itself a whole match is replaced.
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\\A(?:%1)\\z").arg(re.pattern()), re.patternOptions())
                                          .match(c.selectedText());
    if (c.hasSelection() && m.hasMatch()) {
        QString with = m_replace->text();
        if (m_regex->isChecked())
            with = c.selectedText().replace(QRegularExpression(re.pattern(), re.patternOptions()), with);
        c.insertText(with);
        m_editor->setTextCursor(c);
    }
    return findNext(false);
}

int FindBar::replaceAll()
{
    QRegularExpression re;
    if (!pattern(&re))
        return 0;
    const QString text = m_editor->toPlainText();
    QList<QRegularExpressionMatch> matches;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        auto m = it.next();
        if (m.capturedLength() > 0)
            matches << m;
    }
    if (matches.isEmpty()) {
        m_status->setText(tr("No match"));
        return 0;
    }
    QTextCursor c(m_editor->document());
    c.beginEditBlock();
    // From the end, so the earlier positions still hold.
    for (auto it = matches.crbegin(); it != matches.crend(); ++it) {
        QString with = m_replace->text();
        if (m_regex->isChecked()) {
            // Expand \1… from this match's groups.
            QString out;
            for (qsizetype i = 0; i < with.size(); ++i) {
                if (with.at(i) == QLatin1Char('\\') && i + 1 < with.size() && with.at(i + 1).isDigit()) {
                    out += it->captured(with.at(i + 1).digitValue());
                    ++i;
                } else {
                    out += with.at(i);
                }
            }
            with = out;
        }
        c.setPosition(int(it->capturedStart()));
        c.setPosition(int(it->capturedEnd()), QTextCursor::KeepAnchor);
        c.insertText(with);
    }
    c.endEditBlock();
    m_status->setText(tr("%n replaced", nullptr, int(matches.size())));
    return int(matches.size());
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Esc closes the bar here instead of stopping a query.
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::KeyPress) {
        auto *k = static_cast<QKeyEvent *>(event);
        if (k->key() == Qt::Key_Escape) {
            hide();
            m_editor->setFocus();
            return true;
        }
        if (k->key() == Qt::Key_Return || k->key() == Qt::Key_Enter) {
            if (watched == m_replace)
                replaceOne();
            else
                findNext(k->modifiers() & Qt::ShiftModifier);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Litehouse
