#include "cellformat.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace Litehouse {

QVariant cellData(const Value &v, int role)
{
    switch (role) {
    case Qt::DisplayRole:
        if (v.isNull())
            return QStringLiteral("NULL");
        if (v.type() == Value::Type::Blob) {
            const QByteArray b = v.bytes();
            return QCoreApplication::translate("Litehouse::ResultModel", "BLOB %n byte(s): %1", nullptr, int(b.size()))
                .arg(QString::fromLatin1(b.left(16).toHex(' ')) + (b.size() > 16 ? QStringLiteral(" …") : QString()));
        } else {
            // Only the head of a long text is shown: converting a 10 MB
            // value on every paint would stall the grid.
            const QByteArrayView bytes = v.bytesView();
            QString s = v.type() == Value::Type::Text && bytes.size() > 2048
                            ? QString::fromUtf8(bytes.first(2048))
                            : v.toString();
            if (s.size() > 500)
                s = s.left(500) + QStringLiteral("…");
            s.replace(QLatin1Char('\n'), QChar(0x21b5));
            return s;
        }
    case Qt::EditRole:
        return v.toVariant();
    case Qt::ForegroundRole:
        if (v.isNull() || v.type() == Value::Type::Blob)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (v.isNull()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (v.type() == Value::Type::Integer || v.type() == Value::Type::Real)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (v.isNull())
            return QCoreApplication::translate("Litehouse::ResultModel", "NULL (no value)");
        if (v.type() == Value::Type::Text && v.bytesView().isEmpty())
            return QCoreApplication::translate("Litehouse::ResultModel", "Empty text");
        if (v.type() == Value::Type::Blob)
            return QString::fromLatin1(v.bytes().left(256).toHex(' '));
        return {};
    default:
        return {};
    }
}

} // namespace Litehouse
