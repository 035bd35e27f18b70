#include "querytab.h"

#include "editor/findbar.h"

#include "editor/sqleditor.h"
#include "results/resultmodel.h"
#include "results/resultview.h"
#include "util/futures.h"

#include <core/querystream.h>
#include <core/sqlclassify.h>

#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

namespace Litehouse {

QueryTab::QueryTab(Manager *manager, QWidget *parent) : QWidget(parent), m_manager(manager)
{
    // What "the session" is, said where the user types into it.
    m_session = new QLabel;
    m_session->setWordWrap(true);
    m_session->setContentsMargins(6, 2, 6, 2);
    m_session->setForegroundRole(QPalette::PlaceholderText);
    m_session->setToolTip(tr("Statements run one after another on the database's own connection, as in the sqlite3 "
                             "shell: TEMP tables, attached databases, PRAGMAs, transactions and savepoints stay "
                             "until you change them or close the database. Every editor tab of this database "
                             "shares them. Browsing tables and counting rows use other connections."));
    m_session->hide();
    m_editor = new SqlEditor;
    m_editor->setPlaceholderText(tr("Type SQL here. Ctrl+Enter runs the statement under the cursor, "
                                    "Ctrl+Shift+Enter or F5 runs all (or the selection), Esc stops."));
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setCursor(Qt::PointingHandCursor);
    m_error->setToolTip(tr("Click to move the cursor to the error"));
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; padding: 4px 8px; }"));
    m_error->hide();
    m_error->installEventFilter(this);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_messages = new QPlainTextEdit;
    m_messages->setReadOnly(true);
    m_tabs->addTab(m_messages, tr("Messages"));

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_session);
    topLayout->addWidget(m_editor);
    m_find = new FindBar(m_editor);
    topLayout->addWidget(m_find);
    topLayout->addWidget(m_error);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &QueryTab::contentChanged);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, [this](bool changed) {
        if (!m_filePath.isEmpty())
            Q_EMIT modifiedChanged(changed);
    });
}

void QueryTab::setFile(const QString &path)
{
    m_filePath = path;
    markSaved();
}

bool QueryTab::isModified() const
{
    return !m_filePath.isEmpty() && m_editor->document()->isModified();
}

void QueryTab::markSaved()
{
    m_editor->document()->setModified(false);
    Q_EMIT modifiedChanged(false);
}

void QueryTab::setModified(bool modified)
{
    m_editor->document()->setModified(modified);
}

QueryTab::~QueryTab()
{
    m_cancel.cancel();
}

void QueryTab::setDatabase(const QString &path)
{
    m_database = path;
    m_session->setText(tr("Session on %1: TEMP tables, ATTACH, PRAGMAs and transactions carry over from run to run "
                          "(shared by this database's tabs).")
                           .arg(QFileInfo(path).fileName()));
    m_session->setVisible(!path.isEmpty());
}

QString QueryTab::sessionText() const
{
    return m_session->isHidden() ? QString() : m_session->text();
}

int QueryTab::resultCount() const
{
    return m_tabs->count() - 1;
}

ResultView *QueryTab::resultView(int index) const
{
    return qobject_cast<ResultView *>(m_tabs->widget(index));
}

ResultModel *QueryTab::resultModel(int index) const
{
    auto *v = resultView(index);
    return v ? v->resultModel() : nullptr;
}

QString QueryTab::messages() const
{
    return m_messages->toPlainText();
}

QString QueryTab::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool QueryTab::fetching() const
{
    for (int i = 0; i < resultCount(); ++i)
        if (resultModel(i) && resultModel(i)->isFetching())
            return true;
    return false;
}

void QueryTab::log(const QString &line)
{
    m_messages->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void QueryTab::clearResults()
{
    while (m_tabs->count() > 1) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        // Its stream closes now, before the next run's statements queue up
        // behind it on the session (VACUUM and DETACH refuse to run beside
        // an open statement).
        if (auto *v = qobject_cast<ResultView *>(w))
            v->resultModel()->clear();
        w->deleteLater();
    }
    m_resultNumber = 0;
}

void QueryTab::addResultTab(ResultModel *model, int number)
{
    auto *view = new ResultView(model);
    model->setParent(view);
    m_tabs->insertTab(m_tabs->count() - 1, view, tr("Result %1").arg(number));
    if (number == 1)
        m_tabs->setCurrentWidget(view);
    connect(model, &ResultModel::rowsFetched, this, &QueryTab::statusChanged);
    Q_EMIT resultViewAdded(view);
}

