// Test helper for tst_stress: the second process. Runs writers and readers
// on the database until the deadline, then prints
//   writes reads errors retries maxWalBytes
//   litehouse-test-stress-helper DB DEADLINE_MS WRITERS READERS

#include "stressworkers.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 5) {
        fprintf(stderr, "usage: %s DB DEADLINE_MS WRITERS READERS\n", argv[0]);
        return 2;
    }
    const QString db = QString::fromLocal8Bit(argv[1]);
    Litehouse::Manager m;
    if (auto o = Litehouse::await(m.open(db, LitehouseTest::stressOptions())); !o) {
        fprintf(stderr, "open: %s\n", qPrintable(o.error().toString()));
        return 1;
    }
    if (!LitehouseTest::stressConfigure(m, db))
        return 1;
    LitehouseTest::StressTotals t;
    LitehouseTest::runStress(m, db, 2, atoi(argv[3]), atoi(argv[4]), QByteArray(argv[2]).toLongLong(), t);
    printf("%lld %lld %lld %lld %lld\n", qlonglong(t.writes.load()), qlonglong(t.reads.load()), qlonglong(t.errors.load()),
           qlonglong(t.retries.load()), qlonglong(t.maxWalBytes.load()));
    if (t.errors.load())
        fprintf(stderr, "first error: %s\n", qPrintable(t.firstError));
    fflush(stdout);
    return 0;
}
