#pragma once

// Small helpers shared by the tests.

#include <core/manager.h>

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <mutex>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace LitehouseTest {

/// Awaits a future and fails the test (returning from it) on an error.
#define LH_OK(expr)                                                                                                  \
    [&] {                                                                                                            \
        auto lh_r = Litehouse::await(expr);                                                                          \
        if (!lh_r.ok())                                                                                              \
            qWarning("%s failed: %s", #expr, qPrintable(lh_r.error().message()));                                   \
        return lh_r;                                                                                                 \
    }()

/// Runs the sqlite3 shell on a database; returns stdout.
/// A child process for the tests, started with posix_spawnp() rather than
/// QProcess. Qt 6.4's QProcess installs a SIGCHLD handler and starts its
/// child with vfork semantics; under ThreadSanitizer a hand-off made right
/// after that on the starting thread then sometimes loses its
/// happens-before edge, and TSan reports a race that is not there (a
/// program without any Litehouse code shows it; docs/reliability.md).
/// Output is collected in memory.
class Child
{
public:
    Child() = default;
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;
    ~Child()
    {
        if (m_pid > 0) {
            kill();
            waitForFinished(5000);
        }
        closeFd(m_in);
        closeFd(m_out);
        closeFd(m_err);
    }

    /// Starts program (looked up in PATH) with args; false when it could not start.
    bool start(const QString &program, const QStringList &args)
    {
        ::signal(SIGPIPE, SIG_IGN); // a write to a child that has exited fails instead
        int in[2], out[2], err[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
            return false;
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, in[0], 0);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_adddup2(&fa, err[1], 2);
        QList<QByteArray> storage{program.toLocal8Bit()};
        for (const QString &a : args)
            storage << a.toLocal8Bit();
        std::vector<char *> argv;
        for (QByteArray &b : storage)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        const int rc = posix_spawnp(&m_pid, argv[0], &fa, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        m_in = in[1];
        m_out = out[0];
        m_err = err[0];
        if (rc != 0)
            m_pid = -1;
        return rc == 0;
    }

    void write(const QByteArray &data)
    {
        qsizetype done = 0;
        while (m_in >= 0 && done < data.size()) {
            const ssize_t n = ::write(m_in, data.constData() + done, size_t(data.size() - done));
            if (n <= 0)
                break;
            done += n;
        }
    }
    void closeWrite() { closeFd(m_in); }

    /// Waits until standard output has something new (or the child closed it).
    bool waitForOutput(int timeoutMs)
    {
        const qsizetype before = m_stdout.size();
        QDeadlineTimer deadline(timeoutMs);
        while (m_stdout.size() == before && (m_out >= 0 || m_err >= 0) && !deadline.hasExpired())
            pump(int(qMin<qint64>(deadline.remainingTime(), 50)));
        return m_stdout.size() > before;
    }
    /// Reads until the child closed its output and exited; false on timeout.
    bool waitForFinished(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while ((m_out >= 0 || m_err >= 0) && !deadline.hasExpired())
            pump(int(qMin<qint64>(deadline.remainingTime(), 50)));
        while (m_pid > 0) {
            int status = 0;
            const pid_t r = ::waitpid(m_pid, &status, deadline.hasExpired() ? 0 : WNOHANG);
            if (r == m_pid) {
                m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                m_crashed = WIFSIGNALED(status);
                m_pid = -1;
                break;
            }
            if (r < 0)
                return false;
            if (deadline.hasExpired())
                return false;
            QThread::msleep(5);
        }
        return m_pid <= 0;
    }
    void kill()
    {
        if (m_pid > 0)
            ::kill(m_pid, SIGKILL);
    }

    QByteArray takeOutput() { pump(0); return std::exchange(m_stdout, {}); }
    QByteArray takeError() { pump(0); return std::exchange(m_stderr, {}); }
    int exitCode() const { return m_exitCode; }
    bool crashed() const { return m_crashed; }

private:
    static void closeFd(int &fd)
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    void pump(int timeoutMs)
    {
        pollfd fds[2] = {{m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
        if (::poll(fds, 2, timeoutMs) <= 0)
            return;
        readInto(fds[0], m_out, m_stdout);
        readInto(fds[1], m_err, m_stderr);
    }
    static void readInto(const pollfd &p, int &fd, QByteArray &buffer)
    {
        if (fd < 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
            return;
        char chunk[65536];
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n > 0)
            buffer.append(chunk, n);
        else
            closeFd(fd);
    }

    pid_t m_pid = -1;
    int m_in = -1, m_out = -1, m_err = -1;
    QByteArray m_stdout, m_stderr;
    int m_exitCode = -1;
    bool m_crashed = false;
};

inline QByteArray sqlite3Shell(const QString &db, const QStringList &args, const QByteArray &stdinData = {}, int *exitCode = nullptr)
{
    Child p;
    QStringList a = args;
    a.append(db);
    if (!p.start(QStringLiteral("sqlite3"), a))
        qWarning("cannot start sqlite3");
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWrite();
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitCode();
    return p.takeOutput();
}

/// Records the argument of a one-argument signal, like QSignalSpy, but also
/// when the signal is emitted on another thread: QSignalSpy appends there
/// without a lock while the test reads on its own thread. Declare it before
/// the sender, so that the sender's threads stop before it goes.
template<typename T>
class SignalLog
{
public:
    template<typename Sender, typename Signal>
    SignalLog(Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, sender, [this](const T &v) {
            std::lock_guard lock(m_mutex);
            m_values.append(v);
        }, Qt::DirectConnection);
    }
    QList<T> values() const
    {
        std::lock_guard lock(m_mutex);
        return m_values;
    }
    qsizetype size() const { return values().size(); }

private:
    mutable std::mutex m_mutex;
    QList<T> m_values;
};

/// Path of the litehouse-cli binary under test.
inline QString cliPath()
{
    return qEnvironmentVariable("LITEHOUSE_CLI");
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliRun runCli(const QStringList &args, int timeoutMs = 60000)
{
    Child p;
    p.start(cliPath(), args);
    p.closeWrite();
    p.waitForFinished(timeoutMs);
    return {p.crashed() ? -1 : p.exitCode(), p.takeOutput(), p.takeError()};
}

} // namespace LitehouseTest
