// The 10M-row result (first rows, grid scroll, export) and the 1 GB database's schema.

#include "common.h"

namespace bench {

// ---- the 10M-row result: first rows, scrolling to the end, export ----

const QString kBigSql = QStringLiteral("SELECT * FROM t");

void benchFirst(Manager &m, const QString &path)
{
    const int first = 500; // a screenful and then some, as ResultModel's first chunk
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        std::vector<Row> out;
        while (int(out.size()) < first && sqlite3_step(s) == SQLITE_ROW)
            out.push_back(rowOf(s));
        record({QStringLiteral("first"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 rows").arg(first)});
        sqlite3_finalize(s);
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        auto c = qtOpen(path);
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        {
            QSqlQueryModel model;
            QTableView view;
            view.resize(1000, 700);
            view.setModel(&model);
            view.show();
            model.setQuery(kBigSql, c); // on the UI thread: QSqlQueryModel has no other way
            QCoreApplication::processEvents();
            record({QStringLiteral("first"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                    QStringLiteral("QSqlQueryModel in a QTableView, %1 rows").arg(model.rowCount())});
        }
        qtClose(c);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        ExecOptions onReader;
        onReader.route = Route::Reader;
        await(m.execute(db, QStringLiteral("SELECT 1"), {}, onReader)); // a reader is open
        ResultModel model;
        ResultView view(&model);
        view.resize(1000, 700);
        view.show();
        QCoreApplication::processEvents();
        model.setQuery(&m, db, kBigSql);
        bool shown = false;
        QObject::connect(&model, &ResultModel::rowsFetched, &model, [&] { shown = true; });
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        whenDone(&model, m.stream(db, kBigSql), [&](Outcome<std::shared_ptr<QueryStream>> s) {
            if (!s)
                qFatal("stream: %s", qPrintable(s.error().message()));
            model.setStream(s.value());
        });
        pump([&] { return shown; });
        record({QStringLiteral("first"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                QStringLiteral("ResultModel in a ResultView, %1 rows").arg(model.rowCount())});
        model.clear();
        await(m.close(db));
    }
}

void benchScroll(Manager &m, const QString &path)
{
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        qint64 n = 0, bytes = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            ++n;
            bytes += sqlite3_column_bytes(s, 1) + sqlite3_column_bytes(s, 3) + sqlite3_column_int64(s, 0) % 2;
        }
        sqlite3_finalize(s);
        record({QStringLiteral("scroll"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("every row stepped, %1 rows (%2 MB read)").arg(n).arg(bytes >> 20)});
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        // QSqlQueryModel keeps every row it fetched: stopped after 20 s.
        auto c = qtOpen(path);
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        qint64 rows = 0;
        {
            QSqlQueryModel model;
            QTableView view;
            view.resize(1000, 700);
            view.setModel(&model);
            view.show();
            model.setQuery(kBigSql, c);
            while (model.canFetchMore() && t.elapsed() < 20000) {
                model.fetchMore();
                view.scrollToBottom();
                QCoreApplication::processEvents();
            }
            rows = model.rowCount();
        }
        record({QStringLiteral("scroll"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("QSqlQueryModel, %1 rows%2").arg(rows).arg(rows < g_big ? ", stopped at 20 s" : "")});
        qtClose(c);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        ResultModel model;
        ResultView view(&model);
        view.resize(1000, 700);
        view.show();
        model.setQuery(&m, db, kBigSql);
        auto s = await(m.stream(db, kBigSql));
        if (!s)
            qFatal("stream: %s", qPrintable(s.error().message()));
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        model.setStream(s.value());
        // What a user does holding End: the view at the bottom; it asks for
        // more whenever it can.
        while (!model.atEnd() || model.isFetching()) {
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
            if (model.canFetchMore({}))
                model.fetchMore({});
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        record({QStringLiteral("scroll"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("ResultView, %1 rows, %2 cached").arg(model.rowCount()).arg(model.cachedRows())});
        model.clear();
        await(m.close(db));
    }
}

void benchExport(Manager &m, const QString &path)
{
    const QString out = g_tmp + QStringLiteral("/export.csv");
    {
        sqlite3 *c = rawOpen(path, SQLITE_OPEN_READONLY);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        FILE *f = fopen(out.toUtf8().constData(), "w");
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT * FROM t", -1, &s, nullptr);
        fputs("id,name,value,payload\n", f);
        while (sqlite3_step(s) == SQLITE_ROW) {
            fprintf(f, "%lld,%s,%.17g,", sqlite3_column_int64(s, 0), sqlite3_column_text(s, 1), sqlite3_column_double(s, 2));
            const auto *b = static_cast<const unsigned char *>(sqlite3_column_blob(s, 3));
            for (int i = 0, n = sqlite3_column_bytes(s, 3); i < n; ++i)
                fprintf(f, "%02x", b[i]);
            fputc('\n', f);
        }
        sqlite3_finalize(s);
        fclose(f);
        record({QStringLiteral("export"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("%1 MB of CSV").arg(QFileInfo(out).size() >> 20)});
        sqlite3_close(c);
        QFile::remove(out);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        auto c = qtOpen(path);
        PeakRss rss;
        QElapsedTimer t;
        t.start();
        {
            QFile f(out);
            f.open(QIODevice::WriteOnly);
            QTextStream ts(&f);
            QSqlQuery q(c);
            q.setForwardOnly(true);
            q.exec(kBigSql);
            ts << "id,name,value,payload\n";
            while (q.next())
                ts << q.value(0).toLongLong() << ',' << q.value(1).toString() << ',' << q.value(2).toDouble() << ','
                   << q.value(3).toByteArray().toHex() << '\n';
        }
        record({QStringLiteral("export"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, rss.mb(), -1,
                QStringLiteral("forward-only QSqlQuery, QTextStream, on the calling thread")});
        qtClose(c);
        QFile::remove(out);
    }
#endif
    {
        const QString db = openLitehouse(m, path);
        QObject ctx;
        PeakRss rss;
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        bool done = false;
        qint64 rows = 0;
        whenDone(&ctx, exportQuery(&m, db, kBigSql, out, Format::Csv), [&](Outcome<qint64> r) {
            if (!r)
                qFatal("export: %s", qPrintable(r.error().message()));
            rows = r.value();
            done = true;
        });
        pump([&] { return done; });
        record({QStringLiteral("export"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, rss.mb(), stall.ms(),
                QStringLiteral("the grid's export, %1 rows, %2 MB").arg(rows).arg(QFileInfo(out).size() >> 20)});
        QFile::remove(out);
        await(m.close(db));
    }
}

// ---- opening the 1 GB database and showing its schema ----

void benchSchema(const QString &path)
{
    const qint64 mb = QFileInfo(path).size() >> 20;
    {
        QElapsedTimer t;
        t.start();
        sqlite3 *c = rawOpen(path);
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(c, "SELECT name FROM sqlite_schema WHERE type IN ('table','view')", -1, &s, nullptr);
        QList<QByteArray> names;
        while (sqlite3_step(s) == SQLITE_ROW)
            names.append(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        int columns = 0;
        for (const QByteArray &n : names) {
            sqlite3_prepare_v2(c, "SELECT name, type FROM pragma_table_xinfo(?)", -1, &s, nullptr);
            sqlite3_bind_text(s, 1, n.constData(), int(n.size()), SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW)
                ++columns;
            sqlite3_finalize(s);
        }
        record({QStringLiteral("schema"), QStringLiteral("raw"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 MB, %2 tables and views, %3 columns").arg(mb).arg(names.size()).arg(columns)});
        sqlite3_close(c);
    }
#ifdef LITEHOUSE_BENCH_QSQLITE
    {
        QElapsedTimer t;
        t.start();
        auto c = qtOpen(path);
        int columns = 0;
        const QStringList tables = c.tables(QSql::AllTables);
        for (const QString &n : tables)
            columns += c.record(n).count();
        record({QStringLiteral("schema"), QStringLiteral("QSQLITE"), t.nsecsElapsed() / 1e9, -1, -1,
                QStringLiteral("%1 tables and views, %2 columns, on the calling thread").arg(tables.size()).arg(columns)});
        qtClose(c);
    }
#endif
    {
        // A manager of its own, as at start-up; the tree fills in when it is read.
        Manager m;
        SchemaModel model(&m);
        bool shown = false;
        QObject::connect(&model, &SchemaModel::refreshed, &model, [&] { shown = true; });
        StallMeter stall;
        QElapsedTimer t;
        t.start();
        bool failed = false;
        whenDone(&model, m.open(path), [&](Outcome<DatabaseInfo> r) { failed = !r; });
        pump([&] { return shown || failed; });
        if (failed)
            qFatal("open failed");
        record({QStringLiteral("schema"), QStringLiteral("litehouse"), t.nsecsElapsed() / 1e9, -1, stall.ms(),
                QStringLiteral("open, then SchemaModel refreshed: %1 tables")
                    .arg(model.objectNames(m.resolve(path), SchemaModel::Kind::Table).size())});
    }
}

} // namespace bench
