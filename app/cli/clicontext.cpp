#include "clicontext.h"

#include <cstdio>

namespace LitehouseCli {

CliContext::CliContext() : m_manager(std::make_unique<Litehouse::Manager>()), m_out(stdout)
{
    m_out.setEncoding(QStringConverter::Utf8);
}

CliContext::~CliContext()
{
    m_out.flush();
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
