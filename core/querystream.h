#pragma once

#include "canceltoken.h"
#include "outcome.h"
#include "resultset.h"

#include <QFuture>

#include <memory>

namespace Litehouse {

class Manager;
struct StreamState;

/// A query whose rows are fetched in chunks, so the first rows of a huge
/// result show at once and memory stays bounded. The statement (and with it
/// the read snapshot) stays open until the last row is read or close() is
/// called; destroying the stream closes it.
///
/// Reads run on a connection of their own, so a long scroll through a big
/// result never holds up other queries; a stream started while a
/// transaction is open (or, on Route::Session, while the writer holds
/// session state) runs on the writer, to see what the session sees. A
/// statement that writes runs whole on the writer when the stream starts;
/// its rows (RETURNING) are then handed out by the first fetch.
class QueryStream final
{
public:
    ~QueryStream();
    Q_DISABLE_COPY_MOVE(QueryStream)

    const QStringList &columns() const;
    const QStringList &declTypes() const;
    /// Reads up to maxRows more rows. An empty chunk with atEnd() means done.
    QFuture<Outcome<ResultSet>> fetch(int maxRows, const CancelToken &cancel = {});
    /// True once the statement has returned its last row (or was closed).
    bool atEnd() const;
    /// Rows handed out so far.
    qint64 rowsFetched() const;
    /// sqlite3_stmt_readonly() of the statement: only a read-only statement
    /// may be run again (to reload rows, count them or export them).
    bool readOnly() const;
    /// The statement read session state (TEMP objects, attached databases,
    /// PRAGMAs, an open transaction): running it again belongs on the writer.
    bool sessionBound() const;
    /// Finalizes the statement and releases the connection.
    QFuture<Outcome<Done>> close();

    explicit QueryStream(std::shared_ptr<StreamState> state);

private:
    std::shared_ptr<StreamState> d;
};

} // namespace Litehouse
