// Row edits: the statements the table browser's pending changes become, and
// applying them all or nothing on the session connection, with rows changed
// by another process noticed before they are overwritten.

#include "testutil.h"

#include <core/edit/rowedits.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;
using namespace LitehouseTest;

class TestRowEdits : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshDb()
    {
        const QString path = m_dir.filePath(QStringLiteral("e%1.db").arg(++m_n));
        int rc = -1;
        sqlite3Shell(path, {}, "PRAGMA journal_mode=WAL;"
                               "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER CHECK (qty >= 0), note);"
                               "INSERT INTO t VALUES (1, 'one', 1, NULL), (2, 'two', 2, 'x'), (3, 'three', 3, NULL);"
                               "CREATE TABLE w(a TEXT, b INTEGER, v, PRIMARY KEY (a, b)) WITHOUT ROWID;"
                               "INSERT INTO w VALUES ('k', 1, 'first'), ('k', 2, 'second');",
                     &rc);
        if (rc != 0)
            qWarning("sqlite3 could not make %s", qPrintable(path));
        return path;
    }
    static EditTarget tTable() { return {QStringLiteral("t"), {"id", "name", "qty", "note"}, {"rowid"}}; }
    static QList<Value> row(const QList<Value> &v) { return v; }
    static RowEdit update(qint64 rowid, QList<Value> original, QList<QPair<int, Value>> values)
    {
        RowEdit e;
        e.kind = RowEdit::Kind::Update;
        e.key = {Value(rowid)};
        e.original = std::move(original);
        e.values = std::move(values);
        return e;
    }

