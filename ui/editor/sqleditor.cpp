#include "sqleditor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QPainter>
#include <QTextBlock>

namespace Litehouse {

class SqlEditor::LineNumbers final : public QWidget
{
public:
    explicit LineNumbers(SqlEditor *e) : QWidget(e), m_editor(e) {}
    QSize sizeHint() const override { return {m_editor->lineNumberWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *e) override { m_editor->paintLineNumbers(e); }

private:
    SqlEditor *m_editor;
};

SqlEditor::SqlEditor(QWidget *parent)
    : QPlainTextEdit(parent), m_repo(std::make_unique<KSyntaxHighlighting::Repository>())
{
    // qt_add_resources links the generated definition in as an object, so it is registered at start.
    m_repo->addCustomSearchPath(QStringLiteral(":/litehouse/ksh"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    m_lineNumbers = new LineNumbers(this);
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
    KSyntaxHighlighting::Definition def = m_repo->definitionForName(QStringLiteral("SQL (SQLite)"));
    if (!def.isValid())
        def = m_repo->definitionForName(QStringLiteral("SQL"));
    m_highlighter->setDefinition(def);
    applyTheme();

    // Completion: SQLite's keywords and functions (from the definition, itself
    // generated from the linked SQLite) plus the schema's names.
    for (const QString &list : {QStringLiteral("keywords"), QStringLiteral("functions"), QStringLiteral("types")})
        m_keywords += def.keywordList(list);
    m_words = new QStringListModel(this);
    m_completer = new QCompleter(m_words, this);
    m_completer->setWidget(this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &SqlEditor::insertCompletion);
    updateCompletionModel();
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] {
        setViewportMargins(lineNumberWidth(), 0, 0, 0);
    });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &r, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, r.y(), m_lineNumbers->width(), r.height());
    });
    connect(this, &QPlainTextEdit::textChanged, this, &SqlEditor::clearError);
    setViewportMargins(lineNumberWidth(), 0, 0, 0);
}

SqlEditor::~SqlEditor() = default;

QString SqlEditor::definitionName() const
{
    return m_highlighter->definition().name();
}

void SqlEditor::setSchemaWords(const QStringList &words)
{
    m_schemaWords = words;
    updateCompletionModel();
}

QStringList SqlEditor::completionWords() const
{
    return m_words->stringList();
}

