#pragma once

#include "../operation.h"

#include <memory>

namespace Litehouse {

class HistoryStore;

/// The OperationSink that turns every operation into a HistoryItem in a
/// HistoryStore. Install it with Manager::addSink(). record() runs on the
/// manager's worker threads and only appends to the store's buffer.
class HistoryRecorder final : public OperationSink
{
public:
    explicit HistoryRecorder(std::shared_ptr<HistoryStore> store);
    void record(const OperationRecord &op) override;
    HistoryStore &store() { return *m_store; }

private:
    std::shared_ptr<HistoryStore> m_store;
};

} // namespace Litehouse
