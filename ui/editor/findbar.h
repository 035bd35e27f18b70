#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Litehouse {

/// Find and replace in a text editor: match case, whole word and regular
/// expressions; Enter finds the next match, Shift+Enter the previous one,
/// Esc closes the bar. Replace All is one undo step.
class FindBar final : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    /// Shows the bar (with the replace row when replace is set), the
    /// selection or the word under the cursor as the text to find.
    void open(bool replace);
    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    QCheckBox *matchCase() const { return m_case; }
    QCheckBox *wholeWord() const { return m_word; }
    QCheckBox *regex() const { return m_regex; }
    /// The bar's message: "3 of 7", "No match", or why a pattern is not valid.
    QString status() const;

    /// Selects the next (or previous) match, wrapping at the end; false when there is none.
    bool findNext(bool backward = false);
    /// Replaces the selected match and finds the next one.
    bool replaceOne();
    /// Replaces every match; returns how many.
    int replaceAll();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// The search as a regular expression; false (and the reason shown) when it is not valid.
    bool pattern(class QRegularExpression *out);
    void updateCount();

    QPlainTextEdit *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_case;
    QCheckBox *m_word;
    QCheckBox *m_regex;
    QLabel *m_status;
    QWidget *m_replaceRow;
};

} // namespace Litehouse
