#pragma once

#include "value.h"

#include <QList>
#include <QPair>

namespace Litehouse {

/// Parameters for a statement: positional values for `?`/`?NNN`, and named
/// values for `:name`, `@name` or `$name` (given with or without the prefix).
struct Params
{
    QList<Value> positional;
    QList<QPair<QString, Value>> named;

    Params() = default;
    Params(std::initializer_list<Value> values) : positional(values) {}
    /// Builds positional parameters from QVariants.
    static Params fromVariants(const QVariantList &values);
    Params &bind(const QString &name, const Value &v) { named.append({name, v}); return *this; }
    bool isEmpty() const { return positional.isEmpty() && named.isEmpty(); }
    /// A short human-readable rendering for logs and history.
    QString toString() const;
};

/// How many rows a statement hands back.
struct Fetch
{
    enum class Mode { None, One, All, Many };
    Mode mode = Mode::All;
    qint64 count = -1;

    static Fetch none() { return {Mode::None, 0}; }
    static Fetch one() { return {Mode::One, 1}; }
    static Fetch all() { return {Mode::All, -1}; }
    static Fetch many(qint64 n) { return {Mode::Many, n}; }
    /// The row limit, or -1 for no limit.
    qint64 limit() const { return mode == Mode::All ? -1 : mode == Mode::None ? 0 : count; }
};

/// Where a statement runs. Auto sends read-only statements to the reader
/// pool while no transaction is open, and everything else to the writer.
/// Session is an editor's: the statement runs on the writer connection, in
/// order with everything sent before it, so that it sees the session's TEMP
/// objects, attached databases, PRAGMAs and open transaction. A stream
/// that SQLite says only reads, started while the session holds none of
/// that state, moves to a connection of its own, so that a long scroll
/// never holds statements open on the session (see Manager::stream()).
enum class Route { Auto, Writer, Reader, Session };

} // namespace Litehouse
