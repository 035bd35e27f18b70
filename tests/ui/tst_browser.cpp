#include <browser/browsermodel.h>
#include <browser/filterheader.h>
#include <browser/tablebrowser.h>
#include <editor/sqleditor.h>
#include <mainwindow/mainwindow.h>
#include <query/querytab.h>
#include <schema/schemadock.h>
#include <schema/schemamodel.h>

#include <core/sqlclassify.h>

#include <QAction>
#include <QFileInfo>
#include <QFont>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Litehouse;

class TestBrowser : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_dbNo = 0;

    // A fresh database, created by a script.
    QString makeDb(Manager &m, const QString &script)
    {
        const QString path = m_dir.filePath(QStringLiteral("b%1.db").arg(++m_dbNo));
        auto o = await(m.open(path));
        if (!o)
            qFatal("open failed: %s", qPrintable(o.error().message()));
        if (!script.isEmpty()) {
            auto r = await(m.executeScript(path, script));
            if (!r)
                qFatal("script failed: %s", qPrintable(r.error().message()));
        }
        return o.value().path;
    }
    static QList<Value> query(Manager &m, const QString &db, const QString &sql, const Params &p = {})
    {
        auto r = await(m.execute(db, sql, p));
        QList<Value> out;
        if (!r) {
            qWarning() << r.error().message();
            return out;
        }
        for (qsizetype i = 0; i < r.value().rows.rowCount(); ++i)
            out << r.value().rows.at(i, 0);
        return out;
    }
    static QList<qint64> ints(const QList<Value> &values)
    {
        QList<qint64> out;
        for (const Value &v : values)
            out << v.toInt();
        return out;
    }
    // A column of the browser's model, as values.
    static QList<Value> shown(BrowserModel *model, int col)
    {
        QList<Value> out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << *model->valueAt(r, col);
        return out;
    }
    // Waits for the next page after an action.
    template<typename F>
    static bool loadAfter(BrowserModel *model, F &&action)
    {
        QSignalSpy loaded(model, &BrowserModel::pageLoaded);
        action();
        return loaded.wait(10000);
    }
    static bool ready(TableBrowser &b)
    {
        return QTest::qWaitFor([&b] { return b.model()->columnCount() > 0 && !b.model()->isFetching()
                                             && !b.model()->lastSql().isEmpty(); }, 10000);
    }
    // Fetches every page (a grid on screen may ask for pages too).
    static void fetchAll(BrowserModel *model)
    {
        while (!model->atEnd()) {
            QSignalSpy loaded(model, &BrowserModel::pageLoaded);
            if (model->canFetchMore({}))
                model->fetchMore({});
            QVERIFY(model->isFetching());
            QVERIFY(loaded.wait(10000));
        }
        QVERIFY(!model->canFetchMore({}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_browser"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void schemaListsEveryKindWithColumns()
    {
        Manager m;
        SchemaModel model(&m);
        const QString db = makeDb(m, QStringLiteral(
            "CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, cover BLOB, misc);"
            "CREATE TABLE authors(name VARCHAR(80) UNIQUE, born DATE);"
            "CREATE VIEW cheap AS SELECT title, price FROM books WHERE price < 10;"
            "CREATE INDEX books_title ON books(title);"
            "CREATE TRIGGER books_touch AFTER UPDATE ON books BEGIN SELECT 1; END;"));
        QTRY_COMPARE(model.objectNames(db, SchemaModel::Kind::Table), (QStringList{"authors", "books"}));
        QCOMPARE(model.objectNames(db, SchemaModel::Kind::View), QStringList{"cheap"});
        QCOMPARE(model.objectNames(db, SchemaModel::Kind::Index), (QStringList{"books_title", "sqlite_autoindex_authors_1"}));
        QCOMPARE(model.objectNames(db, SchemaModel::Kind::Trigger), QStringList{"books_touch"});
        QCOMPARE(model.columnsOf(db, QStringLiteral("books")),
                 (QStringList{"id INTEGER", "title TEXT", "price REAL", "cover BLOB", "misc"}));
        QCOMPARE(model.columnsOf(db, QStringLiteral("authors")), (QStringList{"name VARCHAR(80)", "born DATE"}));
        QCOMPARE(model.columnsOf(db, QStringLiteral("cheap")), (QStringList{"title TEXT", "price REAL"}));
        // The index shows its table and that it is unique.
        QStandardItem *indexes = model.groupItem(db, SchemaModel::Kind::Index);
        QVERIFY(indexes);
        QCOMPARE(indexes->child(1, 1)->text(), QStringLiteral("unique on authors"));
        QCOMPARE(indexes->child(0, 1)->text(), QStringLiteral("on books"));
        // The database item is named after the file.
        QCOMPARE(model.databaseItem(db)->text(), QFileInfo(db).fileName());
    }

    void schemaRefreshesAfterDdlOnly()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE a(x);"));
        SchemaModel model(&m);
        QTRY_COMPARE(model.objectNames(db, SchemaModel::Kind::Table), QStringList{"a"});
        QSignalSpy refreshed(&model, &SchemaModel::refreshed);
        // A plain query changes nothing and reads nothing again.
        QVERIFY(await(m.execute(db, QStringLiteral("SELECT * FROM a"))).ok());
        QTest::qWait(200);
        QCOMPARE(refreshed.size(), 0);
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE TABLE \"new one\"(k INTEGER, v TEXT)"))).ok());
        QTRY_COMPARE(model.objectNames(db, SchemaModel::Kind::Table), (QStringList{"a", "new one"}));
        QCOMPARE(model.columnsOf(db, QStringLiteral("new one")), (QStringList{"k INTEGER", "v TEXT"}));
        QVERIFY(await(m.execute(db, QStringLiteral("ALTER TABLE a ADD COLUMN y NUMERIC"))).ok());
        QTRY_COMPARE(model.columnsOf(db, QStringLiteral("a")), (QStringList{"x", "y NUMERIC"}));
        QVERIFY(await(m.execute(db, QStringLiteral("DROP TABLE a"))).ok());
        QTRY_COMPARE(model.objectNames(db, SchemaModel::Kind::Table), QStringList{"new one"});
        // Closing the database takes it out of the tree.
        QVERIFY(await(m.close(db)).ok());
        QTRY_VERIFY(!model.databaseItem(db));
    }

    void dockDoubleClickAndMenuSignals()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE \"odd \"\"name\"(x); CREATE INDEX i ON \"odd \"\"name\"(x);"));
        SchemaDock dock(&m);
        QCOMPARE(dock.objectName(), QStringLiteral("schemaDock"));
        dock.resize(400, 500);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        SchemaModel *model = dock.model();
        QTRY_COMPARE(model->objectNames(db, SchemaModel::Kind::Table), QStringList{"odd \"name"});
        QStandardItem *tables = model->groupItem(db, SchemaModel::Kind::Table);
        // The new database opens onto its tables.
        QTRY_VERIFY(dock.view()->isExpanded(tables->index()));
        const QModelIndex table = tables->child(0)->index();
        QSignalSpy activated(&dock, &SchemaDock::tableActivated);
        const QRect r = dock.view()->visualRect(table);
        QVERIFY(r.isValid());
        QTest::mouseClick(dock.view()->viewport(), Qt::LeftButton, {}, r.center());
        QTest::mouseDClick(dock.view()->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).toString(), db);
        QCOMPARE(activated.first().at(1).toString(), QStringLiteral("odd \"name"));
        // Return on the selected table does the same.
        dock.view()->setCurrentIndex(table);
        QTest::keyClick(dock.view(), Qt::Key_Return);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.last().at(1).toString(), QStringLiteral("odd \"name"));
        // Double-clicking an index browses nothing.
        QStandardItem *indexes = model->groupItem(db, SchemaModel::Kind::Index);
        dock.view()->expand(indexes->index());
        const QPoint at = dock.view()->visualRect(indexes->child(0)->index()).center();
        QTest::mouseClick(dock.view()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(dock.view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.size(), 2);
        // Expansion survives a refresh after DDL.
        dock.view()->expand(table);
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE TABLE z(y)"))).ok());
        QTRY_COMPARE(model->objectNames(db, SchemaModel::Kind::Table).size(), 2);
        tables = model->groupItem(db, SchemaModel::Kind::Table);
        QTRY_VERIFY(dock.view()->isExpanded(tables->child(0)->index()));
        QVERIFY(dock.view()->isExpanded(model->groupItem(db, SchemaModel::Kind::Index)->index()));
    }

    void filtersBindHostileValues_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QList<Value>>("params"); // without the LIMIT
        QTest::addColumn<QList<qint64>>("ids");
        const QString like = QStringLiteral("\"s\" LIKE ? ESCAPE '\\'");
        QTest::newRow("injection") << 1 << "'; DROP TABLE t; --" << like << QList<Value>{Value("%'; DROP TABLE t; --%")} << QList<qint64>{1};
        QTest::newRow("percent") << 1 << "%" << like << QList<Value>{Value("%\\%%")} << QList<qint64>{2};
        QTest::newRow("underscore") << 1 << "_" << like << QList<Value>{Value("%\\_%")} << QList<qint64>{3};
        QTest::newRow("quote") << 1 << "'" << like << QList<Value>{Value("%'%")} << QList<qint64>{1, 4};
        QTest::newRow("unicode") << 1 << QString::fromUtf8("Grü") << like << QList<Value>{Value(QString::fromUtf8("%Grü%"))} << QList<qint64>{5};
        QTest::newRow("emoji") << 1 << QString::fromUtf8("🦆") << like << QList<Value>{Value(QString::fromUtf8("%🦆%"))} << QList<qint64>{6};
        QTest::newRow("is null") << 1 << "is null" << "\"s\" IS NULL" << QList<Value>{} << QList<qint64>{8};
        QTest::newRow("not null") << 2 << "NOT NULL" << "\"n\" IS NOT NULL" << QList<Value>{} << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8};
        QTest::newRow("empty text, quoted") << 1 << "= ''" << "\"s\" = ?" << QList<Value>{Value("")} << QList<qint64>{7};
        QTest::newRow("equals quoted injection") << 1 << "= '''; DROP TABLE t; --'" << "\"s\" = ?" << QList<Value>{Value("'; DROP TABLE t; --")} << QList<qint64>{1};
        QTest::newRow(">= number") << 2 << ">= 5" << "\"n\" >= ?" << QList<Value>{Value(qint64(5))} << QList<qint64>{5, 6, 7, 8};
        QTest::newRow("<> number") << 2 << "<>3" << "\"n\" <> ?" << QList<Value>{Value(qint64(3))} << QList<qint64>{1, 2, 4, 5, 6, 7, 8};
        QTest::newRow("< text compares as text") << 1 << "< b" << "\"s\" < ?" << QList<Value>{Value("b")} << QList<qint64>{1, 2, 3, 5, 7};
    }

    void filtersBindHostileValues()
    {
        QFETCH(int, column);
        QFETCH(QString, filter);
        QFETCH(QString, where);
        QFETCH(QList<Value>, params);
        QFETCH(QList<qint64>, ids);
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, n INTEGER);"));
        const QList<Value> texts = {Value("'; DROP TABLE t; --"), Value("100%"), Value("a_b"), Value("it's"),
                                    Value(QString::fromUtf8("Grüße")), Value(QString::fromUtf8("duck 🦆")), Value(""), Value()};
        for (qsizetype i = 0; i < texts.size(); ++i)
            QVERIFY(await(m.execute(db, QStringLiteral("INSERT INTO t(s, n) VALUES (?, ?)"), {texts.at(i), Value(i + 1)})).ok());

        TableBrowser b(&m, db, QStringLiteral("t"));
        b.show();
        QVERIFY(ready(b));
        QCOMPARE(b.model()->rowCount(), 8);
        QVERIFY(b.filterEdit(column));
        QVERIFY(loadAfter(b.model(), [&] {
            b.filterEdit(column)->setText(filter);
            b.applyFilters();
        }));
        const QString sql = QStringLiteral("SELECT \"rowid\", \"id\", \"s\", \"n\" FROM \"t\" WHERE %1 ORDER BY \"rowid\" ASC LIMIT ?").arg(where);
        QCOMPARE(b.model()->lastSql(), sql);
        QCOMPARE(b.sqlText(), sql);
        QCOMPARE(b.model()->lastParams().positional, params + QList<Value>{Value(qint64(200))});
        QVERIFY(b.model()->lastParams().named.isEmpty());
        QCOMPARE(ints(shown(b.model(), 0)), ids);
        for (const Value &p : params)
            QVERIFY(b.paramsText().contains(BrowserModel::sqlLiteral(p)));
        // The editor's copy, values written in as literals, finds the same rows.
        const QString editorSql = b.model()->editorSql();
        QVERIFY(!editorSql.contains(QLatin1Char('?')) || filter.contains(QLatin1Char('?')));
        QCOMPARE(ints(query(m, db, editorSql)), ids);
        QSignalSpy toEditor(&b, &TableBrowser::openInEditor);
        b.openInEditorButton()->click();
        QCOMPARE(toEditor.size(), 1);
        QCOMPARE(toEditor.first().first().toString(), editorSql);
        // The table is still there, with every row.
        QCOMPARE(ints(query(m, db, QStringLiteral("SELECT count(*) FROM t"))), QList<qint64>{8});
    }

    void typingAFilterAppliesAfterAPause()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE t(s TEXT); INSERT INTO t VALUES ('apple'), ('banana'), ('cherry');"));
        TableBrowser b(&m, db, QStringLiteral("t"));
        b.show();
        QVERIFY(ready(b));
        QTest::keyClicks(b.filterEdit(0), QStringLiteral("an"));
        QTRY_COMPARE(b.model()->rowCount(), 1);
        QCOMPARE(b.model()->valueAt(0, 0)->toString(), QStringLiteral("banana"));
        // A bare operator is not applied and says why.
        b.filterEdit(0)->setText(QStringLiteral(">="));
        b.applyFilters();
        QTRY_COMPARE(b.model()->rowCount(), 3);
        QVERIFY(b.filterEdit(0)->toolTip().contains(QStringLiteral(">=")));
    }

    void headerClicksSortAscDescNone()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT);"
            "INSERT INTO t(name) VALUES ('delta'), ('alpha'), (NULL), ('charlie'), ('bravo');"));
        TableBrowser b(&m, db, QStringLiteral("t"));
        b.resize(800, 400);
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QVERIFY(ready(b));
        auto names = [&] {
            QStringList out;
            for (const Value &v : shown(b.model(), 1))
                out << (v.isNull() ? QStringLiteral("<null>") : v.toString());
            return out;
        };
        QCOMPARE(names(), (QStringList{"delta", "alpha", "<null>", "charlie", "bravo"}));
        FilterHeader *h = b.header();
        const QPoint title(h->sectionViewportPosition(1) + h->sectionSize(1) / 2, h->viewport()->height() / 2);
        QVERIFY(loadAfter(b.model(), [&] { QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, title); }));
        QCOMPARE(names(), (QStringList{"<null>", "alpha", "bravo", "charlie", "delta"}));
        QVERIFY(b.model()->lastSql().contains(QStringLiteral("ORDER BY \"name\" ASC, \"rowid\" ASC")));
        QCOMPARE(b.model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("name ▲"));
        QVERIFY(loadAfter(b.model(), [&] { QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, title); }));
        QCOMPARE(names(), (QStringList{"delta", "charlie", "bravo", "alpha", "<null>"}));
        QVERIFY(b.model()->lastSql().contains(QStringLiteral("ORDER BY \"name\" DESC, \"rowid\" DESC")));
        QCOMPARE(b.model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("name ▼"));
        QVERIFY(loadAfter(b.model(), [&] { QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, title); }));
        QCOMPARE(names(), (QStringList{"delta", "alpha", "<null>", "charlie", "bravo"}));
        QVERIFY(!b.model()->lastSql().contains(QStringLiteral("\"name\" ASC")));
        QCOMPARE(b.model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("name"));
        // Clicking a filter box does not sort.
        QTest::mouseClick(b.filterEdit(1), Qt::LeftButton);
        QTest::qWait(100);
        QCOMPARE(b.model()->sortColumn(), -1);
    }

    void keysetPagingVisitsEveryRowOnce_data()
    {
        QTest::addColumn<int>("sortColumn");
        QTest::addColumn<int>("order");
        QTest::addColumn<QString>("reference");
        QTest::newRow("key order") << -1 << int(Qt::AscendingOrder) << "SELECT id FROM t ORDER BY rowid";
        QTest::newRow("NOT NULL column, descending") << 1 << int(Qt::DescendingOrder) << "SELECT id FROM t ORDER BY g DESC, rowid DESC";
        QTest::newRow("nullable duplicates, ascending") << 2 << int(Qt::AscendingOrder) << "SELECT id FROM t ORDER BY h ASC, rowid ASC";
        QTest::newRow("nullable duplicates, descending") << 2 << int(Qt::DescendingOrder) << "SELECT id FROM t ORDER BY h DESC, rowid DESC";
    }

    void keysetPagingVisitsEveryRowOnce()
    {
        QFETCH(int, sortColumn);
        QFETCH(int, order);
        QFETCH(QString, reference);
        Manager m;
        // 5000 rows; g repeats (NOT NULL), h repeats and is NULL for every 7th row.
        const QString db = makeDb(m, QStringLiteral(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, g INTEGER NOT NULL, h TEXT);"
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
            "INSERT INTO t SELECT x, x % 13, CASE WHEN x % 7 = 0 THEN NULL ELSE 'v' || (x % 50) END FROM c;"));
        // The model alone: no grid asks for pages behind the test's back.
        BrowserModel bm(&m, db, QStringLiteral("t"));
        BrowserModel *model = &bm;
        QVERIFY(loadAfter(model, [&] { model->load(); }));
        QCOMPARE(model->rowCount(), 200);
        QVERIFY(model->canFetchMore({}));
        if (sortColumn >= 0)
            QVERIFY(loadAfter(model, [&] { model->setSort(sortColumn, Qt::SortOrder(order)); }));
        QCOMPARE(model->rowCount(), 200);
        const QList<qint64> expected = ints(query(m, db, reference));
        QCOMPARE(expected.size(), 5000);
        QCOMPARE(ints(shown(model, 0)), expected.mid(0, 200));
        // The next page follows on, by key.
        QVERIFY(loadAfter(model, [&] { model->fetchMore({}); }));
        QCOMPARE(model->rowCount(), 400);
        QCOMPARE(ints(shown(model, 0)), expected.mid(0, 400));
        const QString sql = model->lastSql();
        QVERIFY2(!sql.contains(QStringLiteral("OFFSET"), Qt::CaseInsensitive), qPrintable(sql));
        QVERIFY2(sql.contains(QLatin1Char('>')) || sql.contains(QLatin1Char('<')), qPrintable(sql));
        QCOMPARE(model->lastParams().positional.last(), Value(qint64(200)));
        // The strip keeps showing the first page's statement.
        QVERIFY(!model->firstSql().contains(QLatin1Char('>')) && !model->firstSql().contains(QLatin1Char('<')));
        QCOMPARE(model->firstParams().positional, QList<Value>{Value(qint64(200))});
        fetchAll(model);
        QCOMPARE(ints(shown(model, 0)), expected);
        QVERIFY(!model->lastSql().contains(QStringLiteral("OFFSET"), Qt::CaseInsensitive));
        QVERIFY(!model->canFetchMore({}));
    }

    void hostileNamesBrowse()
    {
        Manager m;
        const QString table = QStringLiteral("we\"ird; [t]'able");
        const QStringList cols = {QStringLiteral("co\"l 1"), QStringLiteral("[x];"), QStringLiteral("rowid"), QStringLiteral("sel ect")};
        QString create = QStringLiteral("CREATE TABLE %1(").arg(quoteIdentifier(table));
        for (qsizetype i = 0; i < cols.size(); ++i)
            create += (i ? QStringLiteral(", ") : QString()) + quoteIdentifier(cols.at(i));
        create += QStringLiteral(");");
        const QString db = makeDb(m, create);
        for (int i = 1; i <= 30; ++i)
            QVERIFY(await(m.execute(db, QStringLiteral("INSERT INTO %1 VALUES (?, ?, ?, ?)").arg(quoteIdentifier(table)),
                                    {Value(i), Value(QStringLiteral("x%1'").arg(i)), Value(100 - i), Value(i % 3)})).ok());
        TableBrowser b(&m, db, table);
        b.model()->setPageSize(7);
        QVERIFY(ready(b));
        QCOMPARE(b.model()->columnNames(), cols);
        // A column called rowid hides the rowid: the browser keys by another of its names.
        QCOMPARE(b.model()->keyColumns(), QStringList{"_rowid_"});
        fetchAll(b.model());
        QCOMPARE(b.model()->rowCount(), 30);
        QList<qint64> expected;
        for (int i = 1; i <= 30; ++i)
            expected << i;
        QCOMPARE(ints(shown(b.model(), 0)), expected);
        QCOMPARE(shown(b.model(), 2).first(), Value(qint64(99)));
        // Sort by the column named rowid, descending, filtered on a hostile column name.
        QVERIFY(loadAfter(b.model(), [&] {
            b.filterEdit(3)->setText(QStringLiteral("= 1"));
            b.applyFilters();
        }));
        QVERIFY(loadAfter(b.model(), [&] { b.model()->setSort(2, Qt::DescendingOrder); }));
        fetchAll(b.model());
        QList<qint64> ones;
        for (int i = 1; i <= 30; ++i)
            if (i % 3 == 1)
                ones << i;
        QCOMPARE(ints(shown(b.model(), 0)), ones);
        QVERIFY(b.model()->lastSql().contains(quoteIdentifier(table)));
        // The editor gets the first page's statement, LIMIT and all.
        QVERIFY(b.model()->editorSql().endsWith(QStringLiteral(" LIMIT 7;")));
        QCOMPARE(ints(query(m, db, b.model()->editorSql())), ones.mid(0, 7));

        // WITHOUT ROWID: pages by the (two-column) primary key.
        const QString wr = QStringLiteral("k]ey'd \"t\"");
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE TABLE %1(\"a;\" TEXT, \"b b\" INTEGER, v, PRIMARY KEY(\"b b\", \"a;\")) WITHOUT ROWID")
                                        .arg(quoteIdentifier(wr)))).ok());
        for (int i = 0; i < 20; ++i)
            QVERIFY(await(m.execute(db, QStringLiteral("INSERT INTO %1 VALUES (?, ?, ?)").arg(quoteIdentifier(wr)),
                                    {Value(QStringLiteral("k%1").arg(i % 4)), Value(i / 4), Value(i)})).ok());
        TableBrowser w(&m, db, wr);
        w.model()->setPageSize(3);
        QVERIFY(ready(w));
        QCOMPARE(w.model()->keyColumns(), (QStringList{"b b", "a;"}));
        fetchAll(w.model());
        QCOMPARE(w.model()->rowCount(), 20);
        QList<qint64> seq;
        for (int i = 0; i < 20; ++i)
            seq << i;
        QCOMPARE(ints(shown(w.model(), 2)), seq);
        QVERIFY(!w.model()->lastSql().contains(QStringLiteral("rowid")));

        // A view with a hostile name streams its rows.
        const QString view = QStringLiteral("v'i\"ew; --");
        QVERIFY(await(m.execute(db, QStringLiteral("CREATE VIEW %1 AS SELECT \"sel ect\" AS s, count(*) AS c FROM %2 GROUP BY 1")
                                        .arg(quoteIdentifier(view), quoteIdentifier(table)))).ok());
        TableBrowser v(&m, db, view);
        QVERIFY(ready(v));
        QVERIFY(v.model()->isView());
        fetchAll(v.model());
        QCOMPARE(ints(shown(v.model(), 1)), (QList<qint64>{10, 10, 10}));
        QVERIFY(loadAfter(v.model(), [&] { v.model()->setSort(0, Qt::DescendingOrder); }));
        fetchAll(v.model());
        QCOMPARE(ints(shown(v.model(), 0)), (QList<qint64>{2, 1, 0}));
    }

    void changesElsewhereShowWhenBrowserIsShown()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT); INSERT INTO t(s) VALUES ('old');"));
        TableBrowser b(&m, db, QStringLiteral("t"));
        QVERIFY(ready(b));
        QCOMPARE(b.model()->valueAt(0, 1)->toString(), QStringLiteral("old"));
        // Hidden (another tab is current): nothing is read until it is shown.
        QVERIFY(await(m.execute(db, QStringLiteral("UPDATE t SET s = 'new'"))).ok());
        QTest::qWait(150);
        QCOMPARE(b.model()->valueAt(0, 1)->toString(), QStringLiteral("old"));
        b.show();
        QTRY_COMPARE(b.model()->valueAt(0, 1) ? b.model()->valueAt(0, 1)->toString() : QString(), QStringLiteral("new"));
        // Shown: a new column appears after DDL.
        QVERIFY(await(m.execute(db, QStringLiteral("ALTER TABLE t ADD COLUMN extra INTEGER DEFAULT 7"))).ok());
        QTRY_COMPARE(b.model()->columnCount(), 3);
        QTRY_VERIFY(b.model()->rowCount() == 1 && b.model()->valueAt(0, 2));
        QCOMPARE(*b.model()->valueAt(0, 2), Value(qint64(7)));
        QCOMPARE(b.header()->filterCount(), 3);
    }

    void nullAndEmptyShownApart()
    {
        Manager m;
        const QString db = makeDb(m, QStringLiteral("CREATE TABLE t(s); INSERT INTO t VALUES (NULL), (''), (x'00ff');"));
        TableBrowser b(&m, db, QStringLiteral("t"));
        QVERIFY(ready(b));
        QCOMPARE(b.model()->rowCount(), 3);
        const QModelIndex nul = b.model()->index(0, 0), empty = b.model()->index(1, 0), blob = b.model()->index(2, 0);
        QCOMPARE(nul.data().toString(), QStringLiteral("NULL"));
        QVERIFY(nul.data(Qt::FontRole).value<QFont>().italic());
        QCOMPARE(empty.data().toString(), QString());
        QVERIFY(!empty.data(Qt::FontRole).isValid());
        QVERIFY(blob.data().toString().contains(QStringLiteral("00 ff")));
        QCOMPARE(BrowserModel::sqlLiteral(Value::blob(QByteArray("\x00\xff", 2))), QStringLiteral("X'00FF'"));
        QCOMPARE(BrowserModel::sqlLiteral(Value(2.0)), QStringLiteral("2.0"));
        QCOMPARE(BrowserModel::inlineParams(QStringLiteral("SELECT '?', \"a?\" FROM t WHERE x = ? -- ?\nAND y = ?2"),
                                            {Value("it's"), Value(qint64(7))}),
                 QStringLiteral("SELECT '?', \"a?\" FROM t WHERE x = 'it''s' -- ?\nAND y = 7"));
    }

    void mainWindowOpensBrowserTabs()
    {
        Manager m;
        MainWindow w(&m, nullptr, m_dir.filePath(QStringLiteral("state")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy opened(&w, &MainWindow::databaseOpened);
        const QString path = m_dir.filePath(QStringLiteral("mw.db"));
        w.openDatabase(path, QStringLiteral("CREATE TABLE books(id INTEGER PRIMARY KEY, title TEXT); INSERT INTO books(title) VALUES ('Dune');"));
        QVERIFY(opened.wait(10000));
        const QString db = opened.first().first().toString();
        auto *dock = w.findChild<SchemaDock *>(QStringLiteral("schemaDock"));
        QVERIFY(dock);
        QCOMPARE(w.dockWidgetArea(dock), Qt::LeftDockWidgetArea);
        QTRY_COMPARE(dock->model()->objectNames(db, SchemaModel::Kind::Table), QStringList{"books"});
        // The View menu toggles the dock.
        QAction *toggle = dock->toggleViewAction();
        bool inViewMenu = false;
        for (QAction *a : w.menuBar()->actions())
            if (a->menu() && a->menu()->actions().contains(toggle))
                inViewMenu = a->text().remove(QLatin1Char('&')) == QStringLiteral("View");
        QVERIFY(inViewMenu);
        toggle->trigger();
        QVERIFY(dock->isHidden());
        toggle->trigger();
        QVERIFY(dock->isVisible());

        const int before = w.tabCount();
        Q_EMIT dock->tableActivated(db, QStringLiteral("books"));
        QCOMPARE(w.tabCount(), before + 1);
        auto *tabs = w.findChild<QTabWidget *>();
        auto *browser = qobject_cast<TableBrowser *>(tabs->currentWidget());
        QVERIFY(browser);
        QCOMPARE(w.currentTab(), nullptr);
        QCOMPARE(w.editor(), nullptr);
        w.run(); // nothing to run in a browser tab, and no crash
        w.runStatement();
        QVERIFY(ready(*browser));
        QCOMPARE(browser->model()->rowCount(), 1);
        // Activating it again brings the same tab forward.
        tabs->setCurrentIndex(0);
        QCOMPARE(w.browseTable(db, QStringLiteral("books")), browser);
        QCOMPARE(w.tabCount(), before + 1);
        QCOMPARE(tabs->currentWidget(), browser);
        // Open in Editor makes a query tab holding the browser's SQL, on its database.
        browser->openInEditorButton()->click();
        QCOMPARE(w.tabCount(), before + 2);
        QVERIFY(w.currentTab());
        QCOMPARE(w.editor()->toPlainText(), browser->model()->editorSql());
        QCOMPARE(w.currentTab()->database(), db);
        // Saving tabs keeps only query tabs; closing a browser tab works.
        w.close();
        QCOMPARE(QSettings().value(QStringLiteral("tabs/ids")).toStringList().size(), before + 1);
        const int bi = tabs->indexOf(browser);
        QPointer<TableBrowser> guard(browser);
        Q_EMIT tabs->tabCloseRequested(bi);
        QCOMPARE(w.tabCount(), before + 1);
        QTRY_VERIFY(!guard);
        // SELECT * from the schema menu goes to a new tab.
        Q_EMIT dock->openInEditor(QStringLiteral("SELECT * FROM \"books\";"));
        QCOMPARE(w.editor()->toPlainText(), QStringLiteral("SELECT * FROM \"books\";"));
        // Closing the database closes its browser tabs, and only those.
        auto *again = w.browseTable(db, QStringLiteral("books"));
        QPointer<TableBrowser> againGuard(again);
        const int withBrowser = w.tabCount();
        QVERIFY(await(m.close(db)).ok());
        QTRY_COMPARE(w.tabCount(), withBrowser - 1);
        QTRY_VERIFY(!againGuard);
        QTRY_VERIFY(!dock->model()->databaseItem(db));
    }

};

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
