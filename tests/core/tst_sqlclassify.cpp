#include <core/sqlclassify.h>

#include <QTest>

using namespace Litehouse;
using K = StatementInfo::Kind;

class TestSqlClassify : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void blankMeansWhatSqliteFindsNoStatementIn()
    {
        // SQLite's whitespace includes the vertical tab (found by fuzz_sqlclassify).
        QVERIFY(isBlankSql("\t\t\v\t"));
        QVERIFY(isBlankSql(" ;\f\r\n-- only a comment\n/* and another */;"));
        QVERIFY(!isBlankSql("\vSELECT 1"));
        QCOMPARE(classifyStatement("\v\vSELECT 1").kind, StatementInfo::Kind::Select);
        QVERIFY(!isBlankSql("x"));
    }

    void classify_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("select") << "  select 1" << int(K::Select) << "";
        QTest::newRow("comment first") << "-- hi\n/* x */ INSERT INTO t VALUES(1)" << int(K::Insert) << "";
        QTest::newRow("begin") << "BEGIN" << int(K::Begin) << "";
        QTest::newRow("end") << "end transaction" << int(K::Commit) << "";
        QTest::newRow("rollback") << "ROLLBACK" << int(K::Rollback) << "";
        QTest::newRow("rollback to") << "ROLLBACK TO sp1" << int(K::RollbackTo) << "sp1";
        QTest::newRow("rollback transaction to savepoint") << "rollback transaction to savepoint \"a b\""
                                                           << int(K::RollbackTo) << "a b";
        QTest::newRow("savepoint quoted") << "SAVEPOINT \"x\"\"y\"" << int(K::Savepoint) << "x\"y";
        QTest::newRow("savepoint bracket") << "SAVEPOINT [p q]" << int(K::Savepoint) << "p q";
        QTest::newRow("release") << "RELEASE SAVEPOINT s" << int(K::Release) << "s";
        QTest::newRow("release short") << "release s2" << int(K::Release) << "s2";
        QTest::newRow("ddl") << "create table x(a)" << int(K::Ddl) << "";
        QTest::newRow("pragma") << "PRAGMA user_version" << int(K::Pragma) << "";
        QTest::newRow("with") << "WITH a AS (SELECT 1) SELECT * FROM a" << int(K::With) << "";
        QTest::newRow("blank") << " ;; -- nothing" << int(K::Empty) << "";
    }
    void classify()
    {
        QFETCH(QString, sql);
        QFETCH(int, kind);
        QFETCH(QString, name);
        const StatementInfo info = classifyStatement(sql.toUtf8());
        QCOMPARE(int(info.kind), kind);
        QCOMPARE(info.name, name);
    }
    void beginModes()
    {
        QCOMPARE(classifyStatement("BEGIN IMMEDIATE").beginMode, StatementInfo::BeginMode::Immediate);
        QCOMPARE(classifyStatement("begin exclusive transaction").beginMode, StatementInfo::BeginMode::Exclusive);
        QCOMPARE(classifyStatement("BEGIN").beginMode, StatementInfo::BeginMode::Deferred);
    }
    void savepointNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "before_import" << true;
        QTest::newRow("underscore first") << "_x1" << true;
        QTest::newRow("unicode letters") << "größe" << true;
        QTest::newRow("injection") << "a; DROP TABLE t" << false;
        QTest::newRow("quote") << "a\"b" << false;
        QTest::newRow("digit first") << "1abc" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "a b" << false;
        QTest::newRow("too long") << QString(129, QLatin1Char('a')) << false;
    }
    void savepointNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(validateSavepointName(name).isEmpty(), valid);
    }
    void quoting()
    {
        QCOMPARE(quoteIdentifier(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
    }
};

QTEST_GUILESS_MAIN(TestSqlClassify)
#include "tst_sqlclassify.moc"
