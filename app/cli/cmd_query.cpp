#include "clicontext.h"
#include "commands.h"
#include "formatter.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace LitehouseCli {

using namespace Litehouse;

int runQuery(CliContext &ctx, QStringList args)
{
    Params params;
    Format format = Format::Table;
    bool create = false;
    QStringList positional;
    for (qsizetype i = 0; i < args.size();) {
        const QString a = args.at(i);
        QString err;
        if (a == QLatin1String("--param")) {
            const QString v = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
            params.positional.append(Value::fromLiteral(v));
        } else if (a == QLatin1String("--named")) {
            const QString v = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
            const qsizetype eq = v.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return ctx.usage(QStringLiteral("--named takes NAME=VALUE, got \"%1\"").arg(v));
            params.bind(v.left(eq), Value::fromLiteral(v.mid(eq + 1)));
        } else if (a == QLatin1String("--create")) {
            create = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--format")) {
            const QString v = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
            if (v == QLatin1String("table"))
                format = Format::Table;
            else if (v == QLatin1String("csv"))
                format = Format::Csv;
            else if (v == QLatin1String("json"))
                format = Format::Json;
            else
                return ctx.usage(QStringLiteral("unknown format \"%1\" (use table, csv or json)").arg(v));
        } else if (QRegularExpression(QStringLiteral("^--[a-z][a-z-]*$")).match(a).hasMatch()) {
            // Only option-shaped words: SQL may itself start with a "--" comment.
            return ctx.usage(QStringLiteral("unknown option %1 for query").arg(a));
        } else {
            positional << a;
            ++i;
        }
    }
    if (positional.size() != 2)
        return ctx.usage(QStringLiteral("query takes DB and SQL (got %1 arguments)").arg(positional.size()));
    const QString path = positional.at(0);
    const QString sql = positional.at(1);
    if (isBlankSql(sql.toUtf8()))
        return ctx.usage(QStringLiteral("no SQL given"));
    // A mistyped path must not become a new, empty database.
    OpenOptions open;
    open.create = create;
    if (auto o = await(ctx.manager().open(path, open)); !o) {
        const Error &e = o.error();
        if (!create && e.kind() == Error::Kind::Io && e.extendedCode() == SQLITE_CANTOPEN)
            return ctx.fail(QStringLiteral("%1 (--create makes a new database)").arg(e.message()));
        return ctx.fail(e.message());
    }
    ExecOptions opts;
    opts.route = Route::Writer;
    auto r = await(ctx.manager().executeScript(path, sql, params, opts));
    if (!r)
        return ctx.fail(r.error().message());
    for (const StatementResult &s : r.value().statements)
        if (s.returnsRows)
            writeRows(ctx.out(), s.rows, format);
    // The process ends here, and SQLite would roll an open transaction back
    // without a word: say so, and fail, rather than exit 0 with nothing saved.
    if (ctx.manager().transactionState(path).active) {
        auto rb = await(ctx.manager().rollback(path));
        return ctx.fail(rb ? QStringLiteral("the SQL left a transaction open (BEGIN or SAVEPOINT without COMMIT or "
                                            "RELEASE); it was rolled back and nothing it changed was saved. End it "
                                            "with COMMIT to keep it.")
                           : QStringLiteral("the SQL left a transaction open (BEGIN or SAVEPOINT without COMMIT or "
                                            "RELEASE), and rolling it back failed: %1").arg(rb.error().message()));
    }
    return Ok;
}

} // namespace LitehouseCli
