#include "clicontext.h"
#include "commands.h"

#include <core/maintenance/maintenance.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace LitehouseCli {

using namespace Litehouse;

namespace {

void printJson(CliContext &ctx, const QJsonObject &o)
{
    ctx.out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

int stats(CliContext &ctx, Maintenance &m, bool json)
{
    auto r = await(m.sizeStats());
    if (!r)
        return ctx.fail(r.error().message());
    const SizeStats &s = r.value();
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("page_size"), s.pageSize);
        o.insert(QStringLiteral("page_count"), s.pageCount);
        o.insert(QStringLiteral("freelist_count"), s.freelistCount);
        o.insert(QStringLiteral("bytes_used"), s.bytesUsed);
        o.insert(QStringLiteral("bytes_free"), s.bytesFree);
        o.insert(QStringLiteral("file_bytes"), s.fileBytes);
        o.insert(QStringLiteral("wal_bytes"), s.walBytes);
        o.insert(QStringLiteral("shm_bytes"), s.shmBytes);
        o.insert(QStringLiteral("dbstat"), s.dbstatAvailable);
        if (!s.dbstatAvailable)
            o.insert(QStringLiteral("dbstat_message"), s.dbstatMessage);
        QJsonArray tables;
        for (const ObjectSize &t : s.objects)
            tables.append(QJsonObject{{QStringLiteral("name"), t.name},
                                      {QStringLiteral("type"), t.type},
                                      {QStringLiteral("table"), t.table},
                                      {QStringLiteral("bytes"), t.bytes},
                                      {QStringLiteral("pages"), t.pages}});
        o.insert(QStringLiteral("tables"), tables);
        printJson(ctx, o);
        return Ok;
    }
    QTextStream &out = ctx.out();
    out << "page_size:      " << s.pageSize << '\n'
        << "page_count:     " << s.pageCount << '\n'
        << "freelist_count: " << s.freelistCount << '\n'
        << "bytes_used:     " << s.bytesUsed << '\n'
        << "bytes_free:     " << s.bytesFree << '\n'
        << "file_bytes:     " << s.fileBytes << '\n'
        << "wal_bytes:      " << s.walBytes << '\n'
        << "shm_bytes:      " << s.shmBytes << '\n';
    if (!s.dbstatAvailable) {
        out << "tables:         " << s.dbstatMessage << '\n';
        return Ok;
    }
    out << "\nname\ttype\tbytes\n";
    for (const ObjectSize &t : s.objects)
        out << t.name << '\t' << t.type << '\t' << t.bytes << '\n';
    return Ok;
}

int printCheck(CliContext &ctx, const Outcome<CheckResult> &r, bool json)
{
    if (!r)
        return ctx.fail(r.error().message());
    const CheckResult &c = r.value();
    if (json) {
        printJson(ctx, QJsonObject{{QStringLiteral("ok"), c.ok},
                                   {QStringLiteral("problems"), QJsonArray::fromStringList(c.problems)},
                                   {QStringLiteral("truncated"), c.truncated}});
    } else if (c.ok) {
        ctx.out() << "ok\n";
    } else {
        for (const QString &p : c.problems)
            ctx.out() << p << '\n';
        if (c.truncated)
            ctx.out() << "(stopped after " << c.problems.size() << " problems; see --max-errors)\n";
    }
    return c.ok ? Ok : Failed;
}

int fkCheck(CliContext &ctx, Maintenance &m, int maxErrors, bool json)
{
    auto r = await(m.foreignKeyCheck(maxErrors));
    if (!r)
        return ctx.fail(r.error().message());
    const ForeignKeyReport &f = r.value();
    if (json) {
        QJsonArray rows;
        for (const ForeignKeyViolation &v : f.violations)
            rows.append(QJsonObject{{QStringLiteral("table"), v.table},
                                    {QStringLiteral("rowid"), v.rowid ? QJsonValue(*v.rowid) : QJsonValue()},
                                    {QStringLiteral("parent"), v.parent},
                                    {QStringLiteral("fkid"), v.fkid}});
        printJson(ctx, QJsonObject{{QStringLiteral("ok"), f.ok()},
                                   {QStringLiteral("violations"), rows},
                                   {QStringLiteral("truncated"), f.truncated}});
    } else if (f.ok()) {
        ctx.out() << "ok\n";
    } else {
        ctx.out() << "table\trowid\tparent\tfkid\n";
        for (const ForeignKeyViolation &v : f.violations)
            ctx.out() << v.table << '\t' << (v.rowid ? QString::number(*v.rowid) : QStringLiteral("NULL")) << '\t'
                      << v.parent << '\t' << v.fkid << '\n';
        if (f.truncated)
            ctx.out() << "(stopped after " << f.violations.size() << " rows; see --max-errors)\n";
    }
    return f.ok() ? Ok : Failed;
}

