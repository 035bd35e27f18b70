// Built with CXX_STANDARD 17 (see CMakeLists.txt): the core states C++20 as
// a usage requirement, so a consumer that asks for less still compiles its
// headers, as C++20.

#include <core/batch.h>
#include <core/manager.h>
#include <core/querystream.h>

#include <QtTest>

using namespace Litehouse;

class TestCxx17 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void raisedToCxx20() { QVERIFY(__cplusplus >= 202002L); }

    void coreRunsAQuery()
    {
        Manager m;
        auto opened = await(m.open(QStringLiteral(":memory:")));
        QVERIFY2(opened, qPrintable(opened.error().message()));
        auto r = await(m.execute(QStringLiteral(":memory:"), QStringLiteral("SELECT 41 + 1")));
        QVERIFY2(r, qPrintable(r.error().message()));
        QCOMPARE(r.value().rows.at(0, 0).toInt(), qint64(42));
    }
};

QTEST_GUILESS_MAIN(TestCxx17)
#include "tst_cxx17.moc"
