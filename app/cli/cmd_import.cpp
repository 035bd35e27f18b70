#include "clicontext.h"
#include "commands.h"

#include <core/io/importer.h>
#include <core/io/sqldump.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

#include <sqlite3.h>

namespace LitehouseCli {

using namespace Litehouse;

namespace {

// One character, or a name for one ("tab", "\t").
std::optional<QChar> parseChar(const QString &v)
{
    if (v == QLatin1String("tab") || v == QLatin1String("\\t"))
        return QChar(u'\t');
    if (v == QLatin1String("none"))
        return QChar();
    if (v.size() == 1)
        return v.at(0);
    return std::nullopt;
}

int openExisting(CliContext &ctx, const QString &path, bool create)
{
    OpenOptions open;
    open.create = create;
    if (auto o = await(ctx.manager().open(path, open)); !o) {
        const Error &e = o.error();
        if (!create && e.kind() == Error::Kind::Io && e.extendedCode() == SQLITE_CANTOPEN)
            return ctx.fail(QStringLiteral("%1 (--create makes a new database)").arg(e.message()));
        return ctx.fail(e.message());
    }
    return Ok;
}

} // namespace

int runImport(CliContext &ctx, QStringList args)
{
    ImportOptions o;
    std::optional<ImportFormat> format;
    bool create = false;
    QList<QPair<QString, ImportType>> types;
    QStringList positional;
    for (qsizetype i = 0; i < args.size();) {
        const QString a = args.at(i);
        QString err;
        auto value = [&] { return takeValue(args, i, &err); };
        if (a == QLatin1String("--table")) {
            o.table = value();
        } else if (a == QLatin1String("--format")) {
            const QString v = value();
            if (v == QLatin1String("csv")) {
                format = ImportFormat::Csv;
            } else if (v == QLatin1String("tsv")) {
                format = ImportFormat::Csv;
                o.separator = QLatin1Char('\t');
            } else if (v == QLatin1String("json")) {
                format = ImportFormat::Json;
            } else if (err.isEmpty()) {
                return ctx.usage(QStringLiteral("unknown format \"%1\" (use csv, tsv or json)").arg(v));
            }
        } else if (a == QLatin1String("--separator")) {
            const QString v = value();
            const auto c = parseChar(v);
            if (err.isEmpty() && (!c || c->isNull()))
                return ctx.usage(QStringLiteral("--separator takes one character or \"tab\", got \"%1\"").arg(v));
            if (c)
                o.separator = *c;
        } else if (a == QLatin1String("--quote")) {
            const QString v = value();
            const auto c = parseChar(v);
            if (err.isEmpty() && !c)
                return ctx.usage(QStringLiteral("--quote takes one character or \"none\", got \"%1\"").arg(v));
            if (c)
                o.quote = *c;
        } else if (a == QLatin1String("--encoding")) {
            const QString v = value();
            const auto e = parseTextEncoding(v);
            if (err.isEmpty() && !e)
                return ctx.usage(QStringLiteral("unknown encoding \"%1\" (use auto, utf-8, utf-16 or latin-1)").arg(v));
            if (e)
                o.encoding = *e;
        } else if (a == QLatin1String("--match")) {
            const QString v = value();
            if (v == QLatin1String("name"))
                o.match = ImportMatch::Name;
            else if (v == QLatin1String("position"))
                o.match = ImportMatch::Position;
            else if (err.isEmpty())
                return ctx.usage(QStringLiteral("--match takes name or position, got \"%1\"").arg(v));
        } else if (a == QLatin1String("--type")) {
            const QString v = value();
            const qsizetype eq = v.lastIndexOf(QLatin1Char('='));
            const auto t = eq > 0 ? parseImportType(v.mid(eq + 1)) : std::nullopt;
            if (err.isEmpty() && !t)
                return ctx.usage(QStringLiteral("--type takes COLUMN=TYPE with TYPE auto, integer, real, text or blob; got \"%1\"").arg(v));
            if (t)
                types.append({v.left(eq), *t});
        } else if (a == QLatin1String("--no-header")) {
            o.header = false;
            args.removeAt(i);
        } else if (a == QLatin1String("--existing")) {
            o.createTable = false;
            args.removeAt(i);
        } else if (a == QLatin1String("--empty-text-null")) {
            o.emptyTextIsNull = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--create")) {
            create = true;
            args.removeAt(i);
        } else if (a.startsWith(QLatin1String("--"))) {
            return ctx.usage(QStringLiteral("unknown option %1 for import").arg(a));
        } else {
            positional << a;
            ++i;
        }
        if (!err.isEmpty())
            return ctx.usage(err);
    }
    if (positional.size() != 2)
        return ctx.usage(QStringLiteral("import takes DB and FILE (got %1 arguments)").arg(positional.size()));
    if (o.table.isEmpty())
        return ctx.usage(QStringLiteral("import needs --table NAME"));
    const QString db = positional.at(0);
    o.path = positional.at(1);
    if (format) {
        o.format = *format;
    } else {
        const QString suffix = QFileInfo(o.path).suffix().toLower();
        if (suffix == QLatin1String("json") || suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
            o.format = ImportFormat::Json;
        else if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
            o.separator = QLatin1Char('\t');
    }
    if (!types.isEmpty()) {
        // Types are given by column name: the file names its columns.
        auto p = previewImport(o, 1);
        if (!p)
            return ctx.fail(p.error().message());
        for (const QString &name : p.value().columns)
            o.columns.append({name, ImportType::Auto});
        for (const auto &[name, type] : types) {
            auto it = std::find_if(o.columns.begin(), o.columns.end(),
                                   [&](const ImportColumn &c) { return c.name.compare(name, Qt::CaseInsensitive) == 0; });
            if (it == o.columns.end())
                return ctx.usage(QStringLiteral("--type names \"%1\", which is not a column of %2 (it has %3)")
                                     .arg(name, o.path, p.value().columns.join(QStringLiteral(", "))));
            it->type = type;
        }
    }
    if (int rc = openExisting(ctx, db, create); rc != Ok)
        return rc;
    auto r = await(importFile(ctx.manager(), db, o));
    if (!r)
        return ctx.fail(r.error().message());
    ctx.out() << (r.value().rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(r.value().rows))
              << (r.value().created ? " imported into the new table " : " imported into ") << r.value().table << '\n';
    return Ok;
}

int runDump(CliContext &ctx, QStringList args)
{
    QString out;
    QStringList positional;
    for (qsizetype i = 0; i < args.size();) {
        const QString a = args.at(i);
        QString err;
        if (a == QLatin1String("--out")) {
            out = takeValue(args, i, &err);
            if (!err.isEmpty())
                return ctx.usage(err);
        } else if (a.startsWith(QLatin1String("--"))) {
            return ctx.usage(QStringLiteral("unknown option %1 for dump").arg(a));
        } else {
            positional << a;
            ++i;
        }
    }
    if (positional.size() != 1)
        return ctx.usage(QStringLiteral("dump takes DB (got %1 arguments)").arg(positional.size()));
    const QString db = positional.at(0);
    if (int rc = openExisting(ctx, db, false); rc != Ok)
        return rc;
    if (!out.isEmpty()) {
        auto r = await(dumpDatabase(ctx.manager(), db, out));
        if (!r)
            return ctx.fail(r.error().message());
        return Ok;
    }
    ctx.out().flush();
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return ctx.fail(QStringLiteral("cannot write to standard output"));
    auto r = await(dumpDatabase(ctx.manager(), db, &stdoutFile));
    stdoutFile.flush();
    if (!r)
        return ctx.fail(r.error().message());
    return Ok;
}

} // namespace LitehouseCli
