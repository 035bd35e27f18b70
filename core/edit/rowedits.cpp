#include "rowedits.h"

#include "../connection.h"
#include "../sqlclassify.h"
#include "../manager_p.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cmath>

namespace Litehouse {

namespace {

QString literal(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("NULL");
    case Value::Type::Integer:
        return QString::number(v.toInt());
    case Value::Type::Real: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return QStringLiteral("NULL");
        if (std::isinf(d))
            return d > 0 ? QStringLiteral("9e999") : QStringLiteral("-9e999");
        QString s = formatReal(d);
        if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')) && !s.contains(QLatin1Char('E')))
            s += QStringLiteral(".0");
        return s;
    }
    case Value::Type::Text: {
        QString s = v.toString();
        if (s.size() > 200)
            s = s.left(200) + QStringLiteral("…");
        s.replace(QLatin1Char('\''), QStringLiteral("''"));
        s.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        return QLatin1Char('\'') + s + QLatin1Char('\'');
    }
    case Value::Type::Blob: {
        const QByteArray b = v.bytes();
        QString hex = QString::fromLatin1(b.left(64).toHex()).toUpper();
        return b.size() > 64 ? QStringLiteral("X'%1…' (%2 bytes)").arg(hex).arg(b.size()) : QStringLiteral("X'%1'").arg(hex);
    }
    }
    return QStringLiteral("NULL");
}

QString keyWhere(const EditTarget &t)
{
    QStringList parts;
    for (const QString &k : t.keyColumns)
        parts << quoteIdentifier(k) + QStringLiteral(" = ?");
    return parts.join(QStringLiteral(" AND "));
}

QString affinityOf(const QString &declared)
{
    // The rules of section 3.1 of SQLite's datatype page, in their order.
    const QString t = declared.toUpper();
    if (t.contains(QLatin1String("INT")))
        return QStringLiteral("INTEGER");
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) || t.contains(QLatin1String("TEXT")))
        return QStringLiteral("TEXT");
    if (t.contains(QLatin1String("BLOB")))
        return QStringLiteral("BLOB");
    if (t.isEmpty())
        return QString();
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) || t.contains(QLatin1String("DOUB")))
        return QStringLiteral("REAL");
    return QStringLiteral("NUMERIC");
}

QString describeRow(const EditTarget &t, const RowEdit &e)
{
    QStringList parts;
    for (qsizetype i = 0; i < t.keyColumns.size() && i < e.key.size(); ++i)
        parts << QStringLiteral("%1 = %2").arg(t.keyColumns.at(i), literal(e.key.at(i)));
    return parts.join(QStringLiteral(", "));
}

} // namespace

Value valueForColumn(const QString &text, const QString &declaredType)
{
    const QString affinity = affinityOf(declaredType);
    if (affinity == QLatin1String("TEXT") || affinity == QLatin1String("BLOB") || text.isEmpty())
        return Value(text);
    const Value n = Value::fromLiteral(text.trimmed());
    if (n.type() == Value::Type::Text)
        return Value(text);
    if (affinity.isEmpty()) {
        // No declared type: SQLite would keep the text as typed, so only a
        // number written the way SQLite writes it back becomes a number
        // ("007" stays text, with its zeros).
        if (text != n.toString())
            return Value(text);
        return n;
    }
    if (affinity == QLatin1String("REAL"))
        return Value(n.toDouble());
    // INTEGER and NUMERIC keep a real that is a whole number as an integer.
    if (n.type() == Value::Type::Real) {
        const double d = n.toDouble();
        if (d == std::floor(d) && std::fabs(d) < 9.2e18)
            return Value(qint64(d));
    }
    return n;
}

