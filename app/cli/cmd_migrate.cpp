#include "clicontext.h"
#include "commands.h"
#include "formatter.h"

#include <core/migrations/migrationrunner.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace LitehouseCli {

using namespace Litehouse;

namespace {

void writeStatusTable(QTextStream &out, const QList<MigrationStatus> &statuses)
{
    const QStringList header = {QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("state"),
                                QStringLiteral("applied_at"), QStringLiteral("down")};
    QList<QStringList> rows;
    for (const MigrationStatus &s : statuses)
        rows.append({QString::number(s.version), s.name, migrationStateName(s.state),
                     s.appliedAt.isEmpty() ? QStringLiteral("-") : s.appliedAt,
                     s.state == MigrationStatus::State::Missing ? QStringLiteral("-")
                     : s.hasDown                                ? QStringLiteral("yes")
                                                                : QStringLiteral("no")});
    QList<qsizetype> widths;
    for (const QString &h : header)
        widths.append(h.size());
    for (const QStringList &r : std::as_const(rows))
        for (int c = 0; c < r.size(); ++c)
            widths[c] = qMax(widths[c], r.at(c).size());
    auto line = [&](const QStringList &cells) {
        QString l;
        for (int c = 0; c < cells.size(); ++c)
            l += (c ? QStringLiteral("  ") : QString()) + cells.at(c).leftJustified(widths[c]);
        out << l.trimmed() << '\n';
    };
    line(header);
    for (const QStringList &r : std::as_const(rows))
        line(r);
    if (rows.isEmpty())
        out << "(no migrations)\n";
}

QJsonArray statusJson(const QList<MigrationStatus> &statuses)
{
    QJsonArray a;
    for (const MigrationStatus &s : statuses) {
        QJsonObject o;
        o.insert(QStringLiteral("version"), s.version);
        o.insert(QStringLiteral("name"), s.name);
        o.insert(QStringLiteral("state"), migrationStateName(s.state));
        o.insert(QStringLiteral("applied_at"), s.appliedAt.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.appliedAt));
        a.append(o);
    }
    return a;
}

QJsonObject runJson(const MigrationRun &run)
{
    QJsonArray steps;
    for (const MigrationStep &s : run.steps) {
        QJsonObject o;
        o.insert(QStringLiteral("version"), s.version);
        o.insert(QStringLiteral("name"), s.name);
        o.insert(QStringLiteral("file"), s.file);
        o.insert(QStringLiteral("direction"), s.down ? QStringLiteral("down") : QStringLiteral("up"));
        o.insert(QStringLiteral("transaction"), !s.noTransaction);
        if (run.dryRun)
            o.insert(QStringLiteral("sql"), QString::fromUtf8(s.sql));
        else
            o.insert(QStringLiteral("duration_ms"), s.durationMs);
        steps.append(o);
    }
    QJsonObject o;
    o.insert(QStringLiteral("dry_run"), run.dryRun);
    o.insert(QStringLiteral("from_version"), run.fromVersion);
    o.insert(QStringLiteral("to_version"), run.toVersion);
    o.insert(QStringLiteral("steps"), steps);
    return o;
}

} // namespace

