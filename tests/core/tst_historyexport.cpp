// Exports: every format x mode read back item by item, CSV also through
// Python's csv module, malformed files left untouched, failed writes leave
// no temporary file, formula neutralisation.

#include "testutil.h"

#include <core/history/historyexport.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <sys/resource.h>

#include <csignal>

using namespace Litehouse;
using namespace LitehouseTest;

Q_DECLARE_METATYPE(Litehouse::ExportFormat)
Q_DECLARE_METATYPE(Litehouse::ExportMode)

namespace {

HistoryItem item(qint64 id, const QString &sql, const QString &error = {})
{
    HistoryItem it;
    it.id = id;
    it.timestampMs = 1795842760123LL + id * 1001; // 2026-11-28T...
    it.database = QStringLiteral("/data/shop, \"main\".db");
    it.alias = id % 2 ? QStringLiteral("shop") : QString();
    it.sql = sql;
    it.params = id % 2 ? QStringLiteral("[42,\"x,y\",null,1.5]") : QString();
    it.kind = QStringLiteral("query");
    it.outcome = error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("error");
    it.error = error;
    it.rowsReturned = id * 3;
    it.rowsAffected = id % 3;
    it.durationMs = 0.125 * double(id) + 0.001;
    return it;
}

// Old versions of items 1..3 in the file, new versions of 2..4 selected.
QList<HistoryItem> oldItems()
{
    return {item(1, QStringLiteral("SELECT 1")), item(2, QStringLiteral("old two")), item(3, QStringLiteral("old three"))};
}

QList<HistoryItem> newItems()
{
    return {item(2, QStringLiteral("=HYPERLINK(\"http://x\")"), QStringLiteral("no such table: größe, \"t\"")),
            item(3, QStringLiteral("-- comment\nSELECT 'line\r\nbreak', \"q\"")),
            item(4, QStringLiteral("@SUM(1) -- größe ✓ 𝄞"))};
}

QList<HistoryItem> expected(ExportMode mode)
{
    const auto o = oldItems();
    const auto n = newItems();
    switch (mode) {
    case ExportMode::Overwrite: return n;
    case ExportMode::Append: return o + n;
    case ExportMode::Update: return {o[0], n[0], n[1], n[2]};
    case ExportMode::Extend: return {o[0], o[1], o[2], n[2]};
    }
    return {};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString unneutralise(const QString &cell)
{
    if (cell.size() > 1 && cell.startsWith(QLatin1Char('\'')) && QStringLiteral("=+-@\t\r").contains(cell.at(1)))
        return cell.mid(1);
    return cell;
}

} // namespace

class TestHistoryExport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    QString freshPath(const QString &ext) { return m_dir.filePath(QStringLiteral("export%1.%2").arg(++m_n).arg(ext)); }

    static QString ext(ExportFormat f)
    {
        return f == ExportFormat::Json ? QStringLiteral("json") : f == ExportFormat::Csv ? QStringLiteral("csv") : QStringLiteral("txt");
    }

