// Import of CSV/TSV and JSON files into new and existing tables.

#include "testutil.h"

#include <core/io/importer.h>

#include <QFile>

#include <atomic>

using namespace Litehouse;
using namespace LitehouseTest;

namespace {

QString shell(const QString &db, const QString &sql)
{
    return QString::fromUtf8(sqlite3Shell(db, {QStringLiteral("-batch"), QStringLiteral("-cmd"), sql})).trimmed();
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Manager> m_manager;
    QString m_db;
    int m_n = 0;

    QString write(const QByteArray &bytes, const QString &suffix = QStringLiteral("csv"))
    {
        const QString p = m_dir.filePath(QStringLiteral("f%1.%2").arg(++m_n).arg(suffix));
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(p));
        f.write(bytes);
        return p;
    }
    ImportOptions csv(const QString &path, const QString &table)
    {
        ImportOptions o;
        o.path = path;
        o.table = table;
        return o;
    }
    Outcome<ImportResult> run(const ImportOptions &o, std::function<void(const ImportProgress &)> progress = {},
                              const CancelToken &cancel = {})
    {
        return await(importFile(*m_manager, m_db, o, std::move(progress), cancel));
    }
    bool tableExists(const QString &t) { return shell(m_db, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = '%1'").arg(t)) == QLatin1String("1"); }

private Q_SLOTS:
    void init()
    {
        m_manager = std::make_unique<Manager>();
        m_db = m_dir.filePath(QStringLiteral("import%1.db").arg(++m_n));
        QVERIFY(LH_OK(m_manager->open(m_db)).ok());
    }
    void cleanup() { m_manager.reset(); }

    void quotedNewlinesAndDoubledQuotes()
    {
        const QString p = write("id,name,note\r\n"
                                "1,\"two\nlines\",\"say \"\"hi\"\"\"\r\n"
                                "2,plain,\"a,b\"\r\n"
                                "3,\"\",\r\n");
        auto r = run(csv(p, QStringLiteral("t")));
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(r.value().rows, 3);
        QVERIFY(r.value().created);
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(id || ':' || typeof(id) || ':' || quote(name) || ':' || quote(note), '|') FROM t")),
                 QStringLiteral("1:integer:'two\nlines':'say \"hi\"'|2:integer:'plain':'a,b'|3:integer:NULL:NULL"));
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        const QString text = QStringLiteral("name,city\nGröße,Zürich\n");
        QTest::newRow("utf-8") << text.toUtf8() << int(TextEncoding::Auto);
        QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << int(TextEncoding::Auto);
        QTest::newRow("utf-8 bom, chosen") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << int(TextEncoding::Utf8);
        QByteArray le("\xFF\xFE"), be("\xFE\xFF");
        for (QChar c : text) {
            le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
        }
        QTest::newRow("utf-16le bom") << le << int(TextEncoding::Auto);
        QTest::newRow("utf-16be bom") << be << int(TextEncoding::Auto);
        QTest::newRow("utf-16be bom, chosen") << be << int(TextEncoding::Utf16);
        QTest::newRow("latin-1") << text.toLatin1() << int(TextEncoding::Latin1);
    }
    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        ImportOptions o = csv(write(bytes), QStringLiteral("t"));
        o.encoding = TextEncoding(encoding);
        auto r = run(o);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        // The byte-order mark is not part of the first column's name.
        QCOMPARE(shell(m_db, QStringLiteral("SELECT name || '/' || city FROM t")), QStringLiteral("Größe/Zürich"));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(name, ',') FROM pragma_table_info('t')")), QStringLiteral("name,city"));
    }

    void invalidUtf8NamesTheLine()
    {
        const QString p = write("a\nok\nfine\nbad \xFF byte\n");
        auto r = run(csv(p, QStringLiteral("t")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("line 4")), qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains(QLatin1String("Latin-1")));
        QVERIFY(!tableExists(QStringLiteral("t")));
    }

