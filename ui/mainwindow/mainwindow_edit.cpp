// The File menu's SQL file actions, the Edit menu, and what closing asks
// about unsaved work. Part of MainWindow (mainwindow.h).

#include "mainwindow.h"

#include "browser/browsermodel.h"
#include "browser/tablebrowser.h"
#include "editor/findbar.h"
#include "editor/sqleditor.h"
#include "query/querytab.h"
#include "results/celleditor.h"
#include "results/resultmodel.h"
#include "results/resultview.h"
#include "results/rowwindow.h"
#include "query/tabstore.h"
#include "util/futures.h"
#include "util/textfile.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDockWidget>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QUndoStack>
#include <QUuid>

namespace Litehouse {

namespace {

// The focused widget when it edits text itself (a filter box, the editor).
QWidget *focusedTextWidget()
{
    QWidget *f = QApplication::focusWidget();
    if (qobject_cast<QLineEdit *>(f) || qobject_cast<QPlainTextEdit *>(f))
        return f;
    return nullptr;
}

} // namespace

void MainWindow::buildFileEditMenus(QMenu *file)
{
    QAction *openSql = file->addAction(tr("Open &SQL File…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open SQL File"), {},
                                                          tr("SQL files (*.sql);;All files (*)"));
        if (!path.isEmpty())
            openSqlFile(path);
    });
    openSql->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *save = file->addAction(tr("&Save"), this, [this] {
        // In a table browser, Save writes its pending changes.
        if (auto *b = qobject_cast<TableBrowser *>(m_tabs->currentWidget())) {
            b->commitChanges();
            return;
        }
        if (QueryTab *t = currentTab())
            saveSqlFile(t);
    });
    save->setShortcut(QKeySequence::Save);
    save->setToolTip(tr("Save the SQL file, or commit a table's pending changes"));
    QAction *saveAs = file->addAction(tr("Save &As…"), this, [this] {
        QueryTab *t = currentTab();
        if (!t)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save SQL File"), t->filePath(),
                                                          tr("SQL files (*.sql);;All files (*)"));
        if (!path.isEmpty())
            saveSqlFile(t, path);
    });
    saveAs->setShortcut(QKeySequence::SaveAs);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    auto textOr = [](const char *slot, std::function<void()> otherwise) {
        return [slot, otherwise = std::move(otherwise)] {
            if (QWidget *w = focusedTextWidget())
                QMetaObject::invokeMethod(w, slot);
            else if (auto *v = qobject_cast<QAbstractItemView *>(QApplication::focusWidget());
                     v && qstrcmp(slot, "selectAll") == 0)
                v->selectAll();
            else if (otherwise)
                otherwise();
        };
    };
    edit->addAction(tr("&Undo"), this, textOr("undo", [this] {
        if (TableBrowser *b = editBrowser())
            b->undo();
        else if (SqlEditor *e = editor())
            e->undo();
    }))->setShortcut(QKeySequence::Undo);
    edit->addAction(tr("&Redo"), this, textOr("redo", [this] {
        if (TableBrowser *b = editBrowser())
            b->redo();
        else if (SqlEditor *e = editor())
            e->redo();
    }))->setShortcut(QKeySequence::Redo);
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), this, textOr("cut", [this] {
        if (SqlEditor *e = editor())
            e->cut();
    }))->setShortcut(QKeySequence::Cut);
    edit->addAction(tr("&Copy"), this, textOr("copy", [this] {
        if (TableBrowser *b = editBrowser())
            b->copy();
        else if (SqlEditor *e = editor())
            e->copy();
    }))->setShortcut(QKeySequence::Copy);
    edit->addAction(tr("&Paste"), this, textOr("paste", [this] {
        if (TableBrowser *b = editBrowser())
            b->paste();
        else if (SqlEditor *e = editor())
            e->paste();
    }))->setShortcut(QKeySequence::Paste);
    edit->addAction(tr("Select &All"), this, textOr("selectAll", [this] {
        if (TableBrowser *b = editBrowser())
            b->view()->selectAll();
        else if (SqlEditor *e = editor())
            e->selectAll();
    }))->setShortcut(QKeySequence::SelectAll);
    edit->addSeparator();
    edit->addAction(tr("&Find…"), this, [this] {
        if (QueryTab *t = currentTab())
            t->findBar()->open(false);
    })->setShortcut(QKeySequence::Find);
    edit->addAction(tr("R&eplace…"), this, [this] {
        if (QueryTab *t = currentTab())
            t->findBar()->open(true);
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    edit->addAction(tr("Find &Next"), this, [this] {
        if (QueryTab *t = currentTab())
            t->findBar()->findNext(false);
    })->setShortcut(QKeySequence::FindNext);
    edit->addAction(tr("Find Pre&vious"), this, [this] {
        if (QueryTab *t = currentTab())
            t->findBar()->findNext(true);
    })->setShortcut(QKeySequence::FindPrevious);
    edit->addAction(tr("&Go to Line…"), this, [this] {
        SqlEditor *e = editor();
        if (!e)
            return;
        bool ok = false;
        const int line = QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1–%1):").arg(e->document()->blockCount()),
                                              e->textCursor().blockNumber() + 1, 1, e->document()->blockCount(), 1, &ok);
        if (ok)
            e->goToLine(line);
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    edit->addAction(tr("Toggle &Comment"), this, [this] {
        if (SqlEditor *e = editor())
            e->toggleComment();
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    edit->addSeparator();
    edit->addAction(tr("Set Cell to &NULL"), this, [this] {
        if (TableBrowser *b = editBrowser())
            b->setSelectedNull();
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    edit->addAction(tr("A&dd Row"), this, [this] {
        if (TableBrowser *b = editBrowser())
            b->addRow();
    });
    edit->addAction(tr("&Delete Rows"), this, [this] {
        if (TableBrowser *b = editBrowser())
            b->deleteSelectedRows();
    });
}

TableBrowser *MainWindow::editBrowser() const
{
    for (QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget())
        if (auto *b = qobject_cast<TableBrowser *>(w))
            return b;
    return qobject_cast<TableBrowser *>(m_tabs->currentWidget());
}

QueryTab *MainWindow::tabForFile(const QString &path) const
{
    const QString want = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (QueryTab *t = tab(i); t && !t->filePath().isEmpty() && QFileInfo(t->filePath()).absoluteFilePath() == want)
            return t;
    return nullptr;
}

void MainWindow::openSqlFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QueryTab *t = tabForFile(absolute)) {
        m_tabs->setCurrentWidget(t);
        // Queued, as when the file is read: callers see one behaviour.
        QMetaObject::invokeMethod(this, [this, absolute] { Q_EMIT fileOpened(absolute); }, Qt::QueuedConnection);
        return;
    }
    whenDone(this, readTextFile(absolute), [this, absolute](const Outcome<QString> &text) {
        if (!text) {
            showError(text.error().message());
            return;
        }
        QueryTab *t = newTab(text.value());
        t->setFile(absolute);
        m_store->save(t->objectName(), text.value());
        updateTabTitle(t);
        saveTabs();
        Q_EMIT fileOpened(absolute);
    });
}

void MainWindow::saveSqlFile(QueryTab *t, const QString &path)
{
    if (!t)
        return;
    QString target = path.isEmpty() ? t->filePath() : path;
    if (target.isEmpty()) {
        target = QFileDialog::getSaveFileName(this, tr("Save SQL File"), {}, tr("SQL files (*.sql);;All files (*)"));
        if (target.isEmpty())
            return;
    }
    target = QFileInfo(target).absoluteFilePath();
    const QString text = t->editor()->toPlainText();
    QPointer<QueryTab> guard(t);
    whenDone(this, writeTextFile(target, text), [this, guard, target, text](const Outcome<Done> &r) {
        if (!r) {
            showError(r.error().message());
            Q_EMIT fileSaveFailed(target, r.error().message());
            return;
        }
        if (guard) {
            if (guard->filePath() != target)
                guard->setFile(target);
            // Typing while the write ran leaves the tab modified.
            if (guard->editor()->toPlainText() == text)
                guard->markSaved();
            updateTabTitle(guard);
            saveTabs();
        }
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(target).fileName()), 5000);
        Q_EMIT fileSaved(target);
    });
}

void MainWindow::restoreFileTab(QueryTab *t, const QString &path)
{
    t->setFile(path);
    updateTabTitle(t);
    // The restored text may hold changes the file never got: compare.
    QPointer<QueryTab> guard(t);
    whenDone(this, readTextFile(path), [this, guard](const Outcome<QString> &file) {
        if (!guard)
            return;
        if (!file || file.value() != guard->editor()->toPlainText())
            guard->setModified(true);
        updateTabTitle(guard);
    });
}

void MainWindow::updateTabTitle(QueryTab *t)
{
    const int i = m_tabs->indexOf(t);
    if (i < 0 || t->filePath().isEmpty())
        return;
    m_tabs->setTabText(i, QFileInfo(t->filePath()).fileName() + (t->isModified() ? QStringLiteral(" •") : QString()));
    m_tabs->setTabToolTip(i, t->isModified() ? tr("%1 (not saved)").arg(t->filePath()) : t->filePath());
}

MainWindow::Unsaved MainWindow::askUnsaved(const QString &what)
{
    if (m_unsavedChooser)
        return m_unsavedChooser(what);
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"), what, QMessageBox::NoButton, this);
    QPushButton *save = box.addButton(tr("Save"), QMessageBox::AcceptRole);
    box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(save);
    box.exec();
    if (box.clickedButton() == save)
        return Unsaved::Save;
    if (box.clickedButton() == cancel || !box.clickedButton())
        return Unsaved::Cancel;
    return Unsaved::Discard;
}

bool MainWindow::mayCloseTab(int index)
{
    QWidget *w = m_tabs->widget(index);
    if (auto *b = qobject_cast<TableBrowser *>(w); b && b->hasPendingChanges()) {
        switch (askUnsaved(tr("%1 has %n change(s) not yet written. Commit them before closing?", nullptr,
                              b->model()->pendingCount()).arg(b->table()))) {
        case Unsaved::Save: {
            // Closes once they are written; a failure keeps the tab open with its message.
            auto done = std::make_shared<QList<QMetaObject::Connection>>();
            auto drop = [done] {
                for (const auto &c : *done)
                    QObject::disconnect(c);
            };
            *done << connect(b->model(), &BrowserModel::committed, this, [this, b, drop] {
                drop();
                if (int i = m_tabs->indexOf(b); i >= 0)
                    Q_EMIT m_tabs->tabCloseRequested(i);
            });
            *done << connect(b->model(), &BrowserModel::commitFailed, this, drop);
            *done << connect(b->model(), &BrowserModel::commitConflicts, this, drop);
            b->commitChanges();
            return false;
        }
        case Unsaved::Discard:
            return true;
        case Unsaved::Cancel:
            return false;
        }
    }
    if (auto *t = qobject_cast<QueryTab *>(w); t && t->isModified()) {
        switch (askUnsaved(tr("%1 has changes that are not saved. Save them before closing?")
                               .arg(QFileInfo(t->filePath()).fileName()))) {
        case Unsaved::Save: {
            auto done = std::make_shared<QList<QMetaObject::Connection>>();
            auto drop = [done] {
                for (const auto &c : *done)
                    QObject::disconnect(c);
            };
            *done << connect(this, &MainWindow::fileSaved, t, [this, t, drop] {
                drop();
                if (int i = m_tabs->indexOf(t); i >= 0 && !t->isModified())
                    Q_EMIT m_tabs->tabCloseRequested(i);
            });
            *done << connect(this, &MainWindow::fileSaveFailed, t, drop);
            saveSqlFile(t);
            return false;
        }
        case Unsaved::Discard:
            return true;
        case Unsaved::Cancel:
            return false;
        }
    }
    return true;
}

bool MainWindow::mayCloseBrowsers()
{
    // Pending table edits live only in their browser: ask before they go.
    // (File tabs need no question: their text comes back with the tab.)
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *b = qobject_cast<TableBrowser *>(m_tabs->widget(i));
        if (!b || !b->hasPendingChanges())
            continue;
        m_tabs->setCurrentIndex(i);
        switch (askUnsaved(tr("%1 has %n change(s) not yet written. Commit them before quitting?", nullptr,
                              b->model()->pendingCount()).arg(b->table()))) {
        case Unsaved::Save:
            connect(b->model(), &BrowserModel::committed, this, [this] { close(); }, Qt::SingleShotConnection);
            b->commitChanges();
            return false;
        case Unsaved::Discard:
            b->revertChanges();
            break;
        case Unsaved::Cancel:
            return false;
        }
    }
    return true;
}

