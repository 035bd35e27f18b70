#pragma once

#include <QList>
#include <QString>

namespace Litehouse {

/// One field of an imported record, as the file wrote it.
struct ImportField
{
    enum class Kind : quint8 {
        Plain,  ///< a CSV field: text whose type Auto guesses
        Text,   ///< a JSON string, or nested JSON (as JSON text): text as it is
        Number, ///< a JSON number, as written
        Bool,   ///< a JSON true or false (text "1" or "0")
        Null,   ///< a JSON null
    };
    Kind kind = Kind::Plain;
    QString text;
};

/// One record of an imported file: where it starts, and its fields.
struct ImportRecord
{
    qint64 line = 0;             ///< the file line the record starts on (1-based)
    QList<ImportField> fields;   ///< CSV: in file order; JSON: in the order of keys
    QStringList keys;            ///< JSON only: each field's key
};

} // namespace Litehouse
