#include "params.h"

#include <QStringList>

namespace Litehouse {

Params Params::fromVariants(const QVariantList &values)
{
    Params p;
    p.positional.reserve(values.size());
    for (const QVariant &v : values)
        p.positional.append(Value::fromVariant(v));
    return p;
}

static QString render(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null: return QStringLiteral("NULL");
    case Value::Type::Text: {
        QString s = v.toString();
        if (s.size() > 200)
            s = s.left(200) + QStringLiteral("…");
        return QLatin1Char('\'') + s.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    }
    case Value::Type::Blob: return QStringLiteral("x'%1'").arg(QString::fromLatin1(v.bytes().left(64).toHex()));
    default: return v.toString();
    }
}

QString Params::toString() const
{
    QStringList parts;
    for (const Value &v : positional)
        parts << render(v);
    for (const auto &[name, v] : named)
        parts << name + QLatin1Char('=') + render(v);
    return parts.join(QStringLiteral(", "));
}

} // namespace Litehouse
