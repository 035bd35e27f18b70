#pragma once

#include <QPlainTextEdit>

#include <memory>

class QCompleter;
class QStringListModel;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace Litehouse {

/// The SQL editor: KSyntaxHighlighting colours (theme follows the palette),
/// line numbers, and an error mark at the position SQLite reports.
class SqlEditor final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SqlEditor(QWidget *parent = nullptr);
    ~SqlEditor() override;

    /// Underlines the error at a UTF-8 byte offset into toPlainText() (-1: none).
    void markError(int utf8Offset);
    void clearError();
    /// The character position of the current error mark, or -1.
    int errorPosition() const { return m_errorPos; }
    /// The name of the syntax definition in use.
    QString definitionName() const;
    /// Names offered by completion besides SQLite's keywords and functions
    /// (tables, views, columns of the database the editor runs on).
    void setSchemaWords(const QStringList &words);
    /// Everything completion can offer now, sorted case-insensitively.
    QStringList completionWords() const;
    QCompleter *completer() const { return m_completer; }
    /// Comments out the selected lines (or the cursor's) with "-- ", or, when
    /// every one of them is commented already, takes the comment off. One undo step.
    void toggleComment();
    /// Puts the cursor at the start of a line (1-based, clamped to the text).
    void goToLine(int line);

protected:
    void keyPressEvent(QKeyEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    class LineNumbers;
    void applyTheme();
    int lineNumberWidth() const;
    void paintLineNumbers(QPaintEvent *e);
    void updateSelections();
    void updateCompletionModel();
    QString wordBeforeCursor() const;
    void insertCompletion(const QString &word);

    std::unique_ptr<KSyntaxHighlighting::Repository> m_repo;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    QWidget *m_lineNumbers = nullptr;
    int m_errorPos = -1;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_words = nullptr;
    QStringList m_keywords;
    QStringList m_schemaWords;
};

} // namespace Litehouse