void QueryTab::run(Scope scope)
{
    if (m_running)
        return;
    if (m_database.isEmpty()) {
        m_error->setText(tr("Open a database first."));
        m_error->show();
        return;
    }
    const QString text = m_editor->toPlainText();
    QTextCursor cur = m_editor->textCursor();
    QList<Piece> pieces;
    if (cur.hasSelection() && scope != Scope::Statement) {
        const QString sel = text.mid(cur.selectionStart(), cur.selectionEnd() - cur.selectionStart());
        for (const StatementSpan &s : splitStatements(sel))
            pieces.append({sel.mid(s.begin, s.length()), cur.selectionStart() + s.begin});
    } else {
        const QList<StatementSpan> spans = splitStatements(text);
        if (scope == Scope::Statement) {
            const qsizetype k = statementAt(spans, text, cur.position());
            if (k >= 0)
                pieces.append({text.mid(spans.at(k).begin, spans.at(k).length()), spans.at(k).begin});
        } else {
            for (const StatementSpan &s : spans)
                pieces.append({text.mid(s.begin, s.length()), s.begin});
        }
    }
    pieces.erase(std::remove_if(pieces.begin(), pieces.end(), [](const Piece &p) { return isBlankSql(p.sql.toUtf8()); }),
                 pieces.end());
    if (pieces.isEmpty())
        return;
    m_error->hide();
    m_editor->clearError();
    clearResults();
    m_cancel = CancelToken();
    m_runText = text;
    m_queue = pieces;
    m_running = true;
    Q_EMIT statusChanged();
    if (m_beforeRun) {
        QStringList statements;
        for (const Piece &p : std::as_const(m_queue))
            statements << p.sql;
        whenDone(this, m_beforeRun(statements), [this](const Outcome<TransactionState> &r) {
            if (!r) {
                fail(r.error(), m_queue.first());
                return;
            }
            runNext();
        });
        return;
    }
    runNext();
}

void QueryTab::runNext()
{
    if (m_queue.isEmpty()) {
        finishRun(true);
        return;
    }
    if (m_cancel.isCancelled()) {
        log(tr("Cancelled."));
        finishRun(false);
        return;
    }
    const Piece piece = m_queue.takeFirst();
    const StatementInfo info = classifyStatement(piece.sql.toUtf8());
    ExecOptions opts;
    opts.cancel = m_cancel;
    const bool query = info.looksReadOnly() || info.kind == StatementInfo::Kind::Pragma;
    if (query && info.kind != StatementInfo::Kind::Pragma) {
        // A query streams: its first rows show at once. It runs on this tab's
        // session (see Route::Session), which moves it to a connection of its
        // own when it needs nothing of the session.
        opts.route = Route::Session;
        whenDone(this, m_manager->stream(m_database, piece.sql, {}, opts),
                 [this, piece](const Outcome<std::shared_ptr<QueryStream>> &r) {
                     if (!r) {
                         fail(r.error(), piece);
                         return;
                     }
                     auto *model = new ResultModel;
                     model->setQuery(m_manager, m_database, piece.sql);
                     addResultTab(model, ++m_resultNumber);
                     model->setStream(r.value());
                     // The total comes later, counted in the background (Esc cancels it).
                     connect(model, &ResultModel::totalCountKnown, this, &QueryTab::statusChanged);
                     QTimer::singleShot(0, model, [model] {
                         if (!model->atEnd())
                             model->countRows();
                     });
                     log(tr("Query started: %1").arg(piece.sql.simplified().left(120)));
                     runNext();
                 });
        return;
    }
    opts.route = Route::Session;
    whenDone(this, m_manager->execute(m_database, piece.sql, {}, opts), [this, piece](const Outcome<StatementResult> &r) {
        if (!r) {
            fail(r.error(), piece);
            return;
        }
        const StatementResult &s = r.value();
        const double ms = double(s.elapsedNs) / 1e6;
        if (s.returnsRows) {
            auto *model = new ResultModel;
            model->setResult(s.rows);
            addResultTab(model, ++m_resultNumber);
            m_lastStatus = tr("%n row(s) in %1 ms", nullptr, int(s.rows.rowCount())).arg(ms, 0, 'f', 1);
        } else {
            m_lastStatus = tr("%n row(s) affected in %1 ms", nullptr, int(s.rowsAffected)).arg(ms, 0, 'f', 1);
        }
        log(QStringLiteral("%1 — %2").arg(piece.sql.simplified().left(120), m_lastStatus));
        runNext();
    });
}

void QueryTab::fail(const Error &e, const Piece &piece)
{
    m_queue.clear();
    if (e.kind() == Error::Kind::Interrupted) {
        log(tr("Cancelled: %1").arg(piece.sql.simplified().left(120)));
        finishRun(false);
        return;
    }
    m_error->setText(e.message());
    m_error->show();
    log(tr("Error: %1").arg(e.message()));
    m_tabs->setCurrentWidget(m_messages);
    if (e.offset() >= 0 && m_runText == m_editor->toPlainText()) {
        // The offset is in UTF-8 bytes of the statement; the editor counts characters of the whole text.
        const int statementBytes = int(m_runText.left(piece.charOffset).toUtf8().size());
        const QByteArray stmt = piece.sql.toUtf8();
        m_editor->markError(statementBytes + qMin<int>(e.offset(), int(stmt.size())));
    }
    finishRun(false);
}

void QueryTab::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void QueryTab::finishRun(bool ok)
{
    m_running = false;
    Q_EMIT statusChanged();
    Q_EMIT runFinished(ok);
}

void QueryTab::cancel()
{
    m_cancel.cancel();
    for (int i = 0; i < resultCount(); ++i)
        if (auto *m = resultModel(i)) {
            m->cancelFetch();
            m->cancelCount();
        }
}

bool QueryTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_error && event->type() == QEvent::MouseButtonRelease && m_editor->errorPosition() >= 0) {
        QTextCursor c = m_editor->textCursor();
        c.setPosition(m_editor->errorPosition());
        m_editor->setTextCursor(c);
        m_editor->setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Litehouse
