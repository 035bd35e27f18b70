#include "value.h"

#include <QRegularExpression>

#include <charconv>
#include <cmath>

namespace Litehouse {

Value Value::fromVariant(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return {};
    switch (v.metaType().id()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::Short:
    case QMetaType::Char:
        return Value(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return Value(v.toDouble());
    case QMetaType::QByteArray:
        return blob(v.toByteArray());
    default:
        if (v.canConvert<Value>() && v.metaType() == QMetaType::fromType<Value>())
            return v.value<Value>();
        return Value(v.toString());
    }
}

Value Value::fromLiteral(const QString &s)
{
    static const QRegularExpression integer(QStringLiteral("^[+-]?[0-9]+$"));
    static const QRegularExpression real(
        QStringLiteral("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    if (integer.match(s).hasMatch()) {
        bool ok = false;
        const qint64 i = s.toLongLong(&ok);
        if (ok)
            return Value(i);
        // Too large for 64 bits: SQLite itself would read it as REAL.
    }
    if (real.match(s).hasMatch()) {
        bool ok = false;
        const double d = s.toDouble(&ok);
        if (ok && std::isfinite(d))
            return Value(d);
    }
    return Value(s);
}

qint64 Value::toInt() const
{
    switch (type()) {
    case Type::Integer: return std::get<qint64>(m_data);
    case Type::Real: return qint64(std::get<double>(m_data));
    case Type::Text: return std::get<Text>(m_data).b.toLongLong();
    default: return 0;
    }
}

double Value::toDouble() const
{
    switch (type()) {
    case Type::Integer: return double(std::get<qint64>(m_data));
    case Type::Real: return std::get<double>(m_data);
    case Type::Text: return std::get<Text>(m_data).b.toDouble();
    default: return 0.0;
    }
}

QString Value::toString() const
{
    switch (type()) {
    case Type::Null: return {};
    case Type::Integer: return QString::number(std::get<qint64>(m_data));
    case Type::Real: return formatReal(std::get<double>(m_data));
    case Type::Text: return QString::fromUtf8(std::get<Text>(m_data).b);
    case Type::Blob: return QString::fromLatin1(std::get<Blob>(m_data).b.toHex());
    }
    return {};
}

QByteArray Value::Bytes::owned(const QByteArray &x)
{
    // A raw-data QByteArray has no header of its own (isMutable() is false).
    if (x.isNull() || const_cast<QByteArray &>(x).data_ptr().isMutable())
        return x;
    return QByteArray(x.constData(), x.size());
}

Value Value::shallowCopy(const Value &v)
{
    Value out;
    switch (v.type()) {
    case Type::Text: out.m_data.emplace<Text>(std::get<Text>(v.m_data).b); break;
    case Type::Blob: out.m_data.emplace<Blob>(std::get<Blob>(v.m_data).b); break;
    default: out.m_data = v.m_data; break;
    }
    return out;
}

QByteArray Value::bytes() const
{
    if (type() == Type::Text)
        return Bytes::owned(std::get<Text>(m_data).b);
    if (type() == Type::Blob)
        return Bytes::owned(std::get<Blob>(m_data).b);
    return {};
}

QByteArrayView Value::bytesView() const
{
    if (type() == Type::Text)
        return std::get<Text>(m_data).b;
    if (type() == Type::Blob)
        return std::get<Blob>(m_data).b;
    return {};
}

QVariant Value::toVariant() const
{
    switch (type()) {
    case Type::Null: return {};
    case Type::Integer: return QVariant(std::get<qint64>(m_data));
    case Type::Real: return QVariant(std::get<double>(m_data));
    case Type::Text: return QVariant(QString::fromUtf8(std::get<Text>(m_data).b));
    case Type::Blob: return QVariant(Bytes::owned(std::get<Blob>(m_data).b));
    }
    return {};
}

QString formatReal(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Inf") : QStringLiteral("-Inf");
    char buf[64];
    // std::to_chars without a precision gives the shortest round-trip form.
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    QString s = QString::fromLatin1(buf, int(res.ptr - buf));
    // Keep REAL recognisable as REAL (1.0, not 1), as sqlite3 does.
    if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')) && !s.contains(QLatin1Char('n')))
        s += QStringLiteral(".0");
    return s;
}

} // namespace Litehouse
