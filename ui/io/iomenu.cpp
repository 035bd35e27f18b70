#include "iomenu.h"

#include "exportdialog.h"
#include "importdialog.h"
#include "iotaskdialog.h"

#include "browser/tablebrowser.h"
#include "mainwindow/mainwindow.h"
#include "schema/schemadock.h"
#include "schema/schemamodel.h"

#include <core/io/sqldump.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>

namespace Litehouse {

namespace {

QString needDatabase(MainWindow *w)
{
    const QString db = w->currentDatabase();
    if (db.isEmpty())
        w->statusBar()->showMessage(QObject::tr("Open a database first."), 5000);
    return db;
}

QStringList tablesOf(MainWindow *w, const QString &db)
{
    return w->schemaDock()->model()->objectNames(db, SchemaModel::Kind::Table);
}

void exportTable(MainWindow *w, Manager *m, const QString &db, const QString &table)
{
    auto *d = ExportDialog::forTable(m, db, tablesOf(w, db), table, w);
    d->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(d, &ExportDialog::exportFinished, w, [w](bool ok, const QString &msg) {
        if (ok)
            w->statusBar()->showMessage(msg, 8000);
    });
    d->show();
}

} // namespace

void addImportExportActions(MainWindow *w, Manager *m, QMenu *file)
{
    file->addAction(QObject::tr("&Import CSV/JSON…"), w, [w, m] {
        const QString db = needDatabase(w);
        if (db.isEmpty())
            return;
        auto *d = new ImportDialog(m, db, tablesOf(w, db), w);
        d->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(d, &ImportDialog::schemaChanged, w, [w](const QString &path) { w->schemaDock()->model()->refresh(path); });
        d->show();
    });
    file->addAction(QObject::tr("Import SQ&L…"), w, [w, m] {
        const QString db = needDatabase(w);
        if (db.isEmpty())
            return;
        const QString path = QFileDialog::getOpenFileName(w, QObject::tr("Import SQL"), QString(),
                                                          QObject::tr("SQL files (*.sql);;All files (*)"));
        if (path.isEmpty())
            return;
        auto *d = new IoTaskDialog(QObject::tr("Import SQL"),
                                   QObject::tr("Running %1 on %2, statement by statement…").arg(QFileInfo(path).fileName(), QFileInfo(db).fileName()),
                                   QObject::tr("%L1 statements run…"), w);
        auto progress = d->progress();
        d->watch<SqlFileResult>(runSqlFile(*m, db, path, [progress](const SqlFileProgress &p) {
            progress->done = p.bytes;
            progress->total = p.totalBytes;
            progress->items = p.statements;
        }, d->cancelToken()), [](const SqlFileResult &r) { return QObject::tr("Done: %n statement(s) ran.", nullptr, int(qMin<qint64>(r.statements, INT_MAX))); });
        // Whatever ran, the schema may have changed.
        QObject::connect(d, &IoTaskDialog::finished, w, [w, db] { w->schemaDock()->model()->refresh(db); });
        d->show();
    });
    file->addAction(QObject::tr("&Export Table…"), w, [w, m] {
        const QString db = needDatabase(w);
        if (db.isEmpty())
            return;
        QString table;
        if (auto *tabs = qobject_cast<QTabWidget *>(w->centralWidget()))
            if (auto *b = qobject_cast<TableBrowser *>(tabs->currentWidget()); b && b->database() == db)
                table = b->table();
        exportTable(w, m, db, table);
    });
    file->addAction(QObject::tr("Export &Database as SQL…"), w, [w, m] {
        const QString db = needDatabase(w);
        if (db.isEmpty())
            return;
        const QString path = QFileDialog::getSaveFileName(w, QObject::tr("Export Database as SQL"),
                                                          QFileInfo(db).completeBaseName() + QStringLiteral(".sql"),
                                                          QObject::tr("SQL files (*.sql)"));
        if (path.isEmpty())
            return;
        auto *d = new IoTaskDialog(QObject::tr("Export Database as SQL"),
                                   QObject::tr("Writing %1 as SQL to %2…").arg(QFileInfo(db).fileName(), QFileInfo(path).fileName()),
                                   QObject::tr("%L1 rows written…"), w);
        auto progress = d->progress();
        d->watch<DumpResult>(dumpDatabase(*m, db, path, [progress](const DumpProgress &p) {
            progress->done = p.tablesDone;
            progress->total = p.tables;
            progress->items = p.rows;
        }, d->cancelToken()), [path](const DumpResult &r) {
            return QObject::tr("Done: %1 tables, %L2 rows, written to %3.").arg(r.tables).arg(r.rows).arg(path);
        });
        d->show();
    });
}

} // namespace Litehouse