int runMigrate(CliContext &ctx, QStringList args)
{
    QString dir;
    std::optional<qint64> target;
    bool dryRun = false;
    bool json = false;
    MigrationOptions options;
    options.lockTimeoutMs = 30000;
    QStringList positional;
    for (qsizetype i = 0; i < args.size();) {
        const QString a = args.at(i);
        QString err;
        if (a == QLatin1String("--dir")) {
            dir = takeValue(args, i, &err);
        } else if (a == QLatin1String("--target")) {
            const QString v = takeValue(args, i, &err);
            bool ok = false;
            const qint64 n = v.toLongLong(&ok);
            if (err.isEmpty() && (!ok || n < 0))
                return ctx.usage(QStringLiteral("--target takes a version number, got \"%1\"").arg(v));
            target = n;
        } else if (a == QLatin1String("--lock-timeout")) {
            const QString v = takeValue(args, i, &err);
            bool ok = false;
            const double seconds = v.toDouble(&ok);
            if (err.isEmpty() && (!ok || seconds < 0 || seconds > 86400))
                return ctx.usage(QStringLiteral("--lock-timeout takes seconds (0 to 86400), got \"%1\"").arg(v));
            options.lockTimeoutMs = int(seconds * 1000);
        } else if (a == QLatin1String("--dry-run")) {
            dryRun = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--json")) {
            json = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--allow-changed")) {
            options.allowChanged = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--allow-out-of-order")) {
            options.allowOutOfOrder = true;
            args.removeAt(i);
        } else if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            return ctx.usage(QStringLiteral("unknown option %1 for migrate").arg(a));
        } else {
            positional << a;
            ++i;
        }
        if (!err.isEmpty())
            return ctx.usage(err);
    }
    if (positional.isEmpty())
        return ctx.usage(QStringLiteral("migrate needs an action: status, up, down or validate"));
    const QString action = positional.takeFirst();
    const bool isRun = action == QLatin1String("up") || action == QLatin1String("down");
    if (!isRun && action != QLatin1String("status") && action != QLatin1String("validate"))
        return ctx.usage(QStringLiteral("unknown migrate action \"%1\" (use status, up, down or validate)").arg(action));
    if (positional.size() != 1)
        return ctx.usage(QStringLiteral("migrate %1 takes one DB (got %2 arguments)").arg(action).arg(positional.size()));
    if (dir.isEmpty())
        return ctx.usage(QStringLiteral("migrate %1 needs --dir DIR").arg(action));
    if (!isRun && (target || dryRun))
        return ctx.usage(QStringLiteral("--target and --dry-run apply to up and down only"));
    options.target = target;
    options.dryRun = dryRun;

    MigrationRunner runner(ctx.manager(), positional.first(), dir);
    QTextStream &out = ctx.out();

    if (action == QLatin1String("status")) {
        auto r = await(runner.status());
        if (!r)
            return ctx.fail(r.error().message());
        if (json)
            out << QJsonDocument(statusJson(r.value())).toJson(QJsonDocument::Indented);
        else
            writeStatusTable(out, r.value());
        return Ok;
    }
    if (action == QLatin1String("validate")) {
        auto r = await(runner.validate(options));
        if (!r)
            return ctx.fail(r.error().message());
        const QStringList &problems = r.value();
        if (json) {
            out << QJsonDocument(QJsonArray::fromStringList(problems)).toJson(QJsonDocument::Indented);
            out.flush();
        }
        if (!problems.isEmpty())
            return ctx.fail(QStringLiteral("validation found %1 problem%2: %3")
                                .arg(problems.size())
                                .arg(problems.size() == 1 ? QString() : QStringLiteral("s"))
                                .arg(problems.join(QStringLiteral("; "))));
        if (!json)
            out << "ok: the migrations folder and the database agree\n";
        return Ok;
    }

    const bool down = action == QLatin1String("down");
    if (!json && !dryRun) {
        // Progress as each migration commits (the runner's worker thread
        // calls this while the main thread waits).
        QObject::connect(&runner, &MigrationRunner::migrationFinished, &runner,
                         [&out, down](qint64, const QString &file, qint64 ms) {
                             out << (down ? "reverted " : "applied ") << file << " (" << ms << " ms)\n";
                             out.flush();
                         }, Qt::DirectConnection);
    }
    auto r = await(down ? runner.down(options) : runner.up(options));
    if (!r)
        return ctx.fail(r.error().message());
    const MigrationRun &run = r.value();
    if (json) {
        out << QJsonDocument(runJson(run)).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (dryRun) {
        for (const MigrationStep &s : run.steps) {
            out << "-- would " << (down ? "revert with " : "apply ") << s.file
                << (s.noTransaction ? " (outside a transaction)" : " (in one transaction)") << '\n'
                << QString::fromUtf8(s.sql);
            if (!s.sql.endsWith('\n'))
                out << '\n';
        }
        out << "dry run: " << run.steps.size() << " migration" << (run.steps.size() == 1 ? "" : "s")
            << " would run, nothing was changed; the database would be at version " << run.toVersion << '\n';
        return Ok;
    }
    if (run.steps.isEmpty())
        out << (down ? "nothing to revert" : "nothing to apply") << "; the database is at version " << run.toVersion << '\n';
    else
        out << "the database is at version " << run.toVersion << " (was " << run.fromVersion << ")\n";
    return Ok;
}

} // namespace LitehouseCli
