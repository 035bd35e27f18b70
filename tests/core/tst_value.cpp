#include <core/value.h>

#include <QTest>

using Litehouse::Value;

class TestValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void literal_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::newRow("int") << "42" << int(Value::Type::Integer);
        QTest::newRow("negative") << "-7" << int(Value::Type::Integer);
        QTest::newRow("real") << "2.5" << int(Value::Type::Real);
        QTest::newRow("exp") << "1e3" << int(Value::Type::Real);
        QTest::newRow("huge int becomes real") << "99999999999999999999" << int(Value::Type::Real);
        QTest::newRow("text") << "abc" << int(Value::Type::Text);
        QTest::newRow("leading zero text-ish") << "12abc" << int(Value::Type::Text);
        QTest::newRow("empty") << "" << int(Value::Type::Text);
        QTest::newRow("space") << " 1" << int(Value::Type::Text);
    }
    void literal()
    {
        QFETCH(QString, text);
        QFETCH(int, type);
        QCOMPARE(int(Value::fromLiteral(text).type()), type);
    }
    void realRoundTrip_data()
    {
        QTest::addColumn<double>("v");
        QTest::newRow("tenth") << 0.1;
        QTest::newRow("third") << 1.0 / 3.0;
        QTest::newRow("big") << 1.7976931348623157e308;
        QTest::newRow("tiny") << 4.9e-324;
        QTest::newRow("whole") << 3.0;
    }
    void realRoundTrip()
    {
        QFETCH(double, v);
        const QString s = Litehouse::formatReal(v);
        QCOMPARE(s.toDouble(), v);
        QVERIFY(s.contains(QLatin1Char('.')) || s.contains(QLatin1Char('e')));
    }
    void nullVersusEmpty()
    {
        QVERIFY(Value().isNull());
        QVERIFY(!Value(QString()).isNull());
        QVERIFY(!(Value() == Value(QString())));
        QCOMPARE(Value::blob(QByteArray("\x00\xff", 2)).toString(), QStringLiteral("00ff"));
        QVERIFY(!(Value::blob("a") == Value::text("a")));
    }
    void fromVariant()
    {
        QCOMPARE(Value::fromVariant(QVariant(5)).type(), Value::Type::Integer);
        QCOMPARE(Value::fromVariant(QVariant(2.5)).type(), Value::Type::Real);
        QCOMPARE(Value::fromVariant(QVariant(QByteArray("x"))).type(), Value::Type::Blob);
        QCOMPARE(Value::fromVariant(QVariant(QStringLiteral("x"))).type(), Value::Type::Text);
        QVERIFY(Value::fromVariant(QVariant()).isNull());
    }
};

QTEST_GUILESS_MAIN(TestValue)
#include "tst_value.moc"
