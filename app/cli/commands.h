#pragma once

#include <QStringList>

namespace LitehouseCli {

class CliContext;

/// One subcommand: its name, a one-line synopsis and its entry point.
/// Entry points return the process exit code: 0 success, 1 the operation
/// failed, 2 usage error.
struct Command
{
    const char *name;
    const char *synopsis;
    int (*run)(CliContext &ctx, QStringList args);
};

int runQuery(CliContext &ctx, QStringList args);
int runMigrate(CliContext &ctx, QStringList args);
int runHistory(CliContext &ctx, QStringList args);
int runMaintain(CliContext &ctx, QStringList args);
int runImport(CliContext &ctx, QStringList args);
int runDump(CliContext &ctx, QStringList args);

/// Every subcommand, in the order the help lists them.
const QList<Command> &commands();

} // namespace LitehouseCli
