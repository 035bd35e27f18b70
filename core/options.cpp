#include "options.h"

namespace Litehouse {

OpenOptions OpenOptions::readHeavy()
{
    OpenOptions o;
    o.maxReaders = 8;
    o.minReaders = 1;
    o.cacheSizeKiB = 64 * 1024;
    o.mmapSizeBytes = qint64(256) * 1024 * 1024;
    o.tempStore = TempStore::Memory;
    return o;
}

OpenOptions OpenOptions::writeHeavy()
{
    OpenOptions o;
    o.journalMode = JournalMode::Wal;
    o.synchronous = Synchronous::Normal;
    o.cacheSizeKiB = 32 * 1024;
    o.tempStore = TempStore::Memory;
    return o;
}

QString journalModeName(JournalMode m)
{
    switch (m) {
    case JournalMode::Delete: return QStringLiteral("delete");
    case JournalMode::Truncate: return QStringLiteral("truncate");
    case JournalMode::Persist: return QStringLiteral("persist");
    case JournalMode::Memory: return QStringLiteral("memory");
    case JournalMode::Wal: return QStringLiteral("wal");
    case JournalMode::Off: return QStringLiteral("off");
    }
    return {};
}

QString synchronousName(Synchronous s)
{
    switch (s) {
    case Synchronous::Off: return QStringLiteral("off");
    case Synchronous::Normal: return QStringLiteral("normal");
    case Synchronous::Full: return QStringLiteral("full");
    case Synchronous::Extra: return QStringLiteral("extra");
    }
    return {};
}

std::optional<JournalMode> parseJournalMode(const QString &s)
{
    for (JournalMode m : {JournalMode::Delete, JournalMode::Truncate, JournalMode::Persist, JournalMode::Memory,
                          JournalMode::Wal, JournalMode::Off})
        if (s.compare(journalModeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

std::optional<Synchronous> parseSynchronous(const QString &s)
{
    for (Synchronous m : {Synchronous::Off, Synchronous::Normal, Synchronous::Full, Synchronous::Extra})
        if (s.compare(synchronousName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

} // namespace Litehouse