void SqlEditor::updateCompletionModel()
{
    QStringList all = m_keywords + m_schemaWords;
    std::sort(all.begin(), all.end(), [](const QString &a, const QString &b) {
        const int c = a.compare(b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a < b;
    });
    all.erase(std::unique(all.begin(), all.end()), all.end());
    m_words->setStringList(all);
}

QString SqlEditor::wordBeforeCursor() const
{
    QTextCursor c = textCursor();
    const QString block = c.block().text();
    int i = c.positionInBlock();
    const int end = i;
    while (i > 0 && (block.at(i - 1).isLetterOrNumber() || block.at(i - 1) == QLatin1Char('_')))
        --i;
    return block.mid(i, end - i);
}

void SqlEditor::insertCompletion(const QString &word)
{
    QTextCursor c = textCursor();
    const int typed = int(wordBeforeCursor().size());
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
    // Names that are not plain identifiers are inserted quoted.
    bool plain = !word.isEmpty() && (word.at(0).isLetter() || word.at(0) == QLatin1Char('_'));
    for (QChar ch : word)
        plain = plain && (ch.isLetterOrNumber() || ch == QLatin1Char('_'));
    c.insertText(plain ? word : QLatin1Char('"') + QString(word).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'));
    setTextCursor(c);
}

void SqlEditor::keyPressEvent(QKeyEvent *e)
{
    if (m_completer->popup()->isVisible()) {
        switch (e->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Tab:
        case Qt::Key_Escape:
            e->ignore(); // the completer's popup takes these
            return;
        default:
            break;
        }
    }
    const bool shortcut = e->modifiers() == Qt::ControlModifier && e->key() == Qt::Key_Space;
    if (!shortcut)
        QPlainTextEdit::keyPressEvent(e);
    const QString prefix = wordBeforeCursor();
    const bool typing = !e->text().isEmpty() && (e->text().at(0).isLetterOrNumber() || e->text().at(0) == QLatin1Char('_'));
    if (!shortcut && (!typing || prefix.size() < 2)) {
        m_completer->popup()->hide();
        return;
    }
    if (prefix != m_completer->completionPrefix()) {
        m_completer->setCompletionPrefix(prefix);
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1 && m_completer->currentCompletion().compare(prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    QRect r = cursorRect();
    r.setWidth(m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(r);
}

void SqlEditor::applyTheme()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const auto theme = m_repo->defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                 : KSyntaxHighlighting::Repository::LightTheme);
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
}

void SqlEditor::changeEvent(QEvent *e)
{
    QPlainTextEdit::changeEvent(e);
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

int SqlEditor::lineNumberWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void SqlEditor::resizeEvent(QResizeEvent *e)
{
    QPlainTextEdit::resizeEvent(e);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberWidth(), cr.height()));
}

void SqlEditor::paintLineNumbers(QPaintEvent *e)
{
    QPainter p(m_lineNumbers);
    p.fillRect(e->rect(), palette().color(QPalette::AlternateBase));
    p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= e->rect().bottom()) {
        const int h = qRound(blockBoundingRect(block).height());
        if (block.isVisible())
            p.drawText(0, top, m_lineNumbers->width() - 6, h, Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(block.blockNumber() + 1));
        top += h;
        block = block.next();
    }
}

void SqlEditor::markError(int utf8Offset)
{
    if (utf8Offset < 0) {
        clearError();
        return;
    }
    // SQLite reports bytes of UTF-8; the document counts UTF-16 units.
    const QString text = toPlainText();
    const QByteArray utf8 = text.toUtf8();
    m_errorPos = int(QString::fromUtf8(utf8.left(qMin<qsizetype>(utf8Offset, utf8.size()))).size());
    updateSelections();
}

void SqlEditor::clearError()
{
    if (m_errorPos < 0)
        return;
    m_errorPos = -1;
    updateSelections();
}

void SqlEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> sels;
    if (m_errorPos >= 0) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(m_errorPos);
        s.cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
        if (!s.cursor.hasSelection())
            s.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(QColor(220, 40, 40));
        s.format.setBackground(QColor(220, 40, 40, 40));
        sels << s;
    }
    setExtraSelections(sels);
}

void SqlEditor::toggleComment()
{
    QTextCursor c = textCursor();
    QTextBlock first = document()->findBlock(c.selectionStart());
    QTextBlock last = document()->findBlock(c.selectionEnd());
    // A selection that ends at the start of a line does not take that line in.
    if (c.hasSelection() && last != first && c.selectionEnd() == last.position())
        last = last.previous();
    auto indentOf = [](const QString &t) {
        qsizetype i = 0;
        while (i < t.size() && (t.at(i) == QLatin1Char(' ') || t.at(i) == QLatin1Char('\t')))
            ++i;
        return i;
    };
    bool allCommented = true;
    qsizetype indent = -1;
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString t = b.text();
        if (!t.trimmed().isEmpty()) {
            const qsizetype i = indentOf(t);
            indent = indent < 0 ? i : qMin(indent, i);
            if (!t.mid(i).startsWith(QLatin1String("--")))
                allCommented = false;
        }
        if (b == last)
            break;
    }
    if (indent < 0)
        indent = 0;
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString t = b.text();
        QTextCursor e(b);
        if (allCommented) {
            if (!t.trimmed().isEmpty()) {
                const qsizetype i = indentOf(t);
                e.setPosition(b.position() + int(i));
                e.setPosition(b.position() + int(i) + (t.mid(i).startsWith(QLatin1String("-- ")) ? 3 : 2), QTextCursor::KeepAnchor);
                e.removeSelectedText();
            }
        } else if (!t.trimmed().isEmpty() || first == last) {
            e.setPosition(b.position() + int(qMin(indent, qsizetype(t.size()))));
            e.insertText(QStringLiteral("-- "));
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

void SqlEditor::goToLine(int line)
{
    const QTextBlock b = document()->findBlockByNumber(qBound(1, line, document()->blockCount()) - 1);
    QTextCursor c(b);
    setTextCursor(c);
    centerCursor();
    setFocus();
}

} // namespace Litehouse
