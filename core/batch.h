#pragma once

#include "outcome.h"
#include "value.h"

#include <QFuture>

#include <initializer_list>
#include <memory>
#include <span>

namespace Litehouse {

class Manager;
struct BatchState;

/// Rows for one prepared statement, written in chunks of batchSize inside
/// one transaction (a savepoint if a transaction is already open). While a
/// batch is open, other writes to the database wait for it, so nothing else
/// lands in its transaction. Any failure rolls back every row of the batch.
class Batch final
{
public:
    ~Batch();
    Q_DISABLE_COPY_MOVE(Batch)

    /// Adds a row; every batchSize rows a chunk is written in the background.
    /// add() waits while 3 chunks are already queued for the writer, so
    /// memory stays bounded whatever the speed of the producer: feed a batch
    /// off the UI thread.
    /// Fails when an earlier chunk failed (the batch is then rolled back).
    /// The values are copied into the chunk's one flat buffer: adding a row
    /// allocates nothing of its own.
    Outcome<Done> add(std::span<const Value> row);
    Outcome<Done> add(std::initializer_list<Value> row) { return add(std::span<const Value>(row.begin(), row.size())); }
    Outcome<Done> add(const QList<Value> &row) { return add(std::span<const Value>(row.constData(), size_t(row.size()))); }
    /// Writes what is left and commits. Resolves to the rows written.
    QFuture<Outcome<qint64>> finish();
    /// Rolls back every row of the batch.
    QFuture<Outcome<Done>> abort();

    explicit Batch(std::shared_ptr<BatchState> state);

private:
    std::shared_ptr<BatchState> d;
};

} // namespace Litehouse
