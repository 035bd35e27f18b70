// SIGKILL at random moments: a helper process commits rows through the
// Manager (printing each acknowledged commit), records every operation in a
// history store flushed every 100 ms, exports JSON files and runs migrations
// up and down. After every kill: every file passes integrity_check, every
// acknowledged commit is there, the export file is a whole old or new
// version, the migrations table agrees with the schema, and history lost at
// most one flush interval. LITEHOUSE_CRASH_ITERATIONS sets the count (200).

#include "../core/testutil.h"
#include "sweeputil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace LitehouseTest;

class TestCrash : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void sigkillAtRandomMoments()
    {
        const QString dir = QDir(m_tmp.path()).canonicalPath();
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/migrations")));
        const QList<QPair<QString, QByteArray>> files = {
            {QStringLiteral("001_m1.up.sql"), "CREATE TABLE m1(a); INSERT INTO m1 VALUES (1), (2);"},
            {QStringLiteral("001_m1.down.sql"), "DROP TABLE m1;"},
            {QStringLiteral("002_m2.up.sql"), "CREATE TABLE m2(b); CREATE INDEX m2_b ON m2(b);"},
            {QStringLiteral("002_m2.down.sql"), "DROP TABLE m2;"},
            {QStringLiteral("003_m3.up.sql"), "CREATE TABLE m3(c BLOB); INSERT INTO m3 VALUES (zeroblob(20000));"},
            {QStringLiteral("003_m3.down.sql"), "DROP TABLE m3;"},
        };
        for (const auto &[name, sql] : files) {
            QFile f(dir + QStringLiteral("/migrations/") + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sql);
        }
        const int iterations = qEnvironmentVariableIsSet("LITEHOUSE_CRASH_ITERATIONS")
                                   ? qEnvironmentVariableIntValue("LITEHOUSE_CRASH_ITERATIONS") : 200;
        const qint64 interval = 100, slack = 400; // history flush interval of the helper; scheduling slack
        auto *rng = QRandomGenerator::global();
        qint64 acknowledged = 0, killedWhileStarting = 0, historyChecked = 0, exportsSeen = 0, leftovers = 0;
        qint64 maxHistoryGap = 0;
        QElapsedTimer total;
        total.start();
        for (int it = 0; it < iterations; ++it) {
            QProcess p;
            p.start(QStringLiteral(CRASH_HELPER), {dir});
            QVERIFY(p.waitForStarted());
            // Most runs die while writing, every fifth one while starting up;
            // every tenth one lives long enough for several history flushes.
            if (it % 5 == 4) {
                QThread::msleep(rng->bounded(40));
                ++killedWhileStarting;
            } else {
                QElapsedTimer w;
                w.start();
                while (!p.canReadLine() && w.elapsed() < 10000 && p.state() == QProcess::Running)
                    p.waitForReadyRead(20);
                QVERIFY2(p.state() == QProcess::Running, p.readAllStandardError().constData());
                QThread::msleep(it % 10 == 3 ? 300 + rng->bounded(300) : rng->bounded(60));
            }
            const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
            p.kill();
            QVERIFY(p.waitForFinished(10000));
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitStatus() == QProcess::CrashExit, err.constData()); // it never stopped on its own

            QList<std::pair<qint64, qint64>> acks; // id, time
            for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> f = line.split(' ');
                if (f.size() == 3 && f[0] == "C")
                    acks.append({f[1].toLongLong(), f[2].toLongLong()});
            }
            acknowledged += acks.size();

            const QString data = dir + QStringLiteral("/data.db");
            const QString history = dir + QStringLiteral("/history.db");
            const QString migrated = dir + QStringLiteral("/migrated.db");
            for (const QString &db : {data, history, migrated}) {
                if (QFile::exists(db))
                    QVERIFY2(integrity(db) == QLatin1String("ok"), qPrintable(db + QStringLiteral(": ") + integrity(db)));
            }
            // Every acknowledged commit survived.
            if (!acks.isEmpty()) {
                const QString got = plainQuery(data, QStringLiteral("SELECT count(*) FROM acks WHERE id BETWEEN %1 AND %2")
                                                         .arg(acks.first().first).arg(acks.last().first));
                QCOMPARE(got.toLongLong(), qint64(acks.size()));
            }
            // History: every commit acknowledged more than one flush
            // interval (plus slack) before the kill was recorded.
            if (!acks.isEmpty() && QFile::exists(history)) {
                const QString recorded = plainQuery(history, QStringLiteral(
                    "SELECT group_concat(params) FROM history WHERE sql LIKE 'INSERT INTO acks%' AND outcome = 'ok'"));
                QSet<qint64> ids;
                static const QRegularExpression num(QStringLiteral("\\d+"));
                for (auto m = num.globalMatch(recorded); m.hasNext();)
                    ids.insert(m.next().captured().toLongLong());
                for (const auto &[id, at] : acks) {
                    if (ids.contains(id))
                        continue;
                    maxHistoryGap = qMax(maxHistoryGap, killedAt - at);
                    QVERIFY2(killedAt - at <= interval + slack,
                             qPrintable(QStringLiteral("commit %1, acknowledged %2 ms before the kill, is not in the history")
                                            .arg(id).arg(killedAt - at)));
                }
                historyChecked += acks.size();
            }
            // The export is a whole file: n items, all tagged n.
            const QString exportPath = dir + QStringLiteral("/export.json");
            if (QFile::exists(exportPath)) {
                QFile f(exportPath);
                QVERIFY(f.open(QIODevice::ReadOnly));
                QJsonParseError pe;
                const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
                QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
                const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("items")).toArray();
                QVERIFY(!items.isEmpty());
                for (int k = 0; k < items.size(); ++k)
                    QCOMPARE(items[k].toObject().value(QStringLiteral("sql")).toString(),
                             QStringLiteral("export %1 item %2").arg(items.size()).arg(k));
                ++exportsSeen;
            }
            const QStringList stray = QDir(dir).entryList({QStringLiteral("export.json?*")}, QDir::Files);
            leftovers += stray.size();
            for (const QString &s : stray)
                QFile::remove(dir + QLatin1Char('/') + s);
            // Migrations: a table exists exactly when its version is recorded.
            if (QFile::exists(migrated)) {
                const QString rows = plainQuery(migrated, QStringLiteral(
                    "SELECT v, (SELECT count(*) FROM sqlite_schema WHERE name = 'm' || v),"
                    " (SELECT count(*) FROM _migrations WHERE version = v)"
                    " FROM (SELECT 1 AS v UNION ALL SELECT 2 UNION ALL SELECT 3)"));
                if (!rows.startsWith(QLatin1String("ERROR: no such table: _migrations"))) {
                    for (const QString &r : rows.split(QLatin1Char(';'))) {
                        const QStringList c = r.split(QLatin1Char('|'));
                        QVERIFY2(c.size() == 3 && c[1] == c[2], qPrintable(QStringLiteral("migration state: ") + rows));
                    }
                }
            }
        }
        qInfo("%d kills in %lld ms (%lld while starting up); %lld acknowledged commits all kept; %lld checked against "
              "the history (longest unrecorded: %lld ms before the kill); %lld whole export files, %lld stray temporary files",
              iterations, total.elapsed(), killedWhileStarting, acknowledged, historyChecked, maxHistoryGap, exportsSeen, leftovers);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