int checkpoint(CliContext &ctx, Maintenance &m, CheckpointMode mode, bool json)
{
    auto r = await(m.checkpoint(mode));
    if (!r)
        return ctx.fail(r.error().message());
    const CheckpointResult &c = r.value();
    if (json) {
        QJsonObject o{{QStringLiteral("wal"), c.walMode},
                      {QStringLiteral("journal_mode"), c.journalMode},
                      {QStringLiteral("mode"), checkpointModeName(mode).toLower()}};
        if (c.walMode) {
            o.insert(QStringLiteral("busy"), c.busy);
            o.insert(QStringLiteral("log_frames"), c.logFrames);
            o.insert(QStringLiteral("checkpointed_frames"), c.checkpointedFrames);
        } else {
            o.insert(QStringLiteral("message"), QStringLiteral("not in WAL mode; nothing to checkpoint"));
        }
        printJson(ctx, o);
    } else if (!c.walMode) {
        ctx.out() << "not in WAL mode (journal_mode is " << c.journalMode << "); nothing to checkpoint\n";
    } else {
        ctx.out() << "checkpoint " << checkpointModeName(mode).toLower() << ": " << (c.busy ? "busy" : "complete")
                  << ", " << c.logFrames << " frames in the WAL, " << c.checkpointedFrames << " checkpointed\n";
    }
    return Ok;
}

int done(CliContext &ctx, const Outcome<Done> &r, const char *what, bool json)
{
    if (!r)
        return ctx.fail(r.error().message());
    if (json)
        printJson(ctx, QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("operation"), QLatin1String(what)}});
    else
        ctx.out() << what << ": ok\n";
    return Ok;
}

} // namespace

int runMaintain(CliContext &ctx, QStringList args)
{
    static const QStringList actions = {QStringLiteral("stats"), QStringLiteral("integrity"), QStringLiteral("quick-check"),
                                        QStringLiteral("fk-check"), QStringLiteral("vacuum"), QStringLiteral("analyze"),
                                        QStringLiteral("optimize"), QStringLiteral("checkpoint"), QStringLiteral("backup")};
    if (args.isEmpty())
        return ctx.usage(QStringLiteral("maintain needs an action: %1").arg(actions.join(QLatin1Char('|'))));
    const QString action = args.takeFirst();
    if (!actions.contains(action))
        return ctx.usage(QStringLiteral("unknown maintain action \"%1\" (use %2)").arg(action, actions.join(QLatin1Char('|'))));
    bool json = false;
    bool force = false;
    int maxErrors = 100;
    CheckpointMode mode = CheckpointMode::Passive;
    QStringList positional;
    for (qsizetype i = 0; i < args.size();) {
        const QString a = args.at(i);
        QString err;
        if (a == QLatin1String("--json")) {
            json = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--force") && action == QLatin1String("backup")) {
            force = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--max-errors")
                   && (action == QLatin1String("integrity") || action == QLatin1String("quick-check")
                       || action == QLatin1String("fk-check"))) {
            const QString v = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
            bool ok = false;
            maxErrors = v.toInt(&ok);
            if (!ok || maxErrors < 1)
                return ctx.usage(QStringLiteral("--max-errors takes a positive number, got \"%1\"").arg(v));
        } else if (a == QLatin1String("--mode") && action == QLatin1String("checkpoint")) {
            const QString v = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
            const auto m = parseCheckpointMode(v);
            if (!m)
                return ctx.usage(QStringLiteral("unknown checkpoint mode \"%1\" (use passive, full, restart or truncate)").arg(v));
            mode = *m;
        } else if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            return ctx.usage(QStringLiteral("unknown option %1 for maintain %2").arg(a, action));
        } else {
            positional << a;
            ++i;
        }
    }
    const qsizetype wanted = action == QLatin1String("backup") ? 2 : 1;
    if (positional.size() != wanted)
        return ctx.usage(wanted == 2 ? QStringLiteral("maintain backup takes DB and OUT (got %1 arguments)").arg(positional.size())
                                     : QStringLiteral("maintain %1 takes DB (got %2 arguments)").arg(action).arg(positional.size()));
    const QString path = positional.at(0);
    if (!QFileInfo(path).isFile())
        return ctx.fail(QStringLiteral("no database file at %1").arg(path));
    if (action == QLatin1String("backup") && QFileInfo::exists(positional.at(1)) && !force)
        return ctx.fail(QStringLiteral("%1 exists; use --force to overwrite it").arg(positional.at(1)));
    OpenOptions options;
    options.create = false; // maintenance never creates a database, nor changes its journal mode
    if (!ctx.open(path, options))
        return Failed;
    Maintenance m(ctx.manager(), path);
    if (action == QLatin1String("stats"))
        return stats(ctx, m, json);
    if (action == QLatin1String("integrity"))
        return printCheck(ctx, await(m.integrityCheck(maxErrors)), json);
    if (action == QLatin1String("quick-check"))
        return printCheck(ctx, await(m.quickCheck(maxErrors)), json);
    if (action == QLatin1String("fk-check"))
        return fkCheck(ctx, m, maxErrors, json);
    if (action == QLatin1String("vacuum"))
        return done(ctx, await(m.vacuum()), "vacuum", json);
    if (action == QLatin1String("analyze"))
        return done(ctx, await(m.analyze()), "analyze", json);
    if (action == QLatin1String("optimize"))
        return done(ctx, await(m.optimize()), "optimize", json);
    if (action == QLatin1String("checkpoint"))
        return checkpoint(ctx, m, mode, json);
    // backup
    BackupOptions bo;
    bo.overwrite = force;
    auto r = await(m.backup(positional.at(1), bo));
    if (!r)
        return ctx.fail(r.error().message());
    if (json)
        printJson(ctx, QJsonObject{{QStringLiteral("ok"), true},
                                   {QStringLiteral("path"), r.value().path},
                                   {QStringLiteral("pages"), r.value().pages}});
    else
        ctx.out() << "backup: " << r.value().pages << " pages copied to " << r.value().path << '\n';
    return Ok;
}

} // namespace LitehouseCli
