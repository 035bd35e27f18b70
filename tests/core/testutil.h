#pragma once

// Small helpers shared by the tests.

#include <core/manager.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
inline QByteArray sqlite3Shell(const QString &db, const QStringList &args, const QByteArray &stdinData = {}, int *exitCode = nullptr)
{
    QProcess p;
    QStringList a = args;
    a.append(db);
    p.start(QStringLiteral("sqlite3"), a);
    p.waitForStarted();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput();
}

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
    QProcess p;
    p.start(cliPath(), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace LitehouseTest