Outcome<QList<PlannedEdit>> planEdits(const EditTarget &target, const QList<RowEdit> &edits)
{
    if (target.table.isEmpty() || target.columns.isEmpty())
        return Error::invalid(QStringLiteral("the edits name no table or columns"));
    if (target.keyColumns.isEmpty())
        return Error::invalid(QStringLiteral("“%1” has no key to find its rows by, so it cannot be edited here").arg(target.table));
    QList<PlannedEdit> deletes, updates, inserts;
    for (int i = 0; i < edits.size(); ++i) {
        const RowEdit &e = edits.at(i);
        for (const auto &[column, value] : e.values) {
            Q_UNUSED(value);
            if (column < 0 || column >= target.columns.size())
                return Error::invalid(QStringLiteral("edit %1 names column %2, which “%3” does not have")
                                          .arg(i + 1).arg(column + 1).arg(target.table));
        }
        if (e.kind != RowEdit::Kind::Insert && e.key.size() != target.keyColumns.size())
            return Error::invalid(QStringLiteral("edit %1 does not give the row's key").arg(i + 1));
        PlannedEdit p;
        p.edit = i;
        switch (e.kind) {
        case RowEdit::Kind::Delete:
            p.sql = QStringLiteral("DELETE FROM %1 WHERE %2").arg(quoteIdentifier(target.table), keyWhere(target));
            p.params.positional = e.key;
            deletes << p;
            break;
        case RowEdit::Kind::Update: {
            if (e.values.isEmpty())
                continue;
            QStringList sets;
            for (const auto &[column, value] : e.values) {
                sets << quoteIdentifier(target.columns.at(column)) + QStringLiteral(" = ?");
                p.params.positional << value;
            }
            p.sql = QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                        .arg(quoteIdentifier(target.table), sets.join(QStringLiteral(", ")), keyWhere(target));
            p.params.positional << e.key;
            updates << p;
            break;
        }
        case RowEdit::Kind::Insert: {
            if (e.values.isEmpty()) {
                p.sql = QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(quoteIdentifier(target.table));
            } else {
                QStringList names, marks;
                for (const auto &[column, value] : e.values) {
                    names << quoteIdentifier(target.columns.at(column));
                    marks << QStringLiteral("?");
                    p.params.positional << value;
                }
                p.sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(quoteIdentifier(target.table), names.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
            }
            inserts << p;
            break;
        }
        }
    }
    return deletes + updates + inserts;
}

QString planText(const QList<PlannedEdit> &plan)
{
    QString out;
    for (const PlannedEdit &p : plan) {
        out += p.sql + QStringLiteral(";\n");
        QStringList values;
        for (qsizetype i = 0; i < p.params.positional.size(); ++i)
            values << QStringLiteral("?%1 = %2").arg(i + 1).arg(literal(p.params.positional.at(i)));
        if (!values.isEmpty())
            out += QStringLiteral("-- ") + values.join(QStringLiteral(", ")) + QLatin1Char('\n');
    }
    return out;
}

namespace {

Outcome<EditReport> apply(Connection &c, const EditTarget &target, const QList<RowEdit> &edits, const EditOptions &options)
{
    auto plan = planEdits(target, edits);
    if (!plan)
        return plan.error();
    EditReport report;
    // Inside the session's own transaction the edits become part of it; a
    // savepoint undoes only them when one fails. Outside, IMMEDIATE takes
    // the write lock first, so no other process changes a row between the
    // check below and the write.
    const bool outer = c.autocommit();
    if (auto r = c.exec(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT litehouse_edits"); !r)
        return r.error();
    auto undo = [&] {
        if (outer) {
            c.exec("ROLLBACK");
        } else {
            c.exec("ROLLBACK TO litehouse_edits");
            c.exec("RELEASE litehouse_edits");
        }
    };

    QStringList columns;
    for (const QString &name : target.columns)
        columns << quoteIdentifier(name);
    const QByteArray check = QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                                 .arg(columns.join(QStringLiteral(", ")), quoteIdentifier(target.table), keyWhere(target))
                                 .toUtf8();
    for (int i = 0; i < edits.size(); ++i) {
        const RowEdit &e = edits.at(i);
        if (e.kind == RowEdit::Kind::Insert || e.original.isEmpty())
            continue;
        Params key;
        key.positional = e.key;
        auto now = c.execute(check, key, Fetch::one());
        if (!now) {
            undo();
            return now.error();
        }
        const ResultSet &rs = now.value().rows;
        if (rs.rowCount() == 0) {
            report.conflicts.append({i, QStringLiteral("the row with %1 was deleted since it was read").arg(describeRow(target, e))});
            continue;
        }
        for (qsizetype col = 0; col < target.columns.size() && col < e.original.size(); ++col) {
            if (!(rs.at(0, int(col)) == e.original.at(col))) {
                report.conflicts.append({i, QStringLiteral("the row with %1 was changed since it was read (column %2 is now %3)")
                                                .arg(describeRow(target, e), target.columns.at(col), literal(rs.at(0, int(col))))});
                break;
            }
        }
    }
    if (!report.conflicts.isEmpty() && !options.overwriteChanged) {
        undo();
        return report;
    }

    for (const PlannedEdit &p : plan.value()) {
        if (c.cancelled()) {
            undo();
            return Error::interrupted(QStringLiteral("applying the changes was stopped; nothing was written"));
        }
        auto r = c.execute(p.sql.toUtf8(), p.params, Fetch::none());
        if (!r) {
            undo();
            report.failedEdit = p.edit;
            report.failure = r.error();
            report.rowsChanged = 0;
            return report;
        }
        report.rowsChanged += r.value().rowsAffected;
    }
    if (auto r = c.exec(outer ? "COMMIT" : "RELEASE litehouse_edits"); !r) {
        undo();
        return r.error();
    }
    report.applied = true;
    return report;
}

} // namespace

QFuture<Outcome<EditReport>> applyEdits(Manager &manager, const QString &database, const EditTarget &target,
                                        const QList<RowEdit> &edits, const EditOptions &options)
{
    Manager *m = &manager;
    const QString path = manager.resolve(database);
    return manager.withConnection<EditReport>(database, Route::Writer, [m, path, database, target, edits, options](Connection &c) {
        QElapsedTimer timer;
        timer.start();
        const QDateTime started = QDateTime::currentDateTimeUtc();
        Outcome<EditReport> r = apply(c, target, edits, options);
        // What was written goes into the history like any script, so that
        // the user can see it and other views of the table read it again.
        if (r && r.value().applied && detail::ManagerAccess::observed(*m)) {
            OperationRecord op;
            op.timestamp = started;
            op.database = path;
            op.alias = database == path ? QString() : database;
            auto plan = planEdits(target, edits);
            op.sql = plan ? planText(plan.value()) : QString();
            op.kind = OperationRecord::Kind::Script;
            op.statementType = QStringLiteral("OTHER");
            op.rowsAffected = r.value().rowsChanged;
            op.durationNs = timer.nsecsElapsed();
            detail::ManagerAccess::report(*m, op, Error());
        }
        return r;
    });
}

} // namespace Litehouse
