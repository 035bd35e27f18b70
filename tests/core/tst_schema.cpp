// The schema part: the catalog reader, the planner and applying plans, on a
// bookshop whose books table has everything a change can lose (indexes, a
// partial index, a trigger, a view, foreign keys in and out, AUTOINCREMENT,
// generated columns) next to a WITHOUT ROWID table. Every change is checked
// with the sqlite3 shell: rows, integrity_check, foreign_key_check and .schema.

#include "testutil.h"

#include <core/manager.h>
#include <core/migrations/migrationrunner.h>
#include <core/schema/catalog.h>
#include <core/schema/schemaapply.h>
#include <core/schema/schemamigration.h>
#include <core/schema/schemaplan.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Litehouse;
using LitehouseTest::sqlite3Shell;

namespace {

const char *const kFixture = R"sql(
CREATE TABLE authors(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, born INTEGER CHECK(born > 0));
CREATE TABLE books(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
  title TEXT NOT NULL COLLATE NOCASE,
  price REAL DEFAULT 0,
  isbn TEXT UNIQUE,
  pages INTEGER,
  title_upper TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL,
  total REAL AS (price * 2) STORED,
  CHECK (price >= 0)
);
CREATE INDEX books_title ON books(title);
CREATE INDEX books_pages ON books(pages) WHERE pages > 100;
CREATE TABLE reviews(id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES books(id), stars INTEGER);
CREATE TABLE tags(book_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(book_id, tag),
                  FOREIGN KEY(book_id) REFERENCES books(id)) WITHOUT ROWID;
CREATE TABLE audit(id INTEGER PRIMARY KEY, book_id INTEGER, old_price REAL, new_price REAL);
CREATE TABLE settings(key TEXT PRIMARY KEY, value ANY) STRICT;
CREATE VIEW cheap_books AS SELECT id, title, price FROM books WHERE price < 10;
CREATE TRIGGER books_audit AFTER UPDATE OF price ON books
BEGIN INSERT INTO audit(book_id, old_price, new_price) VALUES (old.id, old.price, new.price); END;
INSERT INTO authors(name, born) VALUES ('Le Guin', 1929), ('Calvino', 1923), ('Lem', 1921);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
INSERT INTO books(author_id, title, price, isbn, pages) SELECT 1 + i % 3, 'Book ' || i, i * 0.5, 'isbn-' || i, 50 + i * 3 FROM n;
DELETE FROM books WHERE id > 55;
UPDATE books SET price = price + 1 WHERE id <= 5;
INSERT INTO reviews(book_id, stars) SELECT id, 1 + id % 5 FROM books WHERE id % 2 = 0;
INSERT INTO tags(book_id, tag) SELECT id, 'fiction' FROM books;
INSERT INTO tags(book_id, tag) SELECT id, 'classic' FROM books WHERE id % 3 = 0;
INSERT INTO settings VALUES ('theme', 'dark'), ('size', 12);
)sql";

QString shell(const QString &db, const QString &sql)
{
    int code = -1;
    const QByteArray out = sqlite3Shell(db, {}, sql.toUtf8(), &code);
    return code == 0 ? QString::fromUtf8(out).trimmed() : QStringLiteral("<sqlite3 failed %1>").arg(code);
}

