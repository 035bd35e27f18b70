#include "sqleditor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
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

} // namespace Litehouse