    static void compareJson(const QString &path, const QList<HistoryItem> &want)
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        const QJsonArray a = doc.array();
        QCOMPARE(a.size(), want.size());
        for (int i = 0; i < a.size(); ++i) {
            const QJsonObject o = a.at(i).toObject();
            QCOMPARE(o.keys().size(), 12);
            HistoryItem got;
            QString err;
            QVERIFY2(HistoryItem::fromJson(o, &got, &err), qPrintable(err));
            QCOMPARE(got.id, want[i].id);
            QCOMPARE(got.sql, want[i].sql);
            QCOMPARE(got.error, want[i].error);
            QCOMPARE(got.params, want[i].params);
            QCOMPARE(o.value(QStringLiteral("timestamp")).toString(), want[i].timestampIso());
            QVERIFY(got == want[i]);
            // Parameters are JSON values, not strings.
            QCOMPARE(o.value(QStringLiteral("params")).isArray(), !want[i].params.isEmpty());
        }
    }

    static void compareCsv(const QString &path, const QList<HistoryItem> &want, bool keepFormulas)
    {
        // Python's csv module is the reader: other tools must read our CSV.
        Child py;
        QVERIFY(py.start(QStringLiteral("python3"),
                         {QStringLiteral("-c"),
                          QStringLiteral("import csv, json, sys\n"
                                         "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                         "    r = list(csv.reader(f, strict=True))\n"
                                         "print(json.dumps(r))\n"),
                          path}));
        py.closeWrite();
        QVERIFY(py.waitForFinished(30000));
        QVERIFY2(py.exitCode() == 0, py.takeError().constData());
        const QJsonArray rows = QJsonDocument::fromJson(py.takeOutput()).array();
        QCOMPARE(rows.size(), want.size() + 1);
        QStringList header;
        for (const auto &v : rows.at(0).toArray())
            header << v.toString();
        QCOMPARE(header, HistoryItem::fieldNames());
        for (int i = 0; i < want.size(); ++i) {
            const QJsonArray r = rows.at(i + 1).toArray();
            QCOMPARE(r.size(), 12);
            const HistoryItem &w = want[i];
            const QStringList wantCells = {QString::number(w.id), w.timestampIso(), w.database, w.alias, w.sql, w.params,
                                           w.kind, w.outcome, w.error, QString::number(w.rowsReturned),
                                           QString::number(w.rowsAffected), w.durationText()};
            for (int c = 0; c < 12; ++c) {
                const QString cell = r.at(c).toString();
                if (!keepFormulas && !cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(wantCells[c].left(1))
                    && !HistoryExport::isPlainNumber(wantCells[c]))
                    QVERIFY2(cell.startsWith(QLatin1Char('\'')), qPrintable(cell)); // neutralised
                QCOMPARE(keepFormulas ? cell : unneutralise(cell), wantCells[c]);
            }
            QCOMPARE(r.at(11).toString().toDouble(), w.durationMs);
        }
    }

    static void compareTxt(const QString &path, const QList<HistoryItem> &want)
    {
        const QString text = QString::fromUtf8(readAll(path));
        static const QRegularExpression head(QStringLiteral("^#(\\d+) (\\S+) (.*) (\\S+) (\\S+) (\\S+)ms$"));
        const QStringList blocks = text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
        QCOMPARE(blocks.size(), want.size());
        for (int i = 0; i < want.size(); ++i) {
            QStringList lines = blocks[i].split(QLatin1Char('\n'));
            const auto m = head.match(lines.takeFirst());
            QVERIFY(m.hasMatch());
            const HistoryItem &w = want[i];
            QCOMPARE(m.captured(1).toLongLong(), w.id);
            QCOMPARE(m.captured(2), w.timestampIso());
            QCOMPARE(m.captured(3), w.database);
            QCOMPARE(m.captured(4), w.kind);
            QCOMPARE(m.captured(5), w.outcome);
            QCOMPARE(m.captured(6).toDouble(), w.durationMs);
            QString err;
            if (!w.error.isEmpty()) {
                QVERIFY(lines.last().startsWith(QLatin1String("error: ")));
                err = lines.takeLast().mid(7);
            }
            QCOMPARE(lines.join(QLatin1Char('\n')), w.sql);
            QCOMPARE(err, w.error);
        }
    }