private Q_SLOTS:
    void typedValuesFollowTheColumnAffinity()
    {
        QCOMPARE(valueForColumn("42", "INTEGER").type(), Value::Type::Integer);
        QCOMPARE(valueForColumn("42", "INTEGER").toInt(), 42);
        QCOMPARE(valueForColumn("4.0", "INT").type(), Value::Type::Integer);
        QCOMPARE(valueForColumn("4.5", "INTEGER").type(), Value::Type::Real);
        QCOMPARE(valueForColumn("42", "TEXT").type(), Value::Type::Text);
        QCOMPARE(valueForColumn("42", "VARCHAR(10)").type(), Value::Type::Text);
        QCOMPARE(valueForColumn("3", "REAL").type(), Value::Type::Real);
        QCOMPARE(valueForColumn("12.5", "DECIMAL(10,2)").type(), Value::Type::Real);
        QCOMPARE(valueForColumn("abc", "INTEGER").type(), Value::Type::Text);
        QCOMPARE(valueForColumn("42", "BLOB").type(), Value::Type::Text);
        // No declared type: a number as SQLite writes it, but "007" keeps its zeros.
        QCOMPARE(valueForColumn("7", "").type(), Value::Type::Integer);
        QCOMPARE(valueForColumn("007", "").type(), Value::Type::Text);
        // Empty text is empty text, never NULL.
        QCOMPARE(valueForColumn("", "INTEGER").type(), Value::Type::Text);
        QVERIFY(!valueForColumn("", "INTEGER").isNull());
    }

    void planBindsEveryValueInAStableOrder()
    {
        RowEdit ins;
        ins.kind = RowEdit::Kind::Insert;
        ins.values = {{1, Value("it's")}, {2, Value(qint64(5))}};
        RowEdit del;
        del.kind = RowEdit::Kind::Delete;
        del.key = {Value(qint64(3))};
        const RowEdit upd = update(2, {}, {{1, Value("x\"y")}});
        auto plan = planEdits(tTable(), {ins, upd, del});
        QVERIFY(plan.ok());
        QCOMPARE(plan.value().size(), 3);
        QCOMPARE(plan.value().at(0).sql, QStringLiteral("DELETE FROM \"t\" WHERE \"rowid\" = ?"));
        QCOMPARE(plan.value().at(0).edit, 2);
        QCOMPARE(plan.value().at(1).sql, QStringLiteral("UPDATE \"t\" SET \"name\" = ? WHERE \"rowid\" = ?"));
        QCOMPARE(plan.value().at(1).params.positional, (QList<Value>{Value("x\"y"), Value(qint64(2))}));
        QCOMPARE(plan.value().at(2).sql, QStringLiteral("INSERT INTO \"t\" (\"name\", \"qty\") VALUES (?, ?)"));
        QCOMPARE(plan.value().at(2).edit, 0);
        const QString text = planText(plan.value());
        QVERIFY2(text.contains(QStringLiteral("-- ?1 = 'it''s', ?2 = 5")), qPrintable(text));

        RowEdit empty;
        empty.kind = RowEdit::Kind::Insert;
        auto defaults = planEdits(tTable(), {empty});
        QCOMPARE(defaults.value().at(0).sql, QStringLiteral("INSERT INTO \"t\" DEFAULT VALUES"));

        auto bad = planEdits(tTable(), {update(1, {}, {{9, Value(1)}})});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message().contains(QStringLiteral("column 10")), qPrintable(bad.error().message()));
        auto noKey = planEdits({QStringLiteral("v"), {"a"}, {}}, {});
        QVERIFY(!noKey.ok());
        QVERIFY(noKey.error().message().contains(QStringLiteral("no key")));
    }

    void appliesUpdatesInsertsAndDeletesInOneTransaction()
    {
        const QString db = freshDb();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        RowEdit ins;
        ins.kind = RowEdit::Kind::Insert;
        ins.values = {{1, Value("four")}, {2, valueForColumn("42", "INTEGER")}};
        RowEdit del;
        del.kind = RowEdit::Kind::Delete;
        del.key = {Value(qint64(1))};
        del.original = {Value(qint64(1)), Value("one"), Value(qint64(1)), Value()};
        const RowEdit upd = update(2, {Value(qint64(2)), Value("two"), Value(qint64(2)), Value("x")},
                                   {{1, Value("TWO")}, {3, Value()}});
        auto r = LH_OK(applyEdits(m, db, tTable(), {upd, ins, del}));
        QVERIFY(r.ok());
        QVERIFY(r.value().applied);
        QCOMPARE(r.value().rowsChanged, 3);
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT id, name, qty, typeof(qty), quote(note) FROM t ORDER BY id;"),
                 QByteArray("2,TWO,2,integer,NULL\n3,three,3,integer,NULL\n4,four,42,integer,NULL\n"));
    }

    void withoutRowidTablesAreFoundByTheirKey()
    {
        const QString db = freshDb();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const EditTarget w{QStringLiteral("w"), {"a", "b", "v"}, {"a", "b"}};
        RowEdit e;
        e.key = {Value("k"), Value(qint64(2))};
        e.original = {Value("k"), Value(qint64(2)), Value("second")};
        e.values = {{2, Value("changed")}};
        auto r = LH_OK(applyEdits(m, db, w, {e}));
        QVERIFY(r.ok() && r.value().applied);
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT a, b, v FROM w ORDER BY b;"), QByteArray("k,1,first\nk,2,changed\n"));
    }

    void aConstraintFailureNamesTheEditAndWritesNothing()
    {
        const QString db = freshDb();
        QFile f(db);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        RowEdit good = update(1, {}, {{1, Value("uno")}});
        RowEdit bad = update(3, {}, {{2, Value(qint64(-5))}}); // CHECK (qty >= 0)
        auto r = LH_OK(applyEdits(m, db, tTable(), {good, bad}));
        QVERIFY(r.ok());
        QVERIFY(!r.value().applied);
        QCOMPARE(r.value().failedEdit, 1);
        QVERIFY2(r.value().failure.message().contains(QStringLiteral("CHECK")), qPrintable(r.value().failure.message()));
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT name, qty FROM t WHERE id IN (1, 3) ORDER BY id;"),
                 QByteArray("one,1\nthree,3\n"));
    }

    void aRowChangedByAnotherProcessIsNoticedBeforeOverwriting()
    {
        const QString db = freshDb();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        const QList<Value> asRead{Value(qint64(2)), Value("two"), Value(qint64(2)), Value("x")};
        // Another process changes the row after the grid read it.
        int rc = -1;
        sqlite3Shell(db, {}, "UPDATE t SET qty = 20 WHERE id = 2;", &rc);
        QCOMPARE(rc, 0);
        const RowEdit e = update(2, asRead, {{1, Value("mine")}});
        auto r = LH_OK(applyEdits(m, db, tTable(), {e}));
        QVERIFY(r.ok());
        QVERIFY(!r.value().applied);
        QCOMPARE(r.value().conflicts.size(), 1);
        QCOMPARE(r.value().conflicts.first().first, 0);
        QVERIFY2(r.value().conflicts.first().second.contains(QStringLiteral("qty is now 20")),
                 qPrintable(r.value().conflicts.first().second));
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT name, qty FROM t WHERE id = 2;"), QByteArray("two,20\n"));

        // A deleted row is a conflict too.
        sqlite3Shell(db, {}, "DELETE FROM t WHERE id = 3;", &rc);
        const RowEdit gone = update(3, {Value(qint64(3)), Value("three"), Value(qint64(3)), Value()}, {{1, Value("x")}});
        auto r2 = LH_OK(applyEdits(m, db, tTable(), {gone}));
        QVERIFY(r2.ok() && !r2.value().applied);
        QVERIFY(r2.value().conflicts.first().second.contains(QStringLiteral("deleted")));

        // Asked to overwrite, it writes.
        EditOptions o;
        o.overwriteChanged = true;
        auto r3 = LH_OK(applyEdits(m, db, tTable(), {e}, o));
        QVERIFY(r3.ok() && r3.value().applied);
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT name, qty FROM t WHERE id = 2;"), QByteArray("mine,20\n"));
    }

    void insideTheSessionsTransactionTheEditsJoinIt()
    {
        const QString db = freshDb();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        QVERIFY(LH_OK(m.begin(db)).ok());
        auto r = LH_OK(applyEdits(m, db, tTable(), {update(1, {}, {{1, Value("in tx")}})}));
        QVERIFY(r.ok() && r.value().applied);
        QVERIFY(m.transactionState(db).active);
        // Seen inside the transaction, gone with it.
        auto seen = LH_OK(m.execute(db, QStringLiteral("SELECT name FROM t WHERE id = 1"), {}, {}));
        QCOMPARE(seen.value().rows.at(0, 0).toString(), QStringLiteral("in tx"));
        QVERIFY(LH_OK(m.rollback(db)).ok());
        auto after = LH_OK(m.execute(db, QStringLiteral("SELECT name FROM t WHERE id = 1"), {}, {}));
        QCOMPARE(after.value().rows.at(0, 0).toString(), QStringLiteral("one"));

        // A failed edit inside the transaction undoes only itself.
        QVERIFY(LH_OK(m.begin(db)).ok());
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("UPDATE t SET note = 'kept' WHERE id = 1"), {}, {})).ok());
        auto failed = LH_OK(applyEdits(m, db, tTable(), {update(2, {}, {{1, Value()}})})); // name NOT NULL
        QVERIFY(failed.ok() && !failed.value().applied);
        QCOMPARE(failed.value().failedEdit, 0);
        QVERIFY(m.transactionState(db).active);
        QVERIFY(LH_OK(m.commit(db)).ok());
        QVERIFY(LH_OK(m.close(db)).ok());
        QCOMPARE(sqlite3Shell(db, {"-csv"}, "SELECT name, note FROM t WHERE id IN (1, 2) ORDER BY id;"),
                 QByteArray("one,kept\ntwo,x\n"));
    }
};

QTEST_GUILESS_MAIN(TestRowEdits)
#include "tst_rowedits.moc"