QString schemaOf(const QString &db)
{
    return shell(db, QStringLiteral(".schema"));
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The CREATE statement of one object as sqlite3 shows it.
QString sqlOf(const QString &db, const QString &name)
{
    return shell(db, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = '%1';").arg(name));
}

ColumnDesc *col(TableDesc &d, const QString &name)
{
    const int i = d.indexOf(name);
    return i < 0 ? nullptr : &d.columns[i];
}

} // namespace

class TestSchema final : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    QString fixture()
    {
        const QString p = m_dir.filePath(QStringLiteral("shop%1.db").arg(++m_n));
        int code = -1;
        sqlite3Shell(p, {}, kFixture, &code);
        return code == 0 ? p : QString();
    }

    // Reads, plans and applies on a fresh Manager; returns the plan.
    Outcome<SchemaPlan> change(const QString &db, const std::function<void(TableDesc &)> &edit, const QString &table,
                               bool apply = true)
    {
        Manager m;
        if (auto o = await(m.open(db)); !o)
            return o.error();
        auto cat = await(readCatalog(m, db, Route::Writer));
        if (!cat)
            return cat.error();
        const TableInfo *t = cat.value().table(table);
        if (!t)
            return Error::invalid(QStringLiteral("no table ") + table);
        TableDesc d = t->desc;
        edit(d);
        auto plan = planAlterTable(cat.value(), d);
        if (!plan || !apply)
            return plan;
        if (auto r = await(applySchemaPlan(m, db, plan.value())); !r)
            return r.error();
        return plan;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!fixture().isEmpty(), "the sqlite3 shell makes the fixture");
    }

    void catalogReadsEverything()
    {
        const QString db = fixture();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto r = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(r.ok());
        const Catalog &cat = r.value();
        const TableInfo *books = cat.table(QStringLiteral("books"));
        QVERIFY(books);
        QVERIFY2(books->editable, qPrintable(books->readProblem));
        const TableDesc &b = books->desc;
        QCOMPARE(b.columns.size(), 8);
        QVERIFY(b.autoincrement);
        QCOMPARE(b.primaryKey(), QStringList{QStringLiteral("id")});
        QCOMPARE(b.column("title")->collation, QStringLiteral("NOCASE"));
        QVERIFY(b.column("title")->notNull);
        QCOMPARE(b.column("price")->type, QStringLiteral("REAL"));
        QCOMPARE(b.column("price")->defaultExpr, QStringLiteral("0"));
        QVERIFY(b.column("isbn")->unique);
        QCOMPARE(b.column("title_upper")->generated, ColumnDesc::Generated::Virtual);
        QCOMPARE(b.column("title_upper")->generatedExpr, QStringLiteral("upper(title)"));
        QCOMPARE(b.column("total")->generated, ColumnDesc::Generated::Stored);
        QCOMPARE(b.checks.size(), 1);
        QCOMPARE(b.checks.first().expr, QStringLiteral("price >= 0"));
        QCOMPARE(b.foreignKeys.size(), 1);
        QCOMPARE(b.foreignKeys.first().refTable, QStringLiteral("authors"));
        QCOMPARE(b.foreignKeys.first().onDelete, QStringLiteral("CASCADE"));
        QCOMPARE(cat.table("authors")->desc.column("born")->checks.first().expr, QStringLiteral("born > 0"));
        // Foreign keys in: reviews and tags refer to books.
        QStringList children;
        for (const ForeignKeyRef &ref : cat.referencing(QStringLiteral("books")))
            children << ref.table;
        QCOMPARE(children, (QStringList{QStringLiteral("reviews"), QStringLiteral("tags")}));
        QVERIFY(cat.table("tags")->desc.withoutRowid);
        QCOMPARE(cat.table("tags")->desc.primaryKey(), (QStringList{QStringLiteral("book_id"), QStringLiteral("tag")}));
        QVERIFY(cat.table("settings")->desc.strict);
        const IndexInfo *pages = cat.index(QStringLiteral("books_pages"));
        QVERIFY(pages);
        QVERIFY(pages->partial);
        QCOMPARE(pages->columns, QStringList{QStringLiteral("pages")});
        QVERIFY(cat.index(QStringLiteral("sqlite_autoindex_books_1")));
        QVERIFY(cat.index(QStringLiteral("sqlite_autoindex_books_1"))->sql.isEmpty());
        QCOMPARE(cat.view("cheap_books")->columns.size(), 3);
        QCOMPARE(cat.triggersOf(QStringLiteral("books")).size(), 1);
        // One table only (what a browser needs): the table, its indexes and triggers.
        auto one = LH_OK(readCatalog(m, db, Route::Auto, QStringLiteral("BOOKS")));
        QVERIFY(one.ok());
        QCOMPARE(one.value().tables.size(), 1);
        QVERIFY(one.value().table("books")->desc == b);
        QCOMPARE(one.value().indexesOf(QStringLiteral("books")).size(), cat.indexesOf(QStringLiteral("books")).size());
        QCOMPARE(one.value().triggers.size(), 1);
        QVERIFY(one.value().views.isEmpty());
        // Every table's description, written again, is accepted by SQLite as the same table.
        for (const TableInfo &t : cat.tables) {
            const QString again = t.desc.createSql(QStringLiteral("again_") + t.desc.name);
            QCOMPARE(shell(db, QStringLiteral("SELECT group_concat(name||type||\"notnull\"||ifnull(dflt_value,'')||pk||hidden, ',') "
                                              "FROM pragma_table_xinfo('%1');").arg(t.desc.name)),
                     shell(db, QStringLiteral("BEGIN; %1; SELECT group_concat(name||type||\"notnull\"||ifnull(dflt_value,'')||pk||hidden, ',') "
                                              "FROM pragma_table_xinfo('again_%2'); ROLLBACK;").arg(again, t.desc.name)));
        }
    }

    void changes_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("rebuild");
        QTest::addColumn<QString>("before");   // rows that must come through unchanged
        QTest::addColumn<QString>("after");    // the same rows, read after the change
        QTest::addColumn<QStringList>("present"); // in .schema afterwards
        QTest::addColumn<QStringList>("absent");  // not in .schema afterwards
        QTest::addColumn<QStringList>("gone");    // objects the change drops (announced in the plan)

        const QString rows = QStringLiteral("SELECT id, author_id, title, printf('%.2f', price), isbn, pages, title_upper, total FROM books ORDER BY id;");
        QTest::newRow("rename column") << "books" << "rename" << false << rows
            << QStringLiteral("SELECT id, author_id, title, printf('%.2f', price), isbn, page_count, title_upper, total FROM books ORDER BY id;")
            << QStringList{"page_count INTEGER", "ON books(page_count) WHERE page_count > 100"}
            << QStringList{"pages"} << QStringList{};
        QTest::newRow("change type") << "books" << "type" << true << rows << rows
            << QStringList{"price NUMERIC DEFAULT 0", "CREATE INDEX books_pages ON books(pages) WHERE pages > 100",
                           "CREATE TRIGGER books_audit", "CREATE VIEW cheap_books"}
            << QStringList{"price REAL", "lh_new"} << QStringList{};
        QTest::newRow("rename and change type") << "books" << "renametype" << true << rows
            << QStringLiteral("SELECT id, author_id, title, printf('%.2f', cost), isbn, pages, title_upper, total FROM books ORDER BY id;")
            << QStringList{"cost NUMERIC DEFAULT 0", "CHECK(cost >= 0)", "cost * 2", "WHERE cost < 10",
                           "VALUES (old.id, old.cost, new.cost)"}
            << QStringList{"price", "lh_"} << QStringList{};
        QTest::newRow("reorder columns") << "books" << "reorder" << true << rows << rows
            << QStringList{"id INTEGER PRIMARY KEY AUTOINCREMENT,\n  isbn TEXT UNIQUE,\n  author_id"}
            << QStringList{"lh_new"} << QStringList{};
        QTest::newRow("swap two names") << "books" << "swap" << false << rows
            << QStringLiteral("SELECT id, author_id, title, printf('%.2f', price), pages, isbn, title_upper, total FROM books ORDER BY id;")
            << QStringList{"pages TEXT UNIQUE", "isbn INTEGER", "ON books(isbn) WHERE isbn > 100"}
            << QStringList{"lh_tmp"} << QStringList{};
        QTest::newRow("add NOT NULL column with default") << "books" << "addnotnull" << false << rows << rows
            << QStringList{"format TEXT NOT NULL DEFAULT 'paper'"} << QStringList{} << QStringList{};
        QTest::newRow("drop a column an index uses") << "books" << "dropindexed" << true
            << QStringLiteral("SELECT id, author_id, title, price, isbn, title_upper, total FROM books ORDER BY id;")
            << QStringLiteral("SELECT id, author_id, title, price, isbn, title_upper, total FROM books ORDER BY id;")
            << QStringList{"CREATE INDEX books_title ON books(title)"} << QStringList{"pages"}
            << QStringList{"books_pages"};
        QTest::newRow("add a foreign key") << "audit" << "addfk" << true
            << QStringLiteral("SELECT * FROM audit ORDER BY id;") << QStringLiteral("SELECT * FROM audit ORDER BY id;")
            << QStringList{"FOREIGN KEY(book_id) REFERENCES books(id)"} << QStringList{} << QStringList{};
        QTest::newRow("change type in a WITHOUT ROWID table") << "tags" << "tagtype" << true
            << QStringLiteral("SELECT * FROM tags ORDER BY 1, 2;") << QStringLiteral("SELECT * FROM tags ORDER BY 1, 2;")
            << QStringList{"tag VARCHAR(40) NOT NULL", "WITHOUT ROWID"} << QStringList{} << QStringList{};
    }

    void changes()
    {
        QFETCH(QString, table);
        QFETCH(QString, kind);
        QFETCH(bool, rebuild);
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        QFETCH(QStringList, gone);

        const QString db = fixture();
        QVERIFY(!db.isEmpty());
        // Audit rows (so the new foreign key has rows to check) come from the trigger.
        QCOMPARE(shell(db, QStringLiteral("UPDATE books SET price = price + 0.25 WHERE id <= 3; SELECT count(*) FROM audit;")),
                 QStringLiteral("8"));
        const QString rowsBefore = shell(db, before);
        const QStringList tables = {QStringLiteral("authors"), QStringLiteral("books"), QStringLiteral("reviews"),
                                    QStringLiteral("tags"), QStringLiteral("audit"), QStringLiteral("settings")};
        QString countsSql;
        for (const QString &t : tables)
            countsSql += QStringLiteral("SELECT '%1', count(*) FROM %1;").arg(t);
        const QString countsBefore = shell(db, countsSql);
        const QString seqBefore = shell(db, QStringLiteral("SELECT name, seq FROM sqlite_sequence ORDER BY name;"));
        const QString objectsBefore = shell(db, QStringLiteral("SELECT type, name FROM sqlite_schema ORDER BY name;"));
        const QString viewBefore = shell(db, QStringLiteral("SELECT count(*) FROM cheap_books;"));

        auto plan = change(db, [kind](TableDesc &d) {
            if (kind == QLatin1String("rename")) {
                d.renameColumn(QStringLiteral("pages"), QStringLiteral("page_count"));
            } else if (kind == QLatin1String("type")) {
                col(d, QStringLiteral("price"))->type = QStringLiteral("NUMERIC");
            } else if (kind == QLatin1String("renametype")) {
                d.renameColumn(QStringLiteral("price"), QStringLiteral("cost"));
                col(d, QStringLiteral("cost"))->type = QStringLiteral("NUMERIC");
            } else if (kind == QLatin1String("reorder")) {
                d.columns.move(d.indexOf(QStringLiteral("isbn")), 1);
            } else if (kind == QLatin1String("swap")) {
                col(d, QStringLiteral("isbn"))->name = QStringLiteral("pages_x");
                col(d, QStringLiteral("pages"))->name = QStringLiteral("isbn");
                col(d, QStringLiteral("pages_x"))->name = QStringLiteral("pages");
            } else if (kind == QLatin1String("addnotnull")) {
                ColumnDesc c;
                c.name = QStringLiteral("format");
                c.type = QStringLiteral("TEXT");
                c.notNull = true;
                c.defaultExpr = QStringLiteral("'paper'");
                d.columns.append(c);
            } else if (kind == QLatin1String("dropindexed")) {
                d.columns.removeAt(d.indexOf(QStringLiteral("pages")));
            } else if (kind == QLatin1String("addfk")) {
                ForeignKeyDesc fk;
                fk.columns = QStringList{QStringLiteral("book_id")};
                fk.refTable = QStringLiteral("books");
                fk.refColumns = QStringList{QStringLiteral("id")};
                d.foreignKeys.append(fk);
            } else if (kind == QLatin1String("tagtype")) {
                col(d, QStringLiteral("tag"))->type = QStringLiteral("VARCHAR(40)");
            }
        }, table);
        QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
        QCOMPARE(plan.value().rebuild, rebuild);
        for (const QString &g : gone)
            QVERIFY2(plan.value().warnings.join(QLatin1Char('\n')).contains(g), qPrintable(plan.value().warnings.join('\n')));

        // Every row is still there, with its values.
        QCOMPARE(shell(db, after), rowsBefore);
        QCOMPARE(shell(db, countsSql), countsBefore);
        QCOMPARE(shell(db, QStringLiteral("SELECT name, seq FROM sqlite_sequence ORDER BY name;")), seqBefore);
        QCOMPARE(shell(db, QStringLiteral("PRAGMA integrity_check;")), QStringLiteral("ok"));
        QCOMPARE(shell(db, QStringLiteral("PRAGMA foreign_key_check;")), QString());
        if (kind == QLatin1String("addnotnull"))
            QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM books WHERE format = 'paper';")),
                     shell(db, QStringLiteral("SELECT count(*) FROM books;")));

        // What was asked, and nothing else lost.
        const QString schema = schemaOf(db);
        for (const QString &p : present)
            QVERIFY2(schema.contains(p), qPrintable(QStringLiteral("missing “%1” in:\n%2").arg(p, schema)));
        for (const QString &a : absent)
            QVERIFY2(!QRegularExpression(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(a))).match(schema).hasMatch(),
                     qPrintable(QStringLiteral("“%1” still in:\n%2").arg(a, schema)));
        QString objectsAfter = shell(db, QStringLiteral("SELECT type, name FROM sqlite_schema ORDER BY name;"));
        QString expected = objectsBefore;
        for (const QString &g : gone)
            expected.remove(QStringLiteral("index|%1\n").arg(g));
        QCOMPARE(objectsAfter, expected);
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM cheap_books;")), viewBefore);
        // The trigger still fires, after the change as before.
        if (table == QLatin1String("books")) {
            const QString price = kind == QLatin1String("renametype") ? QStringLiteral("cost") : QStringLiteral("price");
            QCOMPARE(shell(db, QStringLiteral("UPDATE books SET %1 = %1 + 1 WHERE id = 10; SELECT count(*) FROM audit;").arg(price)),
                     QStringLiteral("9"));
        }
    }

    void failingChangeLeavesFileUnchanged()
    {
        const QString db = fixture();
        const QByteArray bytes = fileBytes(db);
        QVERIFY(!bytes.isEmpty());
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        QVERIFY(cat.value().foreignKeys);
        TableDesc d = cat.value().table("books")->desc;
        d.checks.append({QStringLiteral("expensive"), QStringLiteral("price > 1000")});
        auto plan = planAlterTable(cat.value(), d);
        QVERIFY(plan.ok());
        QVERIFY(plan.value().rebuild);
        auto r = await(applySchemaPlan(m, db, plan.value()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("CHECK constraint failed")), qPrintable(r.error().message()));
        QVERIFY2(r.error().message().contains(QLatin1String("Nothing was changed")), qPrintable(r.error().message()));
        QVERIFY(fileBytes(db) == bytes);
        // The session is as it was: foreign keys on again, no transaction.
        auto fk = LH_OK(m.execute(db, QStringLiteral("PRAGMA foreign_keys")));
        QVERIFY(fk.ok());
        QCOMPARE(fk.value().rows.at(0, 0).toInt(), 1);
        QVERIFY(!m.transactionState(db).active);
        QVERIFY(LH_OK(m.close(db)).ok());
        QVERIFY(fileBytes(db) == bytes);
        QVERIFY(!QFile::exists(db + QStringLiteral("-journal")));
    }

    void refusesInsideTransaction()
    {
        const QString db = fixture();
        const QByteArray bytes = fileBytes(db);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        TableDesc d = cat.value().table("books")->desc;
        col(d, QStringLiteral("price"))->type = QStringLiteral("NUMERIC");
        auto plan = planAlterTable(cat.value(), d);
        QVERIFY(plan.ok());
        QVERIFY(LH_OK(m.begin(db)).ok());
        auto r = await(applySchemaPlan(m, db, plan.value()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("open transaction")), qPrintable(r.error().message()));
        QVERIFY(m.transactionState(db).active); // the user's transaction is untouched
        QVERIFY(LH_OK(m.rollback(db)).ok());
        QVERIFY(fileBytes(db) == bytes);
    }

    void refusesWhenATempTableHidesTheTable()
    {
        const QString db = fixture();
        const QByteArray bytes = fileBytes(db);
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        ExecOptions session;
        session.route = Route::Session;
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("CREATE TEMP TABLE books(x)"), {}, session)).ok());
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        TableDesc d = cat.value().table("books")->desc;
        QCOMPARE(d.columns.size(), 8); // the catalog reads the main schema
        col(d, QStringLiteral("price"))->type = QStringLiteral("NUMERIC");
        auto plan = planAlterTable(cat.value(), d);
        QVERIFY(plan.ok());
        auto r = await(applySchemaPlan(m, db, plan.value()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QStringLiteral("TEMP object named “books”")), qPrintable(r.error().message()));
        // The session's TEMP table is still there, and the file is as it was.
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("SELECT x FROM temp.books"), {}, session)).ok());
        QVERIFY(fileBytes(db) == bytes);
    }

    void plainAlterFailureChangesNothing()
    {
        // Two DROP COLUMNs: the first succeeds, SQLite refuses the second
        // (a view needs the column); the first is rolled back with it.
        const QString db = fixture();
        shell(db, QStringLiteral("CREATE VIEW audit_view AS SELECT new_price FROM audit;"));
        const QByteArray bytes = fileBytes(db);
        auto edit = [](TableDesc &d) {
            d.columns.removeAt(d.indexOf(QStringLiteral("old_price")));
            d.columns.removeAt(d.indexOf(QStringLiteral("new_price")));
        };
        auto planned = change(db, edit, QStringLiteral("audit"), /*apply=*/false);
        QVERIFY(planned.ok());
        QVERIFY(!planned.value().rebuild);
        QCOMPARE(planned.value().steps.at(0).sql, QStringLiteral("ALTER TABLE audit DROP COLUMN old_price"));
        auto plan = change(db, edit, QStringLiteral("audit"));
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message().contains(QLatin1String("audit_view")), qPrintable(plan.error().message()));
        QVERIFY2(plan.error().message().contains(QLatin1String("statement 2 of")), qPrintable(plan.error().message()));
        QVERIFY(plan.error().message().contains(QLatin1String("Nothing was changed")));
        QVERIFY(fileBytes(db) == bytes);
        QVERIFY(schemaOf(db).contains(QLatin1String("old_price REAL")));
    }

    void virtualAndInternalTablesAreNotEditable()
    {
        const QString db = fixture();
        shell(db, QStringLiteral("CREATE VIRTUAL TABLE notes USING fts5(body);"));
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        const TableInfo *notes = cat.value().table(QStringLiteral("notes"));
        QVERIFY(notes);
        QVERIFY(notes->isVirtual);
        QVERIFY(!notes->editable);
        // fts5's own columns are hidden ones.
        QStringList shownColumns, hiddenColumns;
        for (const ColumnDesc &c : notes->desc.columns)
            (c.hidden ? hiddenColumns : shownColumns) << c.name;
        QCOMPARE(shownColumns, QStringList{QStringLiteral("body")});
        QCOMPARE(hiddenColumns, (QStringList{QStringLiteral("notes"), QStringLiteral("rank")}));
        auto plan = planAlterTable(cat.value(), notes->desc);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message().contains(QLatin1String("virtual table")), qPrintable(plan.error().message()));
        const TableInfo *seq = cat.value().table(QStringLiteral("sqlite_sequence"));
        QVERIFY(seq);
        QVERIFY(!seq->editable);
        // A drop of the virtual table is planned (its module drops its own tables).
        auto drop = planDrop(cat.value(), QStringLiteral("notes"));
        QVERIFY(drop.ok());
        QCOMPARE(drop.value().steps.first().sql, QStringLiteral("DROP TABLE notes"));
    }

    void refusesWhenSchemaChanged()
    {
        const QString db = fixture();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        TableDesc d = cat.value().table("books")->desc;
        d.renameColumn(QStringLiteral("pages"), QStringLiteral("page_count"));
        auto plan = planAlterTable(cat.value(), d);
        QVERIFY(plan.ok());
        QVERIFY(LH_OK(m.execute(db, QStringLiteral("CREATE TABLE meanwhile(x)"))).ok());
        auto r = await(applySchemaPlan(m, db, plan.value()));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(QLatin1String("schema changed")), qPrintable(r.error().message()));
        QVERIFY(schemaOf(db).contains(QLatin1String("pages INTEGER")));
    }

    void foreignKeyCheckFailsTheChange()
    {
        const QString db = fixture();
        shell(db, QStringLiteral("INSERT INTO audit(book_id) VALUES (999);"));
        const QByteArray bytes = fileBytes(db);
        auto plan = change(db, [](TableDesc &d) {
            d.foreignKeys.append({{}, {QStringLiteral("book_id")}, QStringLiteral("books"), {QStringLiteral("id")}, {}, {}, {}});
        }, QStringLiteral("audit"));
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message().contains(QLatin1String("foreign key check failed")), qPrintable(plan.error().message()));
        QVERIFY(fileBytes(db) == bytes);
    }

    void createIndexViewTriggerAndDrop()
    {
        const QString db = fixture();
        Manager m;
        QVERIFY(LH_OK(m.open(db)).ok());
        auto step = [&](const std::function<Outcome<SchemaPlan>(const Catalog &)> &make) -> QString {
            auto cat = await(readCatalog(m, db, Route::Writer));
            if (!cat)
                return cat.error().message();
            auto plan = make(cat.value());
            if (!plan)
                return plan.error().message();
            auto r = await(applySchemaPlan(m, db, plan.value()));
            return r ? QString() : r.error().message();
        };
        IndexDesc ix;
        ix.name = QStringLiteral("books_price");
        ix.table = QStringLiteral("books");
        ix.unique = false;
        ix.columns = {IndexColumn{QStringLiteral("price"), {}, {}, true}, IndexColumn{QStringLiteral("title"), {}, QStringLiteral("NOCASE"), false}};
        ix.where = QStringLiteral("price > 5");
        QCOMPARE(step([&](const Catalog &c) { return planCreateIndex(c, ix); }), QString());
        QCOMPARE(sqlOf(db, QStringLiteral("books_price")),
                 QStringLiteral("CREATE INDEX books_price ON books(price DESC, title COLLATE NOCASE) WHERE price > 5"));
        QCOMPARE(step([&](const Catalog &c) { return planCreateView(c, QStringLiteral("dear"), QStringLiteral("SELECT title FROM books WHERE price > 20;")); }),
                 QString());
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM dear;")), shell(db, QStringLiteral("SELECT count(*) FROM books WHERE price > 20;")));
        TriggerDesc tr;
        tr.name = QStringLiteral("no_free_books");
        tr.table = QStringLiteral("books");
        tr.timing = QStringLiteral("BEFORE");
        tr.event = QStringLiteral("INSERT");
        tr.when = QStringLiteral("new.price = 0");
        tr.body = QStringLiteral("SELECT RAISE(ABORT, 'free books are not sold')");
        QCOMPARE(step([&](const Catalog &c) { return planCreateTrigger(c, tr); }), QString());
        QVERIFY(shell(db, QStringLiteral("INSERT INTO books(author_id, title, price) VALUES (1, 'x', 0);")).startsWith(QLatin1String("<sqlite3 failed")));
        // A view from SQL that is not one SELECT is refused with a reason.
        auto cat = LH_OK(readCatalog(m, db, Route::Writer));
        QVERIFY(cat.ok());
        auto bad = planCreateView(cat.value(), QStringLiteral("v2"), QStringLiteral("DELETE FROM books"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message().contains(QLatin1String("SELECT")));
        // What depends on books, for the drop confirmation.
        const QStringList deps = dependentsOf(cat.value(), QStringLiteral("books"));
        const QString all = deps.join(QLatin1Char('\n'));
        for (const char *want : {"index books_title", "index books_pages", "index books_price", "trigger books_audit",
                                 "trigger no_free_books", "view cheap_books", "view dear", "table reviews", "table tags"})
            QVERIFY2(all.contains(QLatin1String(want)), qPrintable(all));
        // Drops: the index, the trigger, the view; then the table goes with its own.
        for (const char *name : {"books_price", "no_free_books", "dear"})
            QCOMPARE(step([&](const Catalog &c) { return planDrop(c, QLatin1String(name)); }), QString());
        QCOMPARE(sqlOf(db, QStringLiteral("books_price")), QString());
        QCOMPARE(shell(db, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name IN ('books_price', 'no_free_books', 'dear');")),
                 QStringLiteral("0"));
        auto autoIndex = planDrop(cat.value(), QStringLiteral("sqlite_autoindex_books_1"));
        QVERIFY(!autoIndex.ok());
        QVERIFY(autoIndex.error().message().contains(QLatin1String("change the table instead")));
        QCOMPARE(step([&](const Catalog &c) { return planDrop(c, QStringLiteral("audit")); }), QString());
        QVERIFY(!schemaOf(db).contains(QLatin1String("CREATE TABLE audit")));
    }

    void migrationFilesReplayAndRevert()
    {
        // The up and down scripts of a rebuild, as migration files, run by
        // the migrations runner on a copy made before the change.
        const QString db = fixture();
        const QString copy = m_dir.filePath(QStringLiteral("replay.db"));
        QVERIFY(QFile::copy(db, copy));
        auto plan = change(db, [](TableDesc &d) {
            d.renameColumn(QStringLiteral("price"), QStringLiteral("cost"));
            col(d, QStringLiteral("cost"))->type = QStringLiteral("NUMERIC");
            d.columns.removeAt(d.indexOf(QStringLiteral("pages")));
        }, QStringLiteral("books"), /*apply=*/false);
        QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
        QVERIFY(plan.value().hasDown());
        QVERIFY(plan.value().downNote.contains(QLatin1String("pages")));
        const QString folder = m_dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        auto write = [](const QString &path, const QString &text) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
        };
        QVERIFY(write(folder + QStringLiteral("/001_modify_books.up.sql"), plan.value().migrationScript(false)));
        QVERIFY(write(folder + QStringLiteral("/001_modify_books.down.sql"), plan.value().migrationScript(true)));
        const QString schemaBefore = schemaOf(copy);
        const QString rows = shell(copy, QStringLiteral("SELECT id, title, printf('%.2f', price) FROM books ORDER BY id;"));
        Manager m;
        QVERIFY(LH_OK(m.open(copy)).ok());
        MigrationRunner runner(m, copy, folder);
        auto up = await(runner.up());
        QVERIFY2(up.ok(), qPrintable(up.error().message()));
        QVERIFY(schemaOf(copy).contains(QLatin1String("cost NUMERIC")));
        QCOMPARE(shell(copy, QStringLiteral("SELECT id, title, printf('%.2f', cost) FROM books ORDER BY id;")), rows);
        QCOMPARE(shell(copy, QStringLiteral("PRAGMA integrity_check;")), QStringLiteral("ok"));
        auto down = await(runner.down());
        QVERIFY2(down.ok(), qPrintable(down.error().message()));
        QCOMPARE(shell(copy, QStringLiteral("SELECT id, title, printf('%.2f', price) FROM books ORDER BY id;")), rows);
        // The same definitions come back (the tables SQLite rewrote are quoted; the migrations table is new).
        QString back = schemaOf(copy);
        QVERIFY2(back.contains(QLatin1String("price REAL DEFAULT 0")), qPrintable(back));
        QVERIFY(back.contains(QLatin1String("CREATE INDEX books_pages ON books(pages) WHERE pages > 100")));
        QVERIFY(back.contains(QLatin1String("VALUES (old.id, old.price, new.price)")));
        QVERIFY(back.contains(QLatin1String("WHERE price < 10")));
        Q_UNUSED(schemaBefore)
        QCOMPARE(shell(copy, QStringLiteral("PRAGMA foreign_key_check;")), QString());
    }

    void savesTheNextMigration()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto first = saveAsMigration(dir.path(), QStringLiteral("create_notes"), QStringLiteral("CREATE TABLE notes(x);\n"),
                                     QStringLiteral("DROP TABLE notes;\n"));
        QVERIFY2(first.ok(), qPrintable(first.error().message()));
        QCOMPARE(first.value(), (QStringList{dir.filePath("001_create_notes.up.sql"), dir.filePath("001_create_notes.down.sql")}));
        QCOMPARE(fileBytes(dir.filePath("001_create_notes.up.sql")), QByteArray("CREATE TABLE notes(x);\n"));
        QFile wide(dir.filePath("0007_other.up.sql"));
        QVERIFY(wide.open(QIODevice::WriteOnly));
        wide.close();
        auto second = saveAsMigration(dir.path(), QStringLiteral("drop_notes"), QStringLiteral("DROP TABLE notes;\n"));
        QVERIFY(second.ok());
        QCOMPARE(second.value(), QStringList{dir.filePath("0008_drop_notes.up.sql")});
        QVERIFY(!QFile::exists(dir.filePath("0008_drop_notes.down.sql")));
        auto bad = saveAsMigration(dir.path(), QStringLiteral("no spaces"), QStringLiteral("SELECT 1;"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message().contains(QLatin1String("letters, digits and underscores")));
        QFile junk(dir.filePath("notes.sql"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.close();
        auto refused = saveAsMigration(dir.path(), QStringLiteral("third"), QStringLiteral("SELECT 1;"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(QLatin1String("notes.sql")), qPrintable(refused.error().message()));
    }

    void plainPlansAreAlterTable()
    {
        const QString db = fixture();
        auto plan = change(db, [](TableDesc &d) {
            d.name = QStringLiteral("volumes");
            d.renameColumn(QStringLiteral("pages"), QStringLiteral("page_count"));
        }, QStringLiteral("books"), /*apply=*/false);
        QVERIFY(plan.ok());
        QVERIFY(!plan.value().rebuild);
        const QString s = plan.value().script();
        QVERIFY2(s.contains(QLatin1String("ALTER TABLE books RENAME COLUMN pages TO page_count;")), qPrintable(s));
        QVERIFY(s.contains(QLatin1String("ALTER TABLE books RENAME TO volumes;")));
        QVERIFY(!s.contains(QLatin1String("foreign_keys=OFF")));
        QVERIFY(plan.value().downScript().contains(QLatin1String("ALTER TABLE volumes RENAME TO books;")));
        // A rebuild says every step, with foreign keys off around it.
        auto rebuild = change(db, [](TableDesc &d) { col(d, QStringLiteral("price"))->type = QStringLiteral("NUMERIC"); },
                              QStringLiteral("books"), false);
        QVERIFY(rebuild.ok());
        const QString r = rebuild.value().script();
        for (const char *want : {"PRAGMA foreign_keys=OFF;", "BEGIN IMMEDIATE;", "CREATE TABLE lh_new_books", "INSERT INTO lh_new_books",
                                 "DROP TABLE books;", "PRAGMA legacy_alter_table=ON;", "ALTER TABLE lh_new_books RENAME TO books;",
                                 "CREATE INDEX books_title ON books(title);", "CREATE TRIGGER books_audit",
                                 "SELECT * FROM cheap_books LIMIT 0;", "PRAGMA foreign_key_check(books);",
                                 "PRAGMA foreign_key_check(reviews);", "COMMIT;", "PRAGMA foreign_keys=ON;"})
            QVERIFY2(r.contains(QLatin1String(want)), qPrintable(QStringLiteral("no “%1” in\n%2").arg(QLatin1String(want), r)));
        // Nothing changed: an empty plan.
        auto none = change(db, [](TableDesc &) {}, QStringLiteral("books"), false);
        QVERIFY(none.ok());
        QVERIFY(none.value().isEmpty());
        // Bad input is refused with the reason.
        auto bad = change(db, [](TableDesc &d) { d.columns[1].name = d.columns[2].name; }, QStringLiteral("books"), false);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message().contains(QLatin1String("two columns are named")), qPrintable(bad.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
