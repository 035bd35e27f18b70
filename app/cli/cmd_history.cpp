// litehouse-cli history list | export: reads the history database through
// HistoryStore (never through the Manager, so reading is not recorded).

#include "clicontext.h"
#include "commands.h"

#include <core/history/historyexport.h>
#include <core/history/historystore.h>

namespace LitehouseCli {

using namespace Litehouse;

namespace {

/// Options shared by list and export; unknown options are usage errors.
struct HistoryArgs
{
    qint64 limit = 100;
    QString search;
    QString since;
    QString until;
    QString format;
    QString mode;
    QString out;
    bool keepFormulas = false;
};

int parse(CliContext &ctx, QStringList args, bool isExport, HistoryArgs *a)
{
    for (qsizetype i = 0; i < args.size();) {
        const QString opt = args.at(i);
        QString err;
        auto value = [&]() { return takeValue(args, i, &err); };
        if (opt == QLatin1String("--search")) {
            a->search = value();
        } else if (!isExport && opt == QLatin1String("--limit")) {
            const QString v = value();
            bool ok = false;
            a->limit = v.toLongLong(&ok);
            if (err.isEmpty() && (!ok || a->limit < 0))
                return ctx.usage(QStringLiteral("--limit takes a number of items, got \"%1\"").arg(v));
        } else if (isExport && opt == QLatin1String("--since")) {
            a->since = value();
        } else if (isExport && opt == QLatin1String("--until")) {
            a->until = value();
        } else if (isExport && opt == QLatin1String("--format")) {
            a->format = value();
        } else if (isExport && opt == QLatin1String("--mode")) {
            a->mode = value();
        } else if (isExport && opt == QLatin1String("--out")) {
            a->out = value();
        } else if (isExport && opt == QLatin1String("--keep-formulas")) {
            a->keepFormulas = true;
            args.remove(i);
        } else {
            return ctx.usage(QStringLiteral("unknown argument %1 for history %2").arg(opt, isExport ? QStringLiteral("export")
                                                                                                 : QStringLiteral("list")));
        }
        if (!err.isEmpty())
            return ctx.usage(err);
    }
    return Ok;
}

int list(CliContext &ctx, const QStringList &args)
{
    HistoryArgs a;
    if (const int rc = parse(ctx, args, false, &a); rc != Ok)
        return rc;
    HistoryQuery q;
    q.text = a.search;
    q.limit = a.limit;
    auto r = await(ctx.history().query(q));
    if (!r)
        return ctx.fail(r.error().message());
    for (const HistoryItem &it : r.value().items) {
        QString sql = it.sql;
        sql.replace(QLatin1Char('\n'), QLatin1Char(' '));
        ctx.out() << '#' << it.id << ' ' << it.timestampIso() << ' ' << it.database << ' ' << it.kind << ' '
                  << it.outcome << ' ' << it.durationText() << "ms " << sql;
        if (!it.error.isEmpty())
            ctx.out() << "  -- " << it.error;
        ctx.out() << '\n';
    }
    return Ok;
}

int exportItems(CliContext &ctx, const QStringList &args)
{
    HistoryArgs a;
    if (const int rc = parse(ctx, args, true, &a); rc != Ok)
        return rc;
    if (a.format.isEmpty() || a.mode.isEmpty() || a.out.isEmpty())
        return ctx.usage(QStringLiteral("history export needs --format, --mode and --out"));
    const auto format = HistoryExport::parseFormat(a.format);
    if (!format)
        return ctx.usage(QStringLiteral("unknown format \"%1\" (use json, csv or txt)").arg(a.format));
    const auto mode = HistoryExport::parseMode(a.mode);
    if (!mode)
        return ctx.usage(QStringLiteral("unknown mode \"%1\" (use overwrite, append, update or extend)").arg(a.mode));
    HistoryQuery q;
    q.text = a.search;
    q.oldestFirst = true;
    if (!a.since.isEmpty()) {
        q.sinceMs = HistoryQuery::parseTime(a.since);
        if (!q.sinceMs)
            return ctx.usage(QStringLiteral("--since takes an ISO 8601 time, got \"%1\"").arg(a.since));
    }
    if (!a.until.isEmpty()) {
        q.untilMs = HistoryQuery::parseTime(a.until, true);
        if (!q.untilMs)
            return ctx.usage(QStringLiteral("--until takes an ISO 8601 time, got \"%1\"").arg(a.until));
    }
    auto items = await(ctx.history().query(q));
    if (!items)
        return ctx.fail(items.error().message());
    ExportOptions o;
    o.format = *format;
    o.mode = *mode;
    o.keepFormulas = a.keepFormulas;
    auto r = await(HistoryExport::writeAsync(a.out, items.take().items, o));
    if (!r)
        return ctx.fail(r.error().message());
    return Ok;
}

} // namespace

int runHistory(CliContext &ctx, QStringList args)
{
    if (args.isEmpty())
        return ctx.usage(QStringLiteral("history needs list or export"));
    const QString sub = args.takeFirst();
    if (sub == QLatin1String("list"))
        return list(ctx, args);
    if (sub == QLatin1String("export"))
        return exportItems(ctx, args);
    return ctx.usage(QStringLiteral("unknown history command \"%1\" (use list or export)").arg(sub));
}

} // namespace LitehouseCli
