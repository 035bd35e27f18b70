// The import dialog (preview, types, errors, cancel), the export dialog,
// the dump and Import SQL task windows, and their File menu entries; every
// file and table is read back.

#include <core/io/sqldump.h>
#include <io/exportdialog.h>
#include <io/importdialog.h>
#include <io/iotaskdialog.h>
#include <mainwindow/mainwindow.h>

#include <QAbstractItemModel>
#include <QComboBox>
#include <QRadioButton>
#include <QFile>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Litehouse;

class TestImportExport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Manager> m_manager;
    QString m_db;
    int m_n = 0;

    QString write(const QByteArray &bytes, const QString &suffix = QStringLiteral("csv"))
    {
        const QString p = m_dir.filePath(QStringLiteral("in%1.%2").arg(++m_n).arg(suffix));
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(p));
        f.write(bytes);
        return p;
    }
    QString query(const QString &sql)
    {
        auto r = await(m_manager->execute(m_db, sql));
        if (!r)
            return QStringLiteral("error: ") + r.error().message();
        QStringList rows;
        for (qsizetype i = 0; i < r.value().rows.rowCount(); ++i)
            rows << r.value().rows.at(i, 0).toString();
        return rows.join(QLatin1Char('|'));
    }
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LitehouseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_importexport"));
    }
    void init()
    {
        m_manager = std::make_unique<Manager>();
        m_db = m_dir.filePath(QStringLiteral("ui%1.db").arg(++m_n));
        QVERIFY(await(m_manager->open(m_db)).ok());
    }
    void cleanup() { m_manager.reset(); }

    void previewFollowsTheOptionsAndImports()
    {
        const QString p = write("code;name;price\n007;\"Tea\nGreen\";3.5\n010;Coffee;4\n");
        ImportDialog d(m_manager.get(), m_db, {});
        QSignalSpy preview(&d, &ImportDialog::previewUpdated);
        d.setFile(p);
        QVERIFY(preview.wait(10000));
        // With a comma as separator, each line is one column.
        QCOMPARE(d.preview().columns, QStringList{QStringLiteral("code;name;price")});
        d.findChildren<QComboBox *>().at(1)->setCurrentIndex(1); // the separator: semicolon
        QVERIFY(preview.wait(10000));
        QCOMPARE(d.preview().columns, (QStringList{QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("price")}));
        QCOMPARE(d.previewView()->model()->rowCount(), 2);
        QCOMPARE(d.previewView()->model()->data(d.previewView()->model()->index(0, 1)).toString(), QStringLiteral("Tea⏎Green"));
        QCOMPARE(d.columnsTable()->rowCount(), 3);
        // The guess shows in the type list; code keeps its leading zeros as text.
        auto *priceType = qobject_cast<QComboBox *>(d.columnsTable()->cellWidget(2, 1));
        QCOMPARE(priceType->currentText(), QStringLiteral("Auto (REAL)"));
        QCOMPARE(qobject_cast<QComboBox *>(d.columnsTable()->cellWidget(0, 1))->currentText(), QStringLiteral("Auto (TEXT)"));
        d.columnsTable()->item(1, 0)->setText(QStringLiteral("title"));
        d.setColumnType(2, ImportType::Text);
        QSignalSpy done(&d, &ImportDialog::importFinished);
        QSignalSpy schema(&d, &ImportDialog::schemaChanged);
        QVERIFY(d.startImport());
        QVERIFY(done.wait(20000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(schema.count(), 1);
        const QString table = QFileInfo(p).completeBaseName();
        QCOMPARE(query(QStringLiteral("SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('%1')").arg(table)),
                 QStringLiteral("code TEXT, title TEXT, price TEXT"));
        QCOMPARE(query(QStringLiteral("SELECT group_concat(code || '/' || title || '/' || price || typeof(price), '|') FROM \"%1\"").arg(table)),
                 QStringLiteral("007/Tea\nGreen/3.5text|010/Coffee/4text"));
    }

    void badRowIsShownWithItsLineAndNothingIsWritten()
    {
        QByteArray bytes = "a,b\n";
        for (int i = 2; i <= 300; ++i)
            bytes += i == 250 ? QByteArray("1,2,3\n") : QByteArray::number(i) + ",x\n";
        ImportDialog d(m_manager.get(), m_db, {});
        QSignalSpy preview(&d, &ImportDialog::previewUpdated);
        d.setFile(write(bytes));
        QVERIFY(preview.wait(10000));
        QVERIFY(preview.first().at(0).toBool()); // the first hundred rows are fine
        QSignalSpy done(&d, &ImportDialog::importFinished);
        QVERIFY(d.startImport());
        QVERIFY(done.wait(20000));
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY2(d.errorText().contains(QLatin1String("line 250: 3 fields")), qPrintable(d.errorText()));
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM sqlite_schema")), QStringLiteral("0"));
    }

    void previewShowsAnError()
    {
        ImportDialog d(m_manager.get(), m_db, {});
        QSignalSpy preview(&d, &ImportDialog::previewUpdated);
        d.setFile(write(QByteArray()));
        QVERIFY(preview.wait(10000));
        QVERIFY(!preview.first().at(0).toBool());
        QVERIFY(d.errorText().contains(QLatin1String("is empty")));
        QVERIFY(!d.startImport());
    }

    void cancelWritesNothing()
    {
        QVERIFY(await(m_manager->execute(m_db, QStringLiteral("CREATE TABLE big(id INTEGER, v TEXT)"))).ok());
        QByteArray bytes = "id,v\n";
        for (int i = 0; i < 200000; ++i)
            bytes += QByteArray::number(i) + ",value\n";
        ImportDialog d(m_manager.get(), m_db, {QStringLiteral("big")});
        QSignalSpy preview(&d, &ImportDialog::previewUpdated);
        d.setFile(write(bytes));
        QVERIFY(preview.wait(10000));
        for (QRadioButton *b : d.findChildren<QRadioButton *>())
            if (b->text().contains(QLatin1String("xisting")))
                b->setChecked(true);
        QVERIFY(!d.options().createTable);
        QCOMPARE(d.options().table, QStringLiteral("big"));
        QSignalSpy done(&d, &ImportDialog::importFinished);
        QVERIFY(d.startImport());
        QVERIFY(d.isRunning());
        d.reject(); // Close while running cancels, and the dialog stays
        QVERIFY(done.wait(20000));
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY(!d.isRunning());
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM big")), QStringLiteral("0"));
    }

    void exportDialogWritesNeutralisedCsvAndSql()
    {
        QVERIFY(await(m_manager->executeScript(m_db, QStringLiteral("CREATE TABLE f(v, n); INSERT INTO f VALUES ('=SUM(A1)', -3), ('ok', 2.5);"))).ok());
        std::unique_ptr<ExportDialog> d(ExportDialog::forTable(m_manager.get(), m_db, {QStringLiteral("f")}, QStringLiteral("f")));
        const QString csv = m_dir.filePath(QStringLiteral("f.csv"));
        d->setFormat(DataExportFormat::Csv);
        d->setNeutraliseFormulas(true);
        d->setPath(csv);
        QSignalSpy done(d.get(), &ExportDialog::exportFinished);
        QVERIFY(d->startExport());
        QVERIFY(done.wait(20000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(readAll(csv), QByteArray("v,n\n\"'=SUM(A1)\",-3\nok,2.5\n"));

        const QString sql = m_dir.filePath(QStringLiteral("f.sql"));
        d->setFormat(DataExportFormat::Sql);
        d->setPath(sql);
        QVERIFY(d->startExport());
        QVERIFY(done.wait(20000));
        QVERIFY(done.last().at(0).toBool());
        QCOMPARE(readAll(sql), QByteArray("INSERT INTO \"f\" (\"v\",\"n\") VALUES ('=SUM(A1)',-3);\n"
                                          "INSERT INTO \"f\" (\"v\",\"n\") VALUES ('ok',2.5);\n"));
    }

    void dumpAndImportSqlTaskWindows()
    {
        QVERIFY(await(m_manager->executeScript(m_db, QStringLiteral("CREATE TABLE a(x); INSERT INTO a VALUES (1), ('two');"))).ok());
        const QString out = m_dir.filePath(QStringLiteral("dump.sql"));
        auto *dump = new IoTaskDialog(QStringLiteral("Dump"), QStringLiteral("dumping"), QStringLiteral("%L1 rows"));
        QSignalSpy dumped(dump, &IoTaskDialog::finished);
        dump->watch<DumpResult>(dumpDatabase(*m_manager, m_db, out, {}, dump->cancelToken()),
                                [](const DumpResult &r) { return QStringLiteral("%1 rows").arg(r.rows); });
        QVERIFY(dumped.wait(20000));
        QVERIFY(dumped.first().at(0).toBool());
        QCOMPARE(dump->resultText(), QStringLiteral("2 rows"));
        delete dump;

        const QString copy = m_dir.filePath(QStringLiteral("copy.db"));
        QVERIFY(await(m_manager->open(copy)).ok());
        auto *run = new IoTaskDialog(QStringLiteral("Import SQL"), QStringLiteral("running"), QStringLiteral("%L1 statements"));
        QSignalSpy ran(run, &IoTaskDialog::finished);
        run->watch<SqlFileResult>(runSqlFile(*m_manager, copy, out, {}, run->cancelToken()),
                                  [](const SqlFileResult &r) { return QStringLiteral("%1 statements").arg(r.statements); });
        QVERIFY(ran.wait(20000));
        QVERIFY2(ran.first().at(0).toBool(), qPrintable(ran.first().at(1).toString()));
        delete run;
        auto r = await(m_manager->execute(copy, QStringLiteral("SELECT group_concat(quote(x), ',') FROM a")));
        QVERIFY(r.ok());
        QCOMPARE(r.value().rows.at(0, 0).toString(), QStringLiteral("1,'two'"));
    }

    void fileMenuHasTheCommands()
    {
        QTemporaryDir state;
        MainWindow w(m_manager.get(), nullptr, state.path());
        QMenu *file = w.menuBar()->actions().constFirst()->menu();
        QStringList texts;
        for (QAction *a : file->actions())
            texts << a->text();
        for (const char *t : {"&Import CSV/JSON…", "Import SQ&L…", "&Export Table…", "Export &Database as SQL…"})
            QVERIFY2(texts.contains(QString::fromUtf8(t)), t);
    }
};

QTEST_MAIN(TestImportExport)
#include "tst_importexport.moc"
