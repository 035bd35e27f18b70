#include <core/sqlsplit.h>

#include <QTest>

using namespace Litehouse;

class TestSqlSplit : public QObject
{
    Q_OBJECT
    static QStringList pieces(const QString &sql)
    {
        QStringList out;
        for (const StatementSpan &s : splitStatements(sql))
            out << sql.mid(s.begin, s.length());
        return out;
    }

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("two") << "SELECT 1; SELECT 2;" << QStringList{"SELECT 1;", "SELECT 2;"};
        QTest::newRow("no final semicolon") << "SELECT 1;\nSELECT 2" << QStringList{"SELECT 1;", "SELECT 2"};
        QTest::newRow("semicolon in string") << "SELECT ';'; SELECT 'a''b;'" << QStringList{"SELECT ';';", "SELECT 'a''b;'"};
        QTest::newRow("semicolon in names") << "SELECT \"a;b\", [c;d], `e;f` FROM t;"
                                            << QStringList{"SELECT \"a;b\", [c;d], `e;f` FROM t;"};
        QTest::newRow("comments") << "-- one; two\nSELECT 1 /* ; */;" << QStringList{"SELECT 1 /* ; */;"};
        QTest::newRow("trigger body") << "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = CASE WHEN 1 THEN 2 END; "
                                         "DELETE FROM u; END; SELECT 3;"
                                      << QStringList{"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = CASE WHEN 1 "
                                                     "THEN 2 END; DELETE FROM u; END;",
                                                     "SELECT 3;"};
        QTest::newRow("temp trigger") << "CREATE TEMP TRIGGER x BEFORE DELETE ON t BEGIN SELECT 1; END;"
                                      << QStringList{"CREATE TEMP TRIGGER x BEFORE DELETE ON t BEGIN SELECT 1; END;"};
        QTest::newRow("begin transaction is not a body") << "BEGIN; INSERT INTO t VALUES (1); COMMIT;"
                                                         << QStringList{"BEGIN;", "INSERT INTO t VALUES (1);", "COMMIT;"};
        QTest::newRow("blank") << " ;; -- x\n" << QStringList{";", ";"};
        QTest::newRow("unterminated string") << "SELECT 'abc" << QStringList{"SELECT 'abc"};
    }
    void split()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, expected);
        QStringList got = pieces(sql);
        got.removeAll(QStringLiteral(";"));
        expected.removeAll(QStringLiteral(";"));
        QCOMPARE(got, expected);
    }
    void underCursor()
    {
        const QString sql = QStringLiteral("SELECT 1;\nSELECT 2;  \n\nSELECT 3");
        const auto spans = splitStatements(sql);
        QCOMPARE(spans.size(), 3);
        QCOMPARE(statementAt(spans, sql, 0), 0);
        QCOMPARE(statementAt(spans, sql, sql.indexOf(QStringLiteral("2"))), 1);
        // After "SELECT 2;" on the same line: still that statement.
        QCOMPARE(statementAt(spans, sql, sql.indexOf(QStringLiteral("2;")) + 3), 1);
        QCOMPARE(statementAt(spans, sql, sql.size()), 2);
    }
};

QTEST_GUILESS_MAIN(TestSqlSplit)
#include "tst_sqlsplit.moc"
