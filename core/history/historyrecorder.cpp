#include "historyrecorder.h"

#include "historystore.h"

namespace Litehouse {

HistoryRecorder::HistoryRecorder(std::shared_ptr<HistoryStore> store) : m_store(std::move(store)) {}

void HistoryRecorder::record(const OperationRecord &op)
{
    m_store->record(HistoryItem::fromRecord(op));
}

} // namespace Litehouse
