#include "clicontext.h"

#include <core/history/historyrecorder.h>
#include <core/history/historystore.h>

#include <cstdio>

namespace LitehouseCli {

CliContext::CliContext() : m_manager(std::make_unique<Litehouse::Manager>()), m_out(stdout)
{
    m_out.setEncoding(QStringConverter::Utf8);
}

CliContext::~CliContext()
{
    // The manager first: its last operations reach the recorder before the
    // store's final flush.
    m_manager.reset();
    m_history.reset();
    m_out.flush();
}

QString CliContext::historyPath() const
{
    return historyFile.isEmpty() ? Litehouse::HistoryStore::defaultPath() : historyFile;
}

void CliContext::startHistory()
{
    if (noHistory || m_history)
        return;
    m_history = std::make_shared<Litehouse::HistoryStore>(historyPath());
    m_manager->addSink(std::make_shared<Litehouse::HistoryRecorder>(m_history));
}

Litehouse::HistoryStore &CliContext::history()
{
    if (!m_history) // --no-history: read the history without recording into it
        m_history = std::make_shared<Litehouse::HistoryStore>(historyPath());
    return *m_history;
}

int CliContext::finish(int code)
{
    m_manager.reset();
    if (m_history && !m_history->shutdown() && code == Ok)
        code = fail(m_history->lastFlushError().isEmpty()
                        ? QStringLiteral("could not write the history to %1").arg(m_history->path())
                        : m_history->lastFlushError());
    m_history.reset();
    m_out.flush();
    return code;
}

int CliContext::fail(const QString &message, int code)
{
    m_out.flush();
    QString line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    fprintf(stderr, "litehouse-cli: error: %s\n", line.toUtf8().constData());
    fflush(stderr);
    return code;
}

std::optional<Litehouse::DatabaseInfo> CliContext::open(const QString &path, Litehouse::OpenOptions options)
{
    auto r = Litehouse::await(m_manager->open(path, options));
    if (!r) {
        fail(r.error().message());
        return std::nullopt;
    }
    return r.value();
}

QString takeValue(QStringList &args, qsizetype i, QString *error)
{
    const QString opt = args.at(i);
    if (i + 1 >= args.size()) {
        *error = QStringLiteral("option %1 needs a value").arg(opt);
        return {};
    }
    const QString v = args.at(i + 1);
    args.remove(i, 2);
    return v;
}

} // namespace LitehouseCli
