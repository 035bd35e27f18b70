// litehouse-cli: the Litehouse engine for scripts and CI.

#include "clicontext.h"
#include "commands.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace LitehouseCli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"query", "query DB SQL [--create] [--param VALUE]... [--named NAME=VALUE]... [--format table|csv|json]", runQuery},
        {"migrate",
         "migrate status|up|down|validate DB --dir DIR [--target N] [--dry-run] [--json] [--allow-changed] "
         "[--allow-out-of-order] [--lock-timeout SECONDS]",
         runMigrate},
        {"history", "history list [--limit N] [--search TEXT]\n"
                    "  history export --format json|csv|txt --mode overwrite|append|update|extend --out FILE\n"
                    "                 [--search TEXT] [--since ISO8601] [--until ISO8601] [--keep-formulas]",
         runHistory},
        {"maintain", "maintain stats|integrity|quick-check|fk-check|vacuum|analyze|optimize|checkpoint DB [--json] "
                     "[--max-errors N] [--mode passive|full|restart|truncate]\n"
                     "  maintain backup DB OUT [--force] [--json]", runMaintain},
        {"import", "import DB FILE --table NAME [--create] [--existing] [--format csv|tsv|json] [--separator CHAR]\n"
                   "                [--quote CHAR] [--no-header] [--encoding auto|utf-8|utf-16|latin-1]\n"
                   "                [--match name|position] [--type COLUMN=TYPE]... [--empty-text-null]",
         runImport},
        {"dump", "dump DB [--out FILE]", runDump},
    };
    return all;
}

} // namespace LitehouseCli

static void printHelp(FILE *to)
{
    fprintf(to, "usage: litehouse-cli [--history FILE | --no-history] COMMAND ...\n\ncommands:\n");
    for (const auto &c : LitehouseCli::commands())
        fprintf(to, "  %s\n", c.synopsis);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("litehouse"));
    QCoreApplication::setOrganizationName(QStringLiteral("Litehouse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LITEHOUSE_VERSION));

    // History failures are reported once, as the command's error line
    // (QT_LOGGING_RULES can still turn the store's warnings back on).
    QLoggingCategory::setFilterRules(QStringLiteral("litehouse.core.history.warning=false"));

    QStringList args = QCoreApplication::arguments().mid(1);
    LitehouseCli::CliContext ctx;
    // Global options come before the command.
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--help")) {
            printHelp(stdout);
            return LitehouseCli::Ok;
        } else if (a == QLatin1String("--version")) {
            printf("litehouse-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
            return LitehouseCli::Ok;
        } else if (a == QLatin1String("--no-history")) {
            ctx.noHistory = true;
        } else if (a == QLatin1String("--history")) {
            if (args.isEmpty())
                return ctx.usage(QStringLiteral("option --history needs a FILE"));
            ctx.historyFile = args.takeFirst();
        } else {
            return ctx.usage(QStringLiteral("unknown global option %1 (see --help)").arg(a));
        }
    }
    if (ctx.noHistory && !ctx.historyFile.isEmpty())
        return ctx.usage(QStringLiteral("--history and --no-history exclude each other"));
    if (args.isEmpty()) {
        printHelp(stderr);
        return ctx.usage(QStringLiteral("no command given"));
    }
    const QString name = args.takeFirst();
    for (const auto &c : LitehouseCli::commands()) {
        if (name == QLatin1String(c.name)) {
            ctx.startHistory();
            return ctx.finish(c.run(ctx, args));
        }
    }
    return ctx.usage(QStringLiteral("unknown command \"%1\" (see --help)").arg(name));
}
