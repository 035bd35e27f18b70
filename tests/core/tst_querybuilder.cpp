#include "testutil.h"

#include <core/querybuilder.h>

using namespace Litehouse;
using namespace LitehouseTest;
using QB = QueryBuilder;
using Cond = QueryBuilder::Condition;

Q_DECLARE_METATYPE(Litehouse::QueryBuilder::Op)

class TestQueryBuilder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Manager m_manager;
    QString m_db;
    int m_tableNo = 0;

    Outcome<StatementResult> run(const BuiltQuery &q)
    {
        return await(m_manager.execute(m_db, q.sql, q.params));
    }
    Outcome<StatementResult> run(const QueryBuilder &b)
    {
        auto q = b.build();
        if (!q)
            return q.error();
        return run(q.value());
    }
    static QList<qint64> ids(const StatementResult &r, int column = 0)
    {
        QList<qint64> out;
        for (qsizetype i = 0; i < r.rows.rowCount(); ++i)
            out << r.rows.at(i, column).toInt();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("qb.db"));
        QVERIFY(LH_OK(m_manager.open(m_db)).ok());
    }

    void readableSql()
    {
        auto q = QB::select(QStringLiteral("people"))
                     .columns({QStringLiteral("id"), QStringLiteral("name")})
                     .where(Cond::compare(QStringLiteral("age"), QB::Op::Ge, 18))
                     .where(Cond::anyOf({Cond::compare(QStringLiteral("city"), QB::Op::Eq, QStringLiteral("Oslo")),
                                         Cond::isNull(QStringLiteral("city"))}))
                     .orderBy(QStringLiteral("name"), QB::Order::Desc)
                     .limit(50)
                     .offset(100)
                     .build();
        QVERIFY(q.ok());
        QCOMPARE(q.value().sql, QStringLiteral("SELECT \"id\", \"name\" FROM \"people\" WHERE \"age\" >= ? AND "
                                               "(\"city\" = ? OR \"city\" IS NULL) ORDER BY \"name\" DESC LIMIT ? OFFSET ?"));
        QCOMPARE(q.value().params.positional,
                 (QList<Value>{Value(18), Value(QStringLiteral("Oslo")), Value(50), Value(100)}));

        auto k = QB::select(QStringLiteral("t"), QStringLiteral("main"))
                     .after({QStringLiteral("a"), QStringLiteral("b")}, {Value(1), Value(QStringLiteral("x"))})
                     .limit(10)
                     .build();
        QVERIFY(k.ok());
        QCOMPARE(k.value().sql, QStringLiteral("SELECT * FROM \"main\".\"t\" WHERE (\"a\", \"b\") > (?, ?) "
                                               "ORDER BY \"a\" ASC, \"b\" ASC LIMIT ?"));
        auto ins = QB::insert(QStringLiteral("t")).value(QStringLiteral("a"), 1).value(QStringLiteral("b"), 2).build();
        QCOMPARE(ins.value().sql, QStringLiteral("INSERT INTO \"t\" (\"a\", \"b\") VALUES (?, ?)"));
        auto up = QB::update(QStringLiteral("t")).set(QStringLiteral("a"), 1).where(Cond::in(QStringLiteral("id"), {1, 2, 3})).build();
        QCOMPARE(up.value().sql, QStringLiteral("UPDATE \"t\" SET \"a\" = ? WHERE \"id\" IN (?, ?, ?)"));
        QCOMPARE(up.value().params.positional.size(), 4);
    }

    void refusesBadInput()
    {
        QVERIFY(!QB::select(QString()).build().ok());
        QVERIFY(!QB::select(QStringLiteral("t")).columns({QString()}).build().ok());
        QVERIFY(!QB::update(QStringLiteral("t")).where(Cond::isNull(QStringLiteral("a"))).build().ok()); // no SET
        QVERIFY(!QB::update(QStringLiteral("t")).set(QStringLiteral("a"), 1).build().ok());               // no WHERE
        QVERIFY(QB::update(QStringLiteral("t")).set(QStringLiteral("a"), 1).allowAllRows().build().ok());
        QVERIFY(!QB::deleteFrom(QStringLiteral("t")).build().ok());
        QVERIFY(!QB::select(QStringLiteral("t")).after({QStringLiteral("a")}, {1, 2}).build().ok());
        QVERIFY(!QB::select(QStringLiteral("t")).where(Cond::allOf({})).build().ok());
    }

    void hostileNamesAndValues_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << "items" << "label" << "apple";
        QTest::newRow("double quotes") << "ta\"ble" << "co\"\"l" << "va\"lue";
        QTest::newRow("single quotes") << "it's" << "o'clock" << "'; DROP TABLE t; --";
        QTest::newRow("brackets") << "[t]" << "[col]]" << "[x]";
        QTest::newRow("backticks") << "`t`" << "`c``" << "`v`";
        QTest::newRow("semicolons") << "t; DROP TABLE x;" << "c;--" << "a;b";
        QTest::newRow("keywords") << "select" << "from" << "where";
        QTest::newRow("spaces") << " lead trail " << "two words" << "  ";
        QTest::newRow("unicode") << QString::fromUtf8("tä😀ble") << QString::fromUtf8("ключ") << QString::fromUtf8("値 ✓");
        QTest::newRow("percent and underscore") << "p%_" << "_%" << "100%_";
        QTest::newRow("question mark") << "q?" << "?1" << ":name @x $y";
    }

    void hostileNamesAndValues()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        QFETCH(QString, value);
        const QString t = table + QString::number(++m_tableNo);
        const QString create = QStringLiteral("CREATE TABLE %1(id INTEGER PRIMARY KEY, %2 TEXT)")
                                   .arg(quoteIdentifier(t), quoteIdentifier(column));
        QVERIFY(LH_OK(m_manager.execute(m_db, create)).ok());
        // INSERT the hostile value and two decoys.
        for (const QString &v : {value, QStringLiteral("decoy"), value + QStringLiteral("x")}) {
            auto r = run(QB::insert(t).value(column, v));
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
        }
        auto q = QB::select(t).columns({QStringLiteral("id"), column}).where(Cond::compare(column, QB::Op::Eq, value)).build();
        QVERIFY(q.ok());
        QVERIFY(!q.value().sql.contains(value) || value == QStringLiteral("where")); // never spliced
        auto r = run(q.value());
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(ids(r.value()), QList<qint64>{1});
        QCOMPARE(r.value().rows.at(0, 1).toString(), value);
        // LIKE with the value as the pattern prefix.
        r = run(QB::select(t).columns({QStringLiteral("id")}).where(Cond::compare(column, QB::Op::Like, QStringLiteral("decoy"))));
        QCOMPARE(ids(r.value()), QList<qint64>{2});
        // UPDATE with a hostile value, then DELETE by it.
        r = run(QB::update(t).set(column, value + value).where(Cond::compare(QStringLiteral("id"), QB::Op::Eq, 2)));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rowsAffected, 1);
        r = run(QB::select(t).columns({QStringLiteral("id")}).where(Cond::compare(column, QB::Op::Eq, value + value)));
        QCOMPARE(ids(r.value()), QList<qint64>{2});
        r = run(QB::deleteFrom(t).where(Cond::in(column, {Value(value), Value(value + value)})));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rowsAffected, 2);
        r = run(QB::select(t).columns({QStringLiteral("id")}));
        QCOMPARE(ids(r.value()), QList<qint64>{3});
        // The other tables are still there (nothing was injected).
        r = run(QB::select(QStringLiteral("sqlite_schema")).columns({QStringLiteral("name")})
                    .where(Cond::compare(QStringLiteral("type"), QB::Op::Eq, QStringLiteral("table"))));
        QCOMPARE(r.value().rows.rowCount(), qsizetype(m_tableNo));
    }

    void operators_data()
    {
        QTest::addColumn<QB::Op>("op");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("=") << QB::Op::Eq << QVariant(3) << QList<qint64>{3};
        QTest::newRow("<>") << QB::Op::Ne << QVariant(3) << QList<qint64>{1, 2, 4, 5};   // NULL row 6 never matches
        QTest::newRow("<") << QB::Op::Lt << QVariant(3) << QList<qint64>{1, 2};
        QTest::newRow("<=") << QB::Op::Le << QVariant(3) << QList<qint64>{1, 2, 3};
        QTest::newRow(">") << QB::Op::Gt << QVariant(3) << QList<qint64>{4, 5};
        QTest::newRow(">=") << QB::Op::Ge << QVariant(3) << QList<qint64>{3, 4, 5};
        QTest::newRow("LIKE") << QB::Op::Like << QVariant(QStringLiteral("%n%")) << QList<qint64>{};
        QTest::newRow("IS NULL") << QB::Op::IsNull << QVariant() << QList<qint64>{6};
        QTest::newRow("IS NOT NULL") << QB::Op::IsNotNull << QVariant() << QList<qint64>{1, 2, 3, 4, 5};
    }

    void operators()
    {
        QFETCH(QB::Op, op);
        QFETCH(QVariant, value);
        QFETCH(QList<qint64>, expected);
        QVERIFY(LH_OK(m_manager.executeScript(m_db, QStringLiteral(
            "CREATE TABLE IF NOT EXISTS n(id INTEGER PRIMARY KEY, v INTEGER);"
            "INSERT OR IGNORE INTO n VALUES (1,1),(2,2),(3,3),(4,4),(5,5),(6,NULL);"))).ok());
        auto r = run(QB::select(QStringLiteral("n")).columns({QStringLiteral("id")})
                         .where(Cond::compare(QStringLiteral("v"), op, Value::fromVariant(value)))
                         .orderBy(QStringLiteral("id")));
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(ids(r.value()), expected);
    }

    void nestedGroups()
    {
        QVERIFY(LH_OK(m_manager.executeScript(m_db, QStringLiteral(
            "CREATE TABLE g(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c REAL);"
            "INSERT INTO g VALUES (1, 1, 'x', 0.5), (2, 2, 'y', 1.5), (3, 3, 'x', NULL), (4, 4, 'z', 2.5), (5, 5, 'y', 3.5);"))).ok());
        // a >= 2 AND (b = 'x' OR (b = 'y' AND c > 3)) -> 3, 5
        const auto cond = Cond::allOf({Cond::compare(QStringLiteral("a"), QB::Op::Ge, 2),
                                       Cond::anyOf({Cond::compare(QStringLiteral("b"), QB::Op::Eq, QStringLiteral("x")),
                                                    Cond::allOf({Cond::compare(QStringLiteral("b"), QB::Op::Eq, QStringLiteral("y")),
                                                                 Cond::compare(QStringLiteral("c"), QB::Op::Gt, 3.0)})})});
        auto q = QB::select(QStringLiteral("g")).columns({QStringLiteral("id")}).where(cond).orderBy(QStringLiteral("id")).build();
        QCOMPARE(q.value().sql, QStringLiteral("SELECT \"id\" FROM \"g\" WHERE \"a\" >= ? AND (\"b\" = ? OR (\"b\" = ? AND \"c\" > ?)) ORDER BY \"id\" ASC"));
        auto r = run(q.value());
        QCOMPARE(ids(r.value()), (QList<qint64>{3, 5}));
        // Without grouping the OR would bind looser: (a >= 2 AND b = 'x') OR b = 'y' gives 2 too.
        r = run(QB::select(QStringLiteral("g")).columns({QStringLiteral("id")})
                    .where(Cond::anyOf({Cond::allOf({Cond::compare(QStringLiteral("a"), QB::Op::Ge, 2),
                                                     Cond::compare(QStringLiteral("b"), QB::Op::Eq, QStringLiteral("x"))}),
                                        Cond::compare(QStringLiteral("b"), QB::Op::Eq, QStringLiteral("y"))}))
                    .orderBy(QStringLiteral("id")));
        QCOMPARE(ids(r.value()), (QList<qint64>{2, 3, 5}));
        // IN with an empty list matches nothing.
        r = run(QB::select(QStringLiteral("g")).where(Cond::in(QStringLiteral("id"), {})));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rows.rowCount(), 0);
    }

    void keysetPagingVisitsEveryRowOnce()
    {
        QVERIFY(LH_OK(m_manager.executeScript(m_db, QStringLiteral(
            "CREATE TABLE k(\"grp\" TEXT, \"n\" INTEGER, payload TEXT, PRIMARY KEY(\"grp\", \"n\")) WITHOUT ROWID;"
            "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM s WHERE i < 96) "
            "INSERT INTO k SELECT char(65 + i % 4), i / 4, 'p' || i FROM s;"
            "CREATE TABLE r(v TEXT);"
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < 53) INSERT INTO r SELECT 'v' || i FROM s;"))).ok());
        // Composite key, pages of 10.
        QList<Value> key;
        QSet<QString> seen;
        int pages = 0;
        for (;;) {
            QB b = QB::select(QStringLiteral("k")).columns({QStringLiteral("grp"), QStringLiteral("n")}).limit(10);
            if (!key.isEmpty())
                b.after({QStringLiteral("grp"), QStringLiteral("n")}, key);
            auto r = run(b);
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            const ResultSet &rows = r.value().rows;
            if (rows.rowCount() == 0)
                break;
            ++pages;
            for (qsizetype i = 0; i < rows.rowCount(); ++i) {
                const QString k = rows.at(i, 0).toString() + QString::number(rows.at(i, 1).toInt());
                QVERIFY2(!seen.contains(k), qPrintable(k));
                seen.insert(k);
            }
            key = {rows.at(rows.rowCount() - 1, 0), rows.at(rows.rowCount() - 1, 1)};
        }
        QCOMPARE(seen.size(), 97);
        QCOMPARE(pages, 10);
        // rowid paging, descending.
        qint64 last = -1;
        QList<qint64> all;
        for (;;) {
            QB b = QB::select(QStringLiteral("r")).columns({QStringLiteral("rowid")}).limit(20);
            if (last >= 0)
                b.after({QStringLiteral("rowid")}, {Value(last)}, QB::Order::Desc);
            else
                b.orderBy(QStringLiteral("rowid"), QB::Order::Desc);
            auto r = run(b);
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            if (r.value().rows.rowCount() == 0)
                break;
            all += ids(r.value());
            last = all.last();
        }
        QCOMPARE(all.size(), 53);
        QCOMPARE(all.first(), 53);
        QCOMPARE(all.last(), 1);
    }

    void valuesKeepTheirTypes()
    {
        QVERIFY(LH_OK(m_manager.execute(m_db, QStringLiteral("CREATE TABLE v(id INTEGER PRIMARY KEY, x)"))).ok());
        const QList<Value> values = {Value(), Value(qint64(1) << 40), Value(2.5), Value(QString()), Value::blob(QByteArray("\0\1'\"", 4))};
        for (const Value &v : values)
            QVERIFY(run(QB::insert(QStringLiteral("v")).value(QStringLiteral("x"), v)).ok());
        for (qsizetype i = 1; i < values.size(); ++i) {
            auto r = run(QB::select(QStringLiteral("v")).columns({QStringLiteral("id"), QStringLiteral("x")})
                             .where(Cond::compare(QStringLiteral("x"), QB::Op::Eq, values.at(i))));
            QVERIFY(r.ok());
            QCOMPARE(ids(r.value()), QList<qint64>{i + 1});
            QCOMPARE(r.value().rows.at(0, 1), values.at(i));
        }
        auto d = run(QB::insert(QStringLiteral("v"))); // DEFAULT VALUES
        QVERIFY(d.ok());
        QCOMPARE(d.value().rowsAffected, 1);
    }

    void containsMatchesWildcardsLiterally_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("percent") << "%" << QList<qint64>{1};
        QTest::newRow("underscore") << "_" << QList<qint64>{2};
        QTest::newRow("backslash") << "\\" << QList<qint64>{3};
        QTest::newRow("plain, case-insensitive") << "ABC" << QList<qint64>{1, 2, 3, 4};
        QTest::newRow("quote") << "'" << QList<qint64>{5};
    }

    void containsMatchesWildcardsLiterally()
    {
        QFETCH(QString, needle);
        QFETCH(QList<qint64>, expected);
        const QString t = QStringLiteral("like") + QString::number(++m_tableNo);
        QVERIFY(LH_OK(m_manager.execute(m_db, QStringLiteral("CREATE TABLE %1(id INTEGER PRIMARY KEY, s TEXT)").arg(t))).ok());
        for (const char *v : {"abc%", "abc_x", "abc\\", "abcdef", "o'x"})
            QVERIFY(run(QB::insert(t).value(QStringLiteral("s"), QString::fromUtf8(v))).ok());
        auto q = QB::select(t).columns({QStringLiteral("id")}).where(Cond::contains(QStringLiteral("s"), needle)).orderBy(QStringLiteral("id")).build();
        QVERIFY(q.ok());
        QCOMPARE(q.value().sql, QStringLiteral("SELECT \"id\" FROM \"%1\" WHERE \"s\" LIKE ? ESCAPE '\\' ORDER BY \"id\" ASC").arg(t));
        QCOMPARE(q.value().params.positional.size(), 1);
        auto r = run(q.value());
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QCOMPARE(ids(r.value()), expected);
    }
};

QTEST_GUILESS_MAIN(TestQueryBuilder)
#include "tst_querybuilder.moc"
