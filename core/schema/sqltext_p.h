#pragma once

// Small pieces of SQL text handling the schema part shares: a tokenizer for
// CREATE statements, identifier quoting that keeps plain names plain, and a
// rename of identifiers inside an expression. Internal to core/schema.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Litehouse::SchemaText {

struct Token
{
    enum class Type { Identifier, Keyword, String, Number, Blob, Variable, Punct, End };
    Type type = Type::End;
    int start = 0;  ///< offset in the text (QChar units)
    int end = 0;    ///< one past the token
    QString value;  ///< identifier: unquoted; keyword: as written; punct: the character(s)

    bool is(const char *keyword) const;
    bool isPunct(char c) const { return type == Type::Punct && value.size() == 1 && value.at(0) == QLatin1Char(c); }
    /// A name: an identifier, a quoted one, or a keyword SQLite allows as a name.
    bool isName() const { return type == Type::Identifier || type == Type::Keyword; }
};

/// Splits SQL into tokens (comments and white space dropped); the last token is End.
/// A quoted identifier whose quote never closes ends the text as one token.
QList<Token> tokenize(const QString &sql);

/// The identifier quoted only when it has to be (not a plain word, or a keyword).
QString name(const QString &identifier);

/// The expression with every identifier token found in renames (by case-
/// insensitive key) replaced, all at once (a swap works); string literals
/// and everything else kept exactly. Qualified names (t.col) are renamed in
/// their last part only when the qualifier is table (or empty).
QString renameIdentifiers(const QString &expr, const QHash<QString, QString> &renames, const QString &table = {});

/// True when the SQL names the identifier as a token (any quoting, any case).
bool mentions(const QString &sql, const QString &identifier);

/// True when the text is one literal a column DEFAULT may hold without
/// parentheses: a number (optionally signed), a string, a blob, NULL, TRUE,
/// FALSE or CURRENT_TIME/DATE/TIMESTAMP.
bool isPlainDefault(const QString &expr);
/// True when ALTER TABLE ADD COLUMN accepts the DEFAULT: a constant, not
/// CURRENT_* and not an expression in parentheses.
bool isConstantDefault(const QString &expr);
/// The text between matching parentheses starting at tokens[i] (an open
/// parenthesis), and the index after the closing one; -1 when it never closes.
int closing(const QList<Token> &tokens, int open);

/// Case-insensitive key for identifiers (SQLite folds ASCII only).
inline QString key(const QString &identifier) { return identifier.toLower(); }

} // namespace Litehouse::SchemaText
