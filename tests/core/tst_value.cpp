#include <core/resultset.h>
#include <core/value.h>

#include <QTest>

#include <cstdio>
#include <optional>

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

    // Cells read from SQLite view the result's arena; nothing copied out of
    // a result may depend on the result still being alive.
    void arenaCellsOutliveTheirResult()
    {
        using Litehouse::ResultSet;
        std::optional<ResultSet> rs(std::in_place, QStringList{QStringLiteral("t"), QStringLiteral("b")}, QStringList{});
        const QByteArray big(5 << 20, 'x'); // bigger than an arena block
        for (int i = 0; i < 1000; ++i) {
            const QByteArray t = "text-" + QByteArray::number(i);
            rs->appendText(t.constData(), t.size());
            if (i == 500)
                rs->appendBlob(big.constData(), big.size());
            else
                rs->appendBlob(t.constData(), t.size());
        }
        rs->appendText("", 0);
        rs->appendBlob(nullptr, 0);
        QCOMPARE(rs->rowCount(), qsizetype(1001));
        QCOMPARE(rs->at(7, 0).toString(), QStringLiteral("text-7"));
        QCOMPARE(rs->at(500, 1).bytes(), big);
        QCOMPARE(rs->at(1000, 0).type(), Value::Type::Text);
        QVERIFY(!rs->at(1000, 0).bytes().isNull());
        QCOMPARE(rs->at(1000, 1).type(), Value::Type::Blob);

        const Value copied = rs->at(42, 0);
        const QByteArray bytes = rs->at(43, 1).bytes();
        const QVariant variant = rs->at(44, 1).toVariant();
        ResultSet copy = *rs;
        ResultSet moved = std::move(*rs);
        rs.reset(); // the arena is now held by copy and moved only
        QCOMPARE(copied.toString(), QStringLiteral("text-42"));
        QCOMPARE(bytes, QByteArray("text-43"));
        QCOMPARE(variant.toByteArray(), QByteArray("text-44"));
        QCOMPARE(copy.at(999, 0).toString(), QStringLiteral("text-999"));
        moved.clearRows();
        QCOMPARE(copy.at(500, 1).bytes().size(), big.size());
        // Appending to a copy never writes into the blocks it shares.
        copy.appendText("new", 3);
        copy.appendBlob("row", 3);
        QCOMPARE(copy.at(998, 0).toString(), QStringLiteral("text-998"));
        QCOMPARE(copy.at(1001, 0).toString(), QStringLiteral("new"));
        QVERIFY(copy.at(1001, 0) == Value::text("new"));
    }

    void manyRowsAcrossChunks()
    {
        Litehouse::ResultSet rs({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, {});
        const int rows = 200000; // several chunks of cells
        for (int i = 0; i < rows; ++i) {
            rs.append(Value(qint64(i)));
            rs.append(Value(i * 0.5));
            const QByteArray t = QByteArray::number(i);
            rs.appendText(t.constData(), t.size());
        }
        QCOMPARE(rs.rowCount(), qsizetype(rows));
        for (int i = 0; i < rows; i += 997) {
            const auto row = rs.row(i);
            QCOMPARE(row[0].toInt(), qint64(i));
            QCOMPARE(row[1].toDouble(), i * 0.5);
            QCOMPARE(rs.at(i, 2).toInt(), qint64(i));
        }
    }

    void bigResultsAcrossManyChunksAreIntact()
    {
        // 300k rows span many cell chunks and arena blocks; a second result
        // made after the first is freed has its own data, whatever memory
        // it was given.
        const int rows = 300000;
        const auto fill = [rows](int salt) {
            Litehouse::ResultSet rs({QStringLiteral("a"), QStringLiteral("b")}, {});
            char text[64];
            for (int i = 0; i < rows; ++i) {
                rs.append(Value(qint64(i + salt)));
                const int n = std::snprintf(text, sizeof text, "%040d", i * 7 + salt);
                rs.appendText(text, n);
            }
            return rs;
        };
        {
            const auto rs = fill(1);
            QCOMPARE(rs.rowCount(), qsizetype(rows));
            QCOMPARE(rs.at(rows - 1, 0).toInt(), qint64(rows));
            QCOMPARE(rs.at(rows - 1, 1).bytes(), QByteArray::number((rows - 1) * 7 + 1).rightJustified(40, '0'));
        }
        const auto again = fill(2);
        const Litehouse::ResultSet copy = again; // shares the arena, copies the cells
        for (int i = 0; i < rows; i += 1009) {
            QCOMPARE(again.at(i, 0).toInt(), qint64(i + 2));
            QCOMPARE(again.at(i, 1).bytes(), QByteArray::number(i * 7 + 2).rightJustified(40, '0'));
            QCOMPARE(copy.at(i, 1).bytes(), again.at(i, 1).bytes());
        }
    }
};

QTEST_GUILESS_MAIN(TestValue)
#include "tst_value.moc"
