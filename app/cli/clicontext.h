#pragma once

#include <core/manager.h>

#include <QString>
#include <QTextStream>

#include <memory>
#include <optional>

namespace Litehouse {
class HistoryStore;
}

namespace LitehouseCli {

enum Exit { Ok = 0, Failed = 1, Usage = 2 };

/// What every subcommand shares: the manager, the global options, output.
class CliContext
{
public:
    CliContext();
    ~CliContext();

    Litehouse::Manager &manager() { return *m_manager; }
    /// --history FILE; empty means the default history database.
    QString historyFile;
    bool noHistory = false;

    /// Writes "litehouse-cli: error: MESSAGE" to stderr as one line; returns code.
    int fail(const QString &message, int code = Failed);
    int usage(const QString &message) { return fail(message, Usage); }
    /// Standard output (UTF-8).
    QTextStream &out() { return m_out; }

    /// Installs the history recorder on the manager unless --no-history:
    /// operations are recorded to --history FILE or the default history database.
    void startHistory();
    /// The history database the history commands read (also with --no-history).
    Litehouse::HistoryStore &history();
    /// Closes the manager, waits for the last history flush and returns the
    /// exit code (1 when the history could not be written).
    int finish(int code);

    /// Opens a database for a command; on failure prints the error and returns nullopt.
    std::optional<Litehouse::DatabaseInfo> open(const QString &path, Litehouse::OpenOptions options = {});

private:
    QString historyPath() const;

    std::unique_ptr<Litehouse::Manager> m_manager;
    std::shared_ptr<Litehouse::HistoryStore> m_history;
    QTextStream m_out;
};

/// Pops the value of an option that takes one ("--format csv"); sets *error when missing.
QString takeValue(QStringList &args, qsizetype i, QString *error);

} // namespace LitehouseCli