    void emptyFile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("json");
        QTest::newRow("no bytes") << QByteArray() << false;
        QTest::newRow("only a bom") << QByteArray("\xEF\xBB\xBF") << false;
        QTest::newRow("blank lines") << QByteArray("\n\r\n\n") << false;
        QTest::newRow("json, no bytes") << QByteArray() << true;
        QTest::newRow("json, empty array") << QByteArray(" [ ]\n") << true;
    }
    void emptyFile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, json);
        ImportOptions o = csv(write(bytes, json ? QStringLiteral("json") : QStringLiteral("csv")), QStringLiteral("t"));
        o.format = json ? ImportFormat::Json : ImportFormat::Csv;
        auto r = run(o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("is empty")), qPrintable(r.error().message()));
        QVERIFY(!tableExists(QStringLiteral("t")));
        auto p = previewImport(o);
        QVERIFY(!p.ok());
        QVERIFY(p.error().message().contains(QLatin1String("is empty")));
    }

    void wrongColumnCountWritesNothing_data()
    {
        QTest::addColumn<int>("badLine");
        QTest::addColumn<bool>("existing");
        QTest::newRow("in the sample, new table") << 4 << false;
        QTest::newRow("past the sample, new table") << 3000 << false;
        QTest::newRow("past the sample, existing table") << 3000 << true;
    }
    void wrongColumnCountWritesNothing()
    {
        QFETCH(int, badLine);
        QFETCH(bool, existing);
        QByteArray bytes = "a,b,c\n";
        for (int line = 2; line <= 3100; ++line)
            bytes += line == badLine ? QByteArray("1,2\n") : QByteArray::number(line) + ",x,y\n";
        ImportOptions o = csv(write(bytes), QStringLiteral("t"));
        if (existing) {
            QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT, c TEXT)"))).ok());
            QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("INSERT INTO t VALUES (0, 'kept', 'kept')"))).ok());
            o.createTable = false;
        }
        auto r = run(o);
        QVERIFY(!r.ok());
        const QString msg = r.error().message();
        QVERIFY2(msg.contains(QStringLiteral("line %1:").arg(badLine)), qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("2 fields")) && msg.contains(QLatin1String("3 columns")), qPrintable(msg));
        if (existing)
            QCOMPARE(shell(m_db, QStringLiteral("SELECT count(*) || b FROM t")), QStringLiteral("1kept"));
        else
            QVERIFY(!tableExists(QStringLiteral("t")));
    }

    void badValueNamesLineAndColumn()
    {
        QByteArray bytes = "id,age\n";
        for (int i = 1; i <= 10; ++i)
            bytes += QByteArray::number(i) + (i == 7 ? ",seven\n" : ",42\n");
        ImportOptions o = csv(write(bytes), QStringLiteral("people"));
        o.columns = {{QStringLiteral("id"), ImportType::Integer}, {QStringLiteral("age"), ImportType::Integer}};
        auto r = run(o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("line 8, column \"age\": \"seven\" is not an integer")),
                 qPrintable(r.error().message()));
        QVERIFY(!tableExists(QStringLiteral("people")));
    }

    void constraintFailureNamesLine()
    {
        QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("CREATE TABLE u(id INTEGER PRIMARY KEY, v TEXT NOT NULL)"))).ok());
        ImportOptions o = csv(write("id,v\n1,a\n2,b\n1,c\n"), QStringLiteral("u"));
        o.createTable = false;
        auto r = run(o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("line 4:")), qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains(QLatin1String("UNIQUE")));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT count(*) FROM u")), QStringLiteral("0"));
    }

    void typesAndEmptyFields()
    {
        const QString p = write("i,r,t,zip,b,blank\n"
                                "1,1.5,hello,007,00ff,\n"
                                "-2,2e3,,0123,,\n");
        ImportOptions o = csv(p, QStringLiteral("t"));
        o.columns = {{QStringLiteral("i"), ImportType::Auto}, {QStringLiteral("r"), ImportType::Auto},
                     {QStringLiteral("t"), ImportType::Text}, {QStringLiteral("zip"), ImportType::Auto},
                     {QStringLiteral("b"), ImportType::Blob}, {QStringLiteral("blank"), ImportType::Auto}};
        auto r = run(o);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('t')")),
                 QStringLiteral("i INTEGER, r REAL, t TEXT, zip TEXT, b BLOB, blank TEXT"));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(quote(i) || typeof(i) || ' ' || quote(r) || ' ' || quote(t) || ' ' || "
                                            "quote(zip) || ' ' || quote(b) || ' ' || quote(blank), '|') FROM t")),
                 QStringLiteral("1integer 1.5 'hello' '007' X'00FF' NULL|-2integer 2000.0 '' '0123' NULL NULL"));
    }

    void emptyTextAsNull()
    {
        ImportOptions o = csv(write("a\nx\n\"\"\n"), QStringLiteral("t"));
        o.columns = {{QStringLiteral("a"), ImportType::Text}};
        o.emptyTextIsNull = true;
        QVERIFY(run(o).ok());
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(quote(a), ',') FROM t")), QStringLiteral("'x',NULL"));
    }

    void tsvWithoutHeaderAndQuote()
    {
        ImportOptions o = csv(write("1\t\"quoted\"\tx\n2\tb\ty\n", QStringLiteral("tsv")), QStringLiteral("t"));
        o.separator = QLatin1Char('\t');
        o.quote = QChar();
        o.header = false;
        auto r = run(o);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(r.value().rows, 2);
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(name, ',') FROM pragma_table_info('t')")),
                 QStringLiteral("column1,column2,column3"));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT column2 FROM t WHERE column1 = 1")), QStringLiteral("\"quoted\""));
    }

    void unclosedQuote()
    {
        auto r = run(csv(write("a,b\n1,\"open\n2,x\n"), QStringLiteral("t")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("line 2: a quoted field is not closed")), qPrintable(r.error().message()));
    }

    void existingTableByNameAndPosition()
    {
        QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("CREATE TABLE e(id INTEGER PRIMARY KEY, name TEXT, score REAL DEFAULT 0)"))).ok());
        ImportOptions byName = csv(write("SCORE,Name\n2.5,ann\n3,bob\n"), QStringLiteral("e"));
        byName.createTable = false;
        auto r = run(byName);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY(!r.value().created);
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(id || name || score, ',') FROM e")), QStringLiteral("1ann2.5,2bob3.0"));

        ImportOptions byPosition = csv(write("x,y\n10,cy\n"), QStringLiteral("e"));
        byPosition.createTable = false;
        byPosition.match = ImportMatch::Position;
        QVERIFY(run(byPosition).ok());
        QCOMPARE(shell(m_db, QStringLiteral("SELECT name || score FROM e WHERE id = 10")), QStringLiteral("cy0.0"));

        ImportOptions unknown = csv(write("id,nope\n1,2\n"), QStringLiteral("e"));
        unknown.createTable = false;
        auto u = run(unknown);
        QVERIFY(!u.ok());
        QVERIFY2(u.error().message().contains(QLatin1String("\"nope\" is not a column of \"e\"")), qPrintable(u.error().message()));

        ImportOptions exists = csv(write("a\n1\n"), QStringLiteral("e"));
        auto x = run(exists);
        QVERIFY(!x.ok());
        QVERIFY2(x.error().message().contains(QLatin1String("already exists")), qPrintable(x.error().message()));
    }

    void jsonArrayAndLines_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("array") << QByteArray("[\n {\"id\": 1, \"name\": \"a \\\"q\\\" \\u00e9\", \"price\": 1.5, \"ok\": true, \"tags\": [1, {\"x\": \"}\"}]},\n"
                                             " {\"id\": 2, \"name\": null, \"price\": 2, \"ok\": false}\n]\n");
        QTest::newRow("lines") << QByteArray("{\"id\": 1, \"name\": \"a \\\"q\\\" \\u00e9\", \"price\": 1.5, \"ok\": true, \"tags\": [1, {\"x\": \"}\"}]}\n"
                                             "\n{\"id\": 2, \"name\": null, \"price\": 2, \"ok\": false}\n");
    }
    void jsonArrayAndLines()
    {
        QFETCH(QByteArray, bytes);
        ImportOptions o = csv(write(bytes, QStringLiteral("json")), QStringLiteral("j"));
        o.format = ImportFormat::Json;
        auto r = run(o);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(r.value().rows, 2);
        // Keys in the order written; types from the values.
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('j')")),
                 QStringLiteral("id INTEGER, name TEXT, price REAL, ok INTEGER, tags TEXT"));
        QCOMPARE(shell(m_db, QStringLiteral("SELECT group_concat(quote(id) || ' ' || quote(name) || ' ' || quote(price) || ' ' || quote(ok) || ' ' || quote(tags), '|') FROM j")),
                 QStringLiteral("1 'a \"q\" é' 1.5 1 '[1, {\"x\": \"}\"}]'|2 NULL 2.0 0 NULL"));
    }

    // Objects that cross the reader's 256 KiB chunks, with braces inside strings.
    void jsonAcrossChunks_data()
    {
        QTest::addColumn<bool>("array");
        QTest::newRow("array") << true;
        QTest::newRow("lines") << false;
    }
    void jsonAcrossChunks()
    {
        QFETCH(bool, array);
        QByteArray bytes = array ? "[" : "";
        for (int i = 0; i < 30000; ++i) {
            if (array && i > 0)
                bytes += ",\n";
            bytes += "{\"id\": " + QByteArray::number(i) + ", \"s\": \"{[\\\"}] " + QByteArray::number(i) + "\"}";
            if (!array)
                bytes += "\n";
        }
        if (array)
            bytes += "]";
        QVERIFY(bytes.size() > 3 * 256 * 1024);
        ImportOptions o = csv(write(bytes, QStringLiteral("json")), QStringLiteral("j"));
        o.format = ImportFormat::Json;
        auto r = run(o);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(r.value().rows, 30000);
        QCOMPARE(shell(m_db, QStringLiteral("SELECT sum(id) || ' ' || max(s) FROM j")), QStringLiteral("449985000 {[\"}] 9999"));
    }

    void jsonErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << QByteArray("[{\"a\":1},\n 5]") << QStringLiteral("line 2: expected an object");
        QTest::newRow("bad value") << QByteArray("{\"a\":1}\n{\"a\":\n tru}\n") << QStringLiteral("line 3: not valid JSON");
        QTest::newRow("unclosed array") << QByteArray("[{\"a\":1},\n{\"a\":2}\n") << QStringLiteral("the array is not closed");
        QTest::newRow("not json") << QByteArray("a,b\n1,2\n") << QStringLiteral("line 1: expected an array of objects");
    }
    void jsonErrorsNameTheLine()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        ImportOptions o = csv(write(bytes, QStringLiteral("json")), QStringLiteral("j"));
        o.format = ImportFormat::Json;
        auto r = run(o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(expected), qPrintable(r.error().message()));
        QVERIFY(!tableExists(QStringLiteral("j")));
    }

    // Cancelled from the progress callback once a part is in: nothing stays.
    void cancelHalfWayWritesNothing_data()
    {
        QTest::addColumn<bool>("existing");
        QTest::addColumn<bool>("inTransaction");
        QTest::newRow("new table") << false << false;
        QTest::newRow("existing table") << true << false;
        QTest::newRow("inside the user's transaction") << true << true;
    }
    void cancelHalfWayWritesNothing()
    {
        QFETCH(bool, existing);
        QFETCH(bool, inTransaction);
        QByteArray bytes = "id,text\n";
        for (int i = 0; i < 40000; ++i)
            bytes += QByteArray::number(i) + ",row " + QByteArray::number(i) + "\n";
        ImportOptions o = csv(write(bytes), QStringLiteral("big"));
        if (existing) {
            QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("CREATE TABLE big(id INTEGER, text TEXT)"))).ok());
            QVERIFY(LH_OK(m_manager->execute(m_db, QStringLiteral("INSERT INTO big VALUES (-1, 'before')"))).ok());
            o.createTable = false;
        }
        if (inTransaction)
            QVERIFY(LH_OK(m_manager->begin(m_db)).ok());
        CancelToken cancel;
        std::atomic<qint64> seen{0};
        auto r = run(o, [&](const ImportProgress &p) {
            seen = p.rows;
            if (p.rows >= 10000)
                cancel.cancel();
        }, cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Interrupted);
        QVERIFY(seen >= 10000 && seen < 40000);
        if (inTransaction) {
            // The user's transaction is still open, and holds only its own work.
            QVERIFY(m_manager->transactionState(m_db).active);
            auto c = LH_OK(m_manager->execute(m_db, QStringLiteral("SELECT count(*) FROM big")));
            QCOMPARE(c.value().rows.at(0, 0).toInt(), 1);
            QVERIFY(LH_OK(m_manager->commit(m_db)).ok());
        }
        if (existing)
            QCOMPARE(shell(m_db, QStringLiteral("SELECT count(*) || text FROM big")), QStringLiteral("1before"));
        else
            QVERIFY(!tableExists(QStringLiteral("big")));
    }

    void progressReachesTheEnd()
    {
        QByteArray bytes = "n\n";
        for (int i = 0; i < 5000; ++i)
            bytes += QByteArray::number(i) + "\n";
        const QString p = write(bytes);
        QList<ImportProgress> seen;
        std::mutex mutex;
        auto r = run(csv(p, QStringLiteral("t")), [&](const ImportProgress &pr) {
            std::lock_guard lock(mutex);
            seen << pr;
        });
        QVERIFY(r.ok());
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.last().rows, 5000);
        QCOMPARE(seen.last().bytes, bytes.size());
        QCOMPARE(seen.last().totalBytes, bytes.size());
        QCOMPARE(shell(m_db, QStringLiteral("SELECT sum(n) FROM t")), QStringLiteral("12497500"));
    }

    void previewShowsFirstRowsAndGuesses()
    {
        QByteArray bytes = "id,price,name\n";
        for (int i = 1; i <= 300; ++i)
            bytes += QByteArray::number(i) + "," + QByteArray::number(i) + ".5,n" + QByteArray::number(i) + "\n";
        ImportOptions o = csv(write(bytes), QStringLiteral("t"));
        auto p = previewImport(o, 20);
        QVERIFY(p.ok());
        QCOMPARE(p.value().columns, (QStringList{QStringLiteral("id"), QStringLiteral("price"), QStringLiteral("name")}));
        QCOMPARE(p.value().rows.size(), 20);
        QVERIFY(p.value().truncated);
        QCOMPARE(p.value().rows.at(19), (QStringList{QStringLiteral("20"), QStringLiteral("20.5"), QStringLiteral("n20")}));
        QCOMPARE(p.value().guessed, (QList<ImportType>{ImportType::Integer, ImportType::Real, ImportType::Text}));
    }

    void guessType_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::newRow("int") << "42" << int(ImportType::Integer);
        QTest::newRow("negative") << "-7" << int(ImportType::Integer);
        QTest::newRow("zero") << "0" << int(ImportType::Integer);
        QTest::newRow("leading zero") << "007" << int(ImportType::Text);
        QTest::newRow("real") << "3.25" << int(ImportType::Real);
        QTest::newRow("exponent") << "1e-5" << int(ImportType::Real);
        QTest::newRow("too big for int64") << "99999999999999999999" << int(ImportType::Real);
        QTest::newRow("plus sign") << "+5" << int(ImportType::Text);
        QTest::newRow("space") << " 5" << int(ImportType::Text);
        QTest::newRow("dot only") << "5." << int(ImportType::Text);
        QTest::newRow("word") << "abc" << int(ImportType::Text);
        QTest::newRow("date") << "2026-12-04" << int(ImportType::Text);
    }
    void guessType()
    {
        QFETCH(QString, text);
        QFETCH(int, type);
        QCOMPARE(int(Litehouse::guessType(text)), type);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
