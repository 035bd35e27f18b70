#pragma once

// Internal: where a WAL database's checkpoints run (see Database::walCommitted()).

#include <algorithm>
#include <atomic>

namespace Litehouse::detail {

/// Decides, after each commit on the writer, whether the WAL is checkpointed
/// now on the writer, in the background on a connection of its own, or not
/// yet.
///
/// SQLite's own automatic checkpoint runs inside the commit that takes the
/// WAL past wal_autocheckpoint frames: the writer copies the frames into the
/// database and syncs both files before that commit returns, a few
/// milliseconds every thousand frames, which was about a fifth of the time of
/// 10,000 small write transactions on the benchmark's machine
/// (docs/benchmarks.md). A passive checkpoint can run on another connection
/// while the writer goes on. It cannot finish while new frames keep coming,
/// though, and the WAL only starts again from its beginning once every frame
/// is back in the database. So the background copies the bulk, and the
/// writer finishes the short tail itself (a passive checkpoint of what is
/// left, so that the next write starts the WAL over). The WAL then stays
/// near the threshold as it does with SQLite's own checkpoint, and the
/// writer syncs far less data.
///
/// afterCommit() and writerCheckpointed() run on the writer's thread; the
/// background reports from its own, between an afterCommit() that returned
/// Background and its backgroundDone() or backgroundBroken(). The writer
/// reads the report only when no background checkpoint is in flight, so the
/// in-flight flag orders the two threads' use of it.
class CheckpointPolicy
{
public:
    /// Restart: the writer runs a RESTART checkpoint with a bounded wait for
    /// readers (see Database::walCommitted()), then reports restartDone()
    /// or restartFailed().
    enum class Action { None, Background, Inline, Restart };

    /// With more frames than this times the threshold, the writer checkpoints
    /// itself whatever the background did: the bound on the WAL's size when
    /// the background cannot keep up. It is also where a passive checkpoint
    /// no longer suffices: readers that never pause each hold a snapshot
    /// inside the WAL, so it is never empty and never starts over ("checkpoint
    /// starvation"), and it grows with the speed of the machine. Past this
    /// bound the writer runs a RESTART checkpoint instead, which waits a
    /// little for the readers of old frames to finish; new readers read the
    /// copied frames from the database file, so the wait ends.
    static constexpr int kHardFactor = 4;

    /// After a commit left `frames` frames in the WAL. threshold is
    /// wal_autocheckpoint (0 or less: never checkpoint). Background means the
    /// caller queues a background checkpoint, which reports with
    /// backgroundCheckpointed() and ends with backgroundDone() or
    /// backgroundBroken(). Without background, the writer checkpoints
    /// passively past the threshold, as SQLite's own automatic checkpoint.
    Action afterCommit(int frames, int threshold, bool background = true)
    {
        // Fewer frames than after the last commit: the WAL started over, and
        // what was reported about the earlier one no longer counts.
        if (frames < m_lastFrames) {
            ++m_generation;
            m_restartAfter = 0;
        }
        m_lastFrames = frames;
        if (threshold <= 0 || frames < threshold)
            return Action::None;
        if (frames >= kHardFactor * threshold && frames >= m_restartAfter)
            return Action::Restart;
        if (!background || m_broken.load(std::memory_order_relaxed))
            return Action::Inline;
        if (m_inFlight.load(std::memory_order_acquire))
            return Action::None;
        const bool current = m_report.generation == m_generation && m_report.log <= frames;
        const int backfilled = current ? std::min(m_report.done, frames) : 0;
        if (frames - backfilled <= threshold / 4 || frames >= kHardFactor * threshold)
            return Action::Inline;
        m_postedGeneration = m_generation;
        m_inFlight.store(true, std::memory_order_relaxed);
        return Action::Background;
    }

    /// The RESTART checkpoint ran: the next write starts the WAL over.
    void restartDone(int log) { m_report = {m_generation, log, log}; }
    /// The RESTART checkpoint timed out (a reader kept its snapshot, or
    /// another connection was checkpointing): the next try waits until the
    /// WAL has grown by another threshold, so that a reader that holds its
    /// snapshot for long does not make every commit wait.
    void restartFailed(int frames, int threshold) { m_restartAfter = frames + std::max(threshold, 1); }

    /// The writer's own checkpoint copied `done` of the WAL's `log` frames.
    void writerCheckpointed(int log, int done) { m_report = {m_generation, log, done}; }
    /// The background checkpoint copied `done` of the WAL's `log` frames.
    void backgroundCheckpointed(int log, int done) { m_report = {m_postedGeneration, log, done}; }
    /// The background checkpoint ended.
    void backgroundDone() { m_inFlight.store(false, std::memory_order_release); }
    /// The background cannot checkpoint this database (it could not open it,
    /// or SQLite refused): the writer checkpoints itself from now on, as
    /// SQLite would.
    void backgroundBroken()
    {
        m_broken.store(true, std::memory_order_relaxed);
        backgroundDone();
    }
    bool broken() const { return m_broken.load(std::memory_order_relaxed); }
    /// Whether a background checkpoint is queued or running (any thread).
    bool inFlight() const { return m_inFlight.load(std::memory_order_acquire); }

private:
    struct Report
    {
        unsigned generation = 0;
        int log = 0;
        int done = 0;
    };

    std::atomic<bool> m_inFlight{false};
    std::atomic<bool> m_broken{false};
    Report m_report;
    // The writer's alone.
    int m_lastFrames = 0;
    int m_restartAfter = 0; // no RESTART before the WAL has this many frames
    unsigned m_generation = 0;
    unsigned m_postedGeneration = 0;
};

} // namespace Litehouse::detail
