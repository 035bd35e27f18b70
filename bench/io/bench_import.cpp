// Import benchmark: a CSV file of N rows (default 1,000,000) imported into a
// new table by `litehouse-cli import` and by `sqlite3 .import`, side by side
// (runs interleaved), each as its own process: wall time, rows/s and peak
// resident memory (the child's ru_maxrss). Not a test.
//
//   litehouse-bench-import [--rows N] [--runs R] [--cli PATH] [--keep DIR]

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <fcntl.h>
#include <vector>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Run
{
    double seconds = 0;
    long maxRssKb = 0;
    int exitCode = -1;
};

Run spawn(const QStringList &args, const QString &stdinFile = {})
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (!stdinFile.isEmpty())
        posix_spawn_file_actions_addopen(&fa, 0, QFile::encodeName(stdinFile).constData(), O_RDONLY, 0);
    QList<QByteArray> storage;
    for (const QString &a : args)
        storage << a.toLocal8Bit();
    std::vector<char *> argv;
    for (QByteArray &b : storage)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    pid_t pid = -1;
    Run r;
    if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return r;
    }
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.seconds = double(t.nsecsElapsed()) / 1e9;
    r.maxRssKb = usage.ru_maxrss;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

QString count(const QString &db)
{
    QTemporaryDir d;
    const QString out = d.filePath(QStringLiteral("count"));
    const QByteArray cmd = "sqlite3 '" + QFile::encodeName(db) + "' 'SELECT count(*) FROM t' > '" + QFile::encodeName(out) + "'";
    if (std::system(cmd.constData()) != 0)
        return QStringLiteral("?");
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QStringLiteral("?");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 rows = 1000000;
    int runs = 3;
    QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/cli/litehouse-cli");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--rows"))
            rows = args.at(i + 1).toLongLong();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--cli"))
            cli = args.at(i + 1);
    }
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    {
        QFile f(csv);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        QByteArray buf = "id,name,value,note\n";
        for (qint64 i = 0; i < rows; ++i) {
            buf += QByteArray::number(i) + ",name " + QByteArray::number(i * 7919 % 100003) + "," +
                   QByteArray::number(double(i) / 7.0, 'g', 12) +
                   (i % 10 == 0 ? QByteArray(",\"quoted, with a comma and \"\"quotes\"\"\"\n") : QByteArray(",plain note text\n"));
            if (buf.size() > (1 << 20)) {
                f.write(buf);
                buf.clear();
            }
        }
        f.write(buf);
    }
    const double mb = double(QFile(csv).size()) / 1e6;
    printf("import of %lld rows (%.1f MB CSV, 4 columns), %d runs each, interleaved\n", rows, mb, runs);
    printf("%-26s %10s %12s %14s %10s\n", "", "seconds", "rows/s", "peak RSS (MB)", "rows");
    struct Impl
    {
        const char *name;
        std::function<Run(const QString &db)> run;
        QList<Run> results;
        QString rowsIn;
    };
    std::vector<Impl> impls;
    impls.push_back({"sqlite3 .import", [&](const QString &db) {
                         // .import creates the table from the header, all columns TEXT.
                         const QString script = dir.filePath(QStringLiteral("import.sql"));
                         QFile s(script);
                         if (s.open(QIODevice::WriteOnly))
                             s.write(".mode csv\n.import '" + QFile::encodeName(csv) + "' t\n");
                         s.close();
                         return spawn({QStringLiteral("sqlite3"), db}, script);
                     }, {}, {}});
    impls.push_back({"litehouse-cli import", [&](const QString &db) {
                         return spawn({cli, QStringLiteral("--no-history"), QStringLiteral("import"), QStringLiteral("--create"), db, csv,
                                       QStringLiteral("--table"), QStringLiteral("t")});
                     }, {}, {}});
    for (int r = 0; r < runs; ++r) {
        for (Impl &impl : impls) {
            const QString db = dir.filePath(QStringLiteral("%1-%2.db").arg(r).arg(impl.name[0] == 's' ? "sqlite3" : "litehouse"));
            const Run result = impl.run(db);
            if (result.exitCode != 0) {
                fprintf(stderr, "%s failed (exit %d)\n", impl.name, result.exitCode);
                return 1;
            }
            impl.results << result;
            impl.rowsIn = count(db);
            QFile::remove(db);
            QFile::remove(db + QStringLiteral("-wal"));
            QFile::remove(db + QStringLiteral("-shm"));
        }
    }
    for (const Impl &impl : impls) {
        QList<double> secs;
        long rss = 0;
        for (const Run &r : impl.results) {
            secs << r.seconds;
            rss = std::max(rss, r.maxRssKb);
        }
        std::sort(secs.begin(), secs.end());
        const double median = secs.at(secs.size() / 2);
        printf("%-26s %10.2f %12.0f %14.1f %10s\n", impl.name, median, double(rows) / median, double(rss) / 1024.0,
               qPrintable(impl.rowsIn));
    }
    printf("(median of the runs; peak RSS the largest of them)\n");
    return 0;
}