private Q_SLOTS:
    void everyFormatAndMode_data()
    {
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<ExportMode>("mode");
        QTest::addColumn<bool>("keepFormulas");
        const QList<QPair<const char *, ExportFormat>> formats = {
            {"json", ExportFormat::Json}, {"csv", ExportFormat::Csv}, {"txt", ExportFormat::Txt}};
        const QList<QPair<const char *, ExportMode>> modes = {{"overwrite", ExportMode::Overwrite},
                                                             {"append", ExportMode::Append},
                                                             {"update", ExportMode::Update},
                                                             {"extend", ExportMode::Extend}};
        for (const auto &[fn, f] : formats)
            for (const auto &[mn, m] : modes)
                QTest::addRow("%s-%s", fn, mn) << f << m << false;
        for (const auto &[mn, m] : modes)
            QTest::addRow("csv-%s-keep-formulas", mn) << ExportFormat::Csv << m << true;
    }

    void everyFormatAndMode()
    {
        QFETCH(ExportFormat, format);
        QFETCH(ExportMode, mode);
        QFETCH(bool, keepFormulas);
        const QString path = freshPath(ext(format));
        ExportOptions o{format, ExportMode::Overwrite, keepFormulas};
        auto first = HistoryExport::write(path, oldItems(), o);
        QVERIFY2(first.ok(), qPrintable(first.error().message()));
        const QByteArray before = readAll(path);
        o.mode = mode;
        auto r = await(HistoryExport::writeAsync(path, newItems(), o));
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        const QList<HistoryItem> want = expected(mode);
        QCOMPARE(r.value().total, want.size());
        if (mode == ExportMode::Update)
            QCOMPARE(r.value().replaced, 2);
        if (mode == ExportMode::Extend) {
            QCOMPARE(r.value().skipped, 2);
            QVERIFY(readAll(path).startsWith(before.left(before.size() - 4))); // own entries kept as they were
        }
        if (format == ExportFormat::Json)
            compareJson(path, want);
        else if (format == ExportFormat::Csv)
            compareCsv(path, want, keepFormulas);
        else
            compareTxt(path, want);
        if (format == ExportFormat::Csv)
            QCOMPARE(readAll(path).count("id,timestamp,database"), 1); // one header, also after append
        // The merge is stable: the same export again changes nothing for update and extend.
        if (mode == ExportMode::Update || mode == ExportMode::Extend) {
            const QByteArray once = readAll(path);
            QVERIFY(HistoryExport::write(path, newItems(), o).ok());
            QCOMPARE(readAll(path), once);
        }
    }

    void missingOrEmptyFileHoldsNothing_data()
    {
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<bool>("create");
        for (auto f : {ExportFormat::Json, ExportFormat::Csv, ExportFormat::Txt}) {
            QTest::addRow("%s-missing", qPrintable(ext(f))) << f << false;
            QTest::addRow("%s-empty", qPrintable(ext(f))) << f << true;
        }
    }

    void missingOrEmptyFileHoldsNothing()
    {
        QFETCH(ExportFormat, format);
        QFETCH(bool, create);
        const QString path = freshPath(ext(format));
        if (create) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto r = HistoryExport::write(path, newItems(), {format, ExportMode::Extend, false});
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(r.value().added, 3);
        QCOMPARE(r.value().total, 3);
        if (format == ExportFormat::Json)
            compareJson(path, newItems());
        else if (format == ExportFormat::Txt)
            compareTxt(path, newItems());
        else
            compareCsv(path, newItems(), false);
    }

    void ownEntriesKeptByteForByte()
    {
        const QString path = freshPath(QStringLiteral("json"));
        const QByteArray own = "[\n  {\n    \"sql\": \"mine\", \"id\": 7,\n    \"custom\": [1, 2]\n  }\n]\n";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(own);
        f.close();
        QVERIFY(HistoryExport::write(path, newItems(), {ExportFormat::Json, ExportMode::Extend, false}).ok());
        const QByteArray after = readAll(path);
        QVERIFY(after.contains("{\n    \"sql\": \"mine\", \"id\": 7,\n    \"custom\": [1, 2]\n  }"));
        QCOMPARE(QJsonDocument::fromJson(after).array().size(), 4);
    }

    void malformedFileUntouched_data()
    {
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<ExportMode>("mode");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::newRow("json-syntax") << ExportFormat::Json << ExportMode::Append << QByteArray("[\n{\"id\": 1},\n{\"id\": 2,,}\n]") << 3;
        QTest::newRow("json-not-array") << ExportFormat::Json << ExportMode::Update << QByteArray("{\"id\": 1}") << 1;
        QTest::newRow("json-no-id") << ExportFormat::Json << ExportMode::Extend << QByteArray("[\n{\"id\": 1},\n{\"sql\": \"x\"}\n]") << 3;
        QTest::newRow("csv-header") << ExportFormat::Csv << ExportMode::Append << QByteArray("a,b,c\r\n1,2,3\r\n") << 1;
        QTest::newRow("csv-unclosed") << ExportFormat::Csv << ExportMode::Update
                                      << (HistoryItem::fieldNames().join(QLatin1Char(',')).toUtf8() + "\r\n1,2,3,4,5,6,7,8,9,10,11,12\r\n\"open,\r\n") << 3;
        QTest::newRow("csv-fields") << ExportFormat::Csv << ExportMode::Extend
                                    << (HistoryItem::fieldNames().join(QLatin1Char(',')).toUtf8() + "\n1,2,3,4,5,6,7,8,9,10,11,12\n1,2\n") << 3;
        QTest::newRow("txt-garbage") << ExportFormat::Txt << ExportMode::Update << QByteArray("\nhello world\n") << 2;
        QTest::newRow("txt-bad-head") << ExportFormat::Txt << ExportMode::Extend
                                      << QByteArray("#1 2026-11-28T05:12:40.123Z /db query ok 1ms\nSELECT 1\n\n#2 broken\n") << 4;
    }

    void malformedFileUntouched()
    {
        QFETCH(ExportFormat, format);
        QFETCH(ExportMode, mode);
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.") + ext(format));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto r = HistoryExport::write(path, newItems(), {format, mode, false});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().startsWith(QStringLiteral("%1:%2: ").arg(path).arg(line)), qPrintable(r.error().message()));
        QCOMPARE(readAll(path), content);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("bad.") + ext(format)});
    }

    void parentIsAFileFailsWithoutTemporaryFile()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString path = blocker + QStringLiteral("/out.csv");
        auto r = HistoryExport::write(path, newItems(), {ExportFormat::Csv, ExportMode::Overwrite, false});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().startsWith(QStringLiteral("cannot write %1: ").arg(path)), qPrintable(r.error().message()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("blocker")});
    }

    void readOnlyFolderFailsWithoutTemporaryFile()
    {
        QTemporaryDir dir;
        const QString ro = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(ro));
        const QString path = ro + QStringLiteral("/out.json");
        // An existing export inside: it must stay as it is.
        QVERIFY(HistoryExport::write(path, oldItems(), {ExportFormat::Json, ExportMode::Overwrite, false}).ok());
        const QByteArray before = readAll(path);
        QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                              | QFileDevice::ExeGroup));
        QFile probe(ro + QStringLiteral("/probe"));
        const bool writable = probe.open(QIODevice::WriteOnly);
        if (writable) {
            probe.close();
            probe.remove();
            QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QSKIP("running as root: a read-only folder does not stop writes (parentIsAFile covers the failure path)");
        }
        auto r = HistoryExport::write(path, newItems(), {ExportFormat::Json, ExportMode::Update, false});
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(path), qPrintable(r.error().message()));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(ro).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("out.json")});
    }

    void writeFailingMidwayKeepsOldFileAndLeavesNoTemporary()
    {
        // Works as root too: the file size limit stops every user.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.csv"));
        QVERIFY(HistoryExport::write(path, oldItems(), {ExportFormat::Csv, ExportMode::Overwrite, false}).ok());
        const QByteArray before = readAll(path);
        QList<HistoryItem> many;
        for (int i = 0; i < 5000; ++i)
            many.append(item(10 + i, QStringLiteral("SELECT %1 FROM a_rather_long_table_name WHERE x = 1").arg(i)));
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = old;
        small.rlim_cur = 64 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        auto r = HistoryExport::write(path, many, {ExportFormat::Csv, ExportMode::Append, false});
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().startsWith(QStringLiteral("cannot write %1: ").arg(path)), qPrintable(r.error().message()));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("big.csv")});
    }

    void formulaNeutralisation_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QByteArray>("neutralised");
        QTest::addColumn<QByteArray>("kept");
        QTest::newRow("equals") << QStringLiteral("=1+1") << QByteArray("'=1+1") << QByteArray("=1+1");
        QTest::newRow("plus") << QStringLiteral("+A1") << QByteArray("'+A1") << QByteArray("+A1");
        QTest::newRow("minus-text") << QStringLiteral("-- x") << QByteArray("'-- x") << QByteArray("-- x");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)") << QByteArray("@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\tx") << QByteArray("'\tx") << QByteArray("\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QByteArray("\"'\rx\"") << QByteArray("\"\rx\"");
        QTest::newRow("negative") << QStringLiteral("-12") << QByteArray("-12") << QByteArray("-12");
        QTest::newRow("signed-real") << QStringLiteral("+1.5e3") << QByteArray("+1.5e3") << QByteArray("+1.5e3");
        QTest::newRow("minus-alone") << QStringLiteral("-") << QByteArray("'-") << QByteArray("-");
        QTest::newRow("quote-comma") << QStringLiteral("=\"a\",b") << QByteArray("\"'=\"\"a\"\",b\"") << QByteArray("\"=\"\"a\"\",b\"");
        QTest::newRow("plain") << QStringLiteral("SELECT 1") << QByteArray("SELECT 1") << QByteArray("SELECT 1");
        QTest::newRow("inner-equals") << QStringLiteral("a=1") << QByteArray("a=1") << QByteArray("a=1");
    }

    void formulaNeutralisation()
    {
        QFETCH(QString, cell);
        QFETCH(QByteArray, neutralised);
        QFETCH(QByteArray, kept);
        QCOMPARE(HistoryExport::csvCell(cell, false), neutralised);
        QCOMPARE(HistoryExport::csvCell(cell, true), kept);
    }

    void timestampFormat()
    {
        HistoryItem it;
        it.timestampMs = QDateTime(QDate(2026, 11, 28), QTime(5, 12, 40, 123), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(it.timestampIso(), QStringLiteral("2026-11-28T05:12:40.123Z"));
        it.timestampMs = QDateTime(QDate(2000, 2, 29), QTime(23, 59, 59, 7), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(it.timestampIso(), QStringLiteral("2000-02-29T23:59:59.007Z"));
        for (qint64 ms : {0LL, 951868800000LL, 1795842760123LL, 4102444799999LL})
            QCOMPARE(HistoryItem::formatTimestamp(ms),
                     QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
    }
};

QTEST_GUILESS_MAIN(TestHistoryExport)
#include "tst_historyexport.moc"
