#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <variant>

namespace Litehouse {

/// One SQLite value with its storage class kept exactly: NULL, INTEGER,
/// REAL, TEXT (held as UTF-8, converted to QString only when asked) or BLOB.
/// Cheaper than a QVariant for result rows, and it never confuses an empty
/// string with NULL or a BLOB with TEXT.
class Value
{
public:
    enum class Type { Null, Integer, Real, Text, Blob };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(qint64 v) : m_data(v) {}
    Value(int v) : m_data(qint64(v)) {}
    Value(double v) : m_data(v) {}
    Value(const QString &text) : m_data(std::in_place_type<Text>, text.toUtf8()) {}
    Value(const char *utf8) : m_data(std::in_place_type<Text>, QByteArray(utf8)) {}

    /// TEXT from UTF-8 bytes.
    static Value text(QByteArray utf8) { Value v; v.m_data.emplace<Text>(std::move(utf8)); return v; }
    /// BLOB from bytes.
    static Value blob(QByteArray bytes) { Value v; v.m_data.emplace<Blob>(std::move(bytes)); return v; }
    /// From a QVariant: null, integral, floating point, QByteArray (BLOB) or anything else as text.
    static Value fromVariant(const QVariant &v);
    /// A command-line literal: an integer or real literal becomes a number, anything else text.
    static Value fromLiteral(const QString &s);

    Type type() const { return Type(m_data.index()); }
    bool isNull() const { return m_data.index() == 0; }
    qint64 toInt() const;
    double toDouble() const;
    /// TEXT as a string, numbers formatted, BLOB as lower-case hex, NULL as an empty string.
    QString toString() const;
    /// The raw bytes of TEXT (UTF-8) or BLOB; empty otherwise.
    QByteArray bytes() const;
    /// The same bytes without a copy; valid while this Value lives.
    QByteArrayView bytesView() const;
    QVariant toVariant() const;

    bool operator==(const Value &o) const { return m_data == o.m_data; }

private:
    // The bytes of TEXT or BLOB. Inside a ResultSet they may be a view of the
    // result's arena (QByteArray::fromRawData); every copy made outside it
    // owns its bytes, so a copied Value never outlives the bytes it shows.
    struct Bytes
    {
        QByteArray b;
        Bytes() = default;
        explicit Bytes(QByteArray x) : b(std::move(x)) {}
        Bytes(const Bytes &o) : b(owned(o.b)) {}
        Bytes(Bytes &&) noexcept = default;
        Bytes &operator=(const Bytes &o) { b = owned(o.b); return *this; }
        Bytes &operator=(Bytes &&) noexcept = default;
        bool operator==(const Bytes &o) const { return b == o.b; }
        static QByteArray owned(const QByteArray &x);
    };
    struct Text : Bytes { using Bytes::Bytes; };
    struct Blob : Bytes { using Bytes::Bytes; };
    std::variant<std::monostate, qint64, double, Text, Blob> m_data;

    /// A copy that keeps a view a view (for ResultSet, which shares its arena).
    static Value shallowCopy(const Value &v);
    static Value textView(const char *p, qsizetype n) { Value v; v.m_data.emplace<Text>(QByteArray::fromRawData(p, n)); return v; }
    static Value blobView(const char *p, qsizetype n) { Value v; v.m_data.emplace<Blob>(QByteArray::fromRawData(p, n)); return v; }
    friend class ResultSet;
};

/// Shortest text that reads back as exactly the same double.
QString formatReal(double v);

} // namespace Litehouse

Q_DECLARE_METATYPE(Litehouse::Value)