void MainWindow::setupCellEditor()
{
    m_cellEditor = new CellEditor;
    m_cellDock = new QDockWidget(tr("Cell Editor"), this);
    m_cellDock->setObjectName(QStringLiteral("cellEditorDock"));
    m_cellDock->setWidget(m_cellEditor);
    addDockWidget(Qt::RightDockWidgetArea, m_cellDock);
    m_cellDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_viewMenu->addAction(m_cellDock->toggleViewAction());
    auto follow = [this] {
        if (auto *b = qobject_cast<TableBrowser *>(m_tabs->currentWidget()))
            showCell(b->view(), b->currentCell());
        else if (QueryTab *t = currentTab(); t && t->resultCount() > 0) {
            ResultView *v = nullptr;
            for (int i = 0; i < t->resultCount() && !v; ++i)
                if (t->resultView(i)->isVisible())
                    v = t->resultView(i);
            showCell(v, v ? v->currentIndex() : QModelIndex());
        } else {
            m_cellEditor->clear();
        }
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, follow);
    connect(m_cellDock, &QDockWidget::visibilityChanged, this, [follow](bool visible) {
        if (visible)
            follow();
    });
}

void MainWindow::showCell(QAbstractItemView *view, const QModelIndex &index)
{
    if (!m_cellDock->isVisible() && !m_cellDock->isFloating() && m_cellDock->isHidden())
        return; // a closed dock costs nothing
    if (!view || !index.isValid()) {
        m_cellEditor->clear();
        return;
    }
    if (auto *b = qobject_cast<BrowserModel *>(view->model())) {
        const int row = index.row();
        const int column = index.column();
        const Value *v = b->valueAt(row, column);
        const QString title = tr("%1.%2, row %3").arg(b->table(), b->columnNames().value(column)).arg(row + 1);
        const bool editable = b->flags(index) & Qt::ItemIsEditable;
        QString reason = b->readOnlyReason();
        if (!editable && reason.isEmpty())
            reason = b->isCommitting() ? tr("the changes are being written") : tr("the row is marked deleted");
        QPersistentModelIndex at(index);
        QPointer<BrowserModel> model(b);
        m_cellEditor->setValue(v ? *v : Value(), title,
                               editable ? std::function<void(const Value &)>([model, at](const Value &nv) {
                                   if (model && at.isValid())
                                       model->setCell(at.row(), at.column(), nv);
                               })
                                        : std::function<void(const Value &)>(),
                               editable ? QString() : tr("Read-only: %1").arg(reason), b->declaredTypes().value(column));
        return;
    }
    if (auto *r = qobject_cast<ResultView *>(view)) {
        const qint64 source = r->window()->toSource(index.row());
        const Value *v = r->resultModel()->valueAt(int(source), index.column());
        m_cellEditor->setValue(v ? *v : Value(),
                               tr("%1, row %2").arg(r->resultModel()->columns().value(index.column())).arg(source + 1), nullptr,
                               ResultView::readOnlyReason());
        return;
    }
    m_cellEditor->clear();
}

} // namespace Litehouse
