#include "savepointpanel.h"

#include "transactionsutil_p.h"

#include <core/sqlclassify.h>

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Litehouse {

using TransactionsUi::whenDone;

namespace {
/// The stack as a list whose rows are indented by depth, so nesting shows;
/// the model's strings stay the plain names.
class StackModel final : public QStringListModel
{
public:
    using QStringListModel::QStringListModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= rowCount())
            return {};
        const QString name = stringList().at(index.row());
        if (role == Qt::DisplayRole)
            return index.row() == 0 ? name : QString(4 * (index.row() - 1), QLatin1Char(' ')) + QStringLiteral("└ ") + name;
        if (role == Qt::ToolTipRole)
            return SavepointPanel::tr("Savepoint “%1”, level %2 of %3").arg(name).arg(index.row() + 1).arg(rowCount());
        if (role == Qt::EditRole)
            return name;
        return QStringListModel::data(index, role);
    }
};
} // namespace

SavepointPanel::SavepointPanel(Manager *manager, QWidget *parent)
    : QWidget(parent), m_manager(manager)
{
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("savepointCaption"));
    m_caption->setWordWrap(true);

    m_model = new StackModel(this);
    m_view = new QListView;
    m_view->setObjectName(QStringLiteral("savepointList"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setToolTip(tr("Open savepoints, outermost first"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &SavepointPanel::updateEnabled);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("savepointName"));
    m_name->setPlaceholderText(tr("New savepoint name"));
    m_name->setClearButtonEnabled(true);
    m_name->setToolTip(tr("Letters, digits and underscores, starting with a letter or underscore"));
    connect(m_name, &QLineEdit::returnPressed, this, &SavepointPanel::create);
    connect(m_name, &QLineEdit::textEdited, this, &SavepointPanel::clearError);
    m_createButton = new QPushButton(tr("Create"));
    m_createButton->setObjectName(QStringLiteral("createSavepoint"));
    m_createButton->setToolTip(tr("Create a savepoint; without an open transaction it also begins one"));
    connect(m_createButton, &QPushButton::clicked, this, &SavepointPanel::create);

    m_releaseButton = new QPushButton(tr("Release"));
    m_releaseButton->setObjectName(QStringLiteral("releaseSavepoint"));
    m_releaseButton->setToolTip(tr("Keep the changes made since the selected savepoint and close it, with every "
                                   "savepoint inside it"));
    connect(m_releaseButton, &QPushButton::clicked, this, &SavepointPanel::release);
    m_rollbackToButton = new QPushButton(tr("Rollback to"));
    m_rollbackToButton->setObjectName(QStringLiteral("rollbackToSavepoint"));
    m_rollbackToButton->setToolTip(tr("Undo the changes made since the selected savepoint; it stays open"));
    connect(m_rollbackToButton, &QPushButton::clicked, this, &SavepointPanel::rollbackTo);

    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("savepointError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
    m_errorLabel->hide();

    auto *createRow = new QHBoxLayout;
    createRow->setContentsMargins(0, 0, 0, 0);
    createRow->addWidget(m_name, 1);
    createRow->addWidget(m_createButton);
    auto *actionRow = new QHBoxLayout;
    actionRow->setContentsMargins(0, 0, 0, 0);
    actionRow->addWidget(m_releaseButton);
    actionRow->addWidget(m_rollbackToButton);
    actionRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_view, 1);
    layout->addLayout(actionRow);
    layout->addLayout(createRow);
    layout->addWidget(m_errorLabel);

    auto follow = [this](const QString &path) {
        if (path == m_path)
            refresh();
    };
    connect(m_manager, &Manager::savepointsChanged, this, follow);
    connect(m_manager, &Manager::transactionStateChanged, this, follow);
    connect(m_manager, &Manager::closed, this, follow);
    connect(m_manager, &Manager::opened, this, [this](const QString &path) {
        if (path == m_manager->resolve(m_path)) {
            m_path = path;
            refresh();
        }
    });
    refresh();
}

SavepointPanel::~SavepointPanel() = default;

void SavepointPanel::setDatabase(const QString &database)
{
    const QString resolved = m_manager->resolve(database);
    m_path = resolved.isEmpty() ? database : resolved;
    clearError();
    refresh();
}

QStringList SavepointPanel::savepoints() const
{
    return m_model->stringList();
}

QString SavepointPanel::selectedSavepoint() const
{
    const QModelIndex i = m_view->selectionModel()->currentIndex();
    return i.isValid() ? i.data(Qt::EditRole).toString() : QString();
}

void SavepointPanel::selectSavepoint(int index)
{
    m_view->selectionModel()->setCurrentIndex(m_model->index(index), QItemSelectionModel::ClearAndSelect);
}

QString SavepointPanel::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void SavepointPanel::create()
{
    const QString name = m_name->text().trimmed();
    // Checked here, before anything is sent: an invalid name never reaches SQL.
    if (!validateSavepointName(name).isEmpty()) {
        if (name.isEmpty())
            showError(tr("Type a name for the savepoint."));
        else if (name.size() > 128)
            showError(tr("A savepoint name can have at most 128 characters."));
        else
            showError(tr("“%1” is not a valid savepoint name: use letters, digits and underscores, starting with "
                         "a letter or underscore.")
                          .arg(name));
        m_name->setFocus();
        m_name->selectAll();
        return;
    }
    run(tr("Could not create savepoint “%1”: %2"), name, m_manager->savepoint(m_path, name), /*clearName=*/true);
}

void SavepointPanel::release()
{
    const QString name = selectedSavepoint();
    if (name.isEmpty())
        return;
    const QString what = tr("Could not release savepoint “%1”: %2");
    if (validateSavepointName(name).isEmpty()) {
        run(what, name, m_manager->release(m_path, name));
    } else {
        // A savepoint opened by the user's own SQL under a name that needs
        // quoting ("b c"): the name is SQLite's, so quote it and send it as is.
        run(what, name, m_manager->execute(m_path, QStringLiteral("RELEASE SAVEPOINT ") + quoteIdentifier(name)));
    }
}

void SavepointPanel::rollbackTo()
{
    const QString name = selectedSavepoint();
    if (name.isEmpty())
        return;
    const QString what = tr("Could not roll back to savepoint “%1”: %2");
    if (validateSavepointName(name).isEmpty())
        run(what, name, m_manager->rollbackTo(m_path, name));
    else
        run(what, name, m_manager->execute(m_path, QStringLiteral("ROLLBACK TO SAVEPOINT ") + quoteIdentifier(name)));
}

template<typename T>
void SavepointPanel::run(const QString &failure, const QString &name, QFuture<Outcome<T>> future, bool clearName)
{
    ++m_busy;
    updateEnabled();
    whenDone(this, std::move(future), [this, failure, name, clearName](const Outcome<T> &r) {
        --m_busy;
        refresh(); // first: a stack change clears old errors
        if (r) {
            clearError();
            if (clearName)
                m_name->clear();
        } else {
            showError(failure.arg(name, r.error().message()));
        }
        Q_EMIT operationFinished(r.ok());
    });
}

void SavepointPanel::refresh()
{
    const bool open = !m_path.isEmpty() && m_manager->isOpen(m_path);
    // The Manager's cached copy is the newest state: queued signals carry older ones.
    const QStringList names = open ? m_manager->transactionState(m_path).savepoints : QStringList();
    if (names != m_model->stringList()) {
        // An earlier complaint no longer applies to the new stack.
        clearError();
        m_model->setStringList(names);
        // The stack changed: select the innermost savepoint, the usual
        // target of Release and Rollback to.
        if (!names.isEmpty())
            selectSavepoint(int(names.size()) - 1);
    }
    if (!open)
        m_caption->setText(tr("No database"));
    else if (names.isEmpty())
        m_caption->setText(tr("No savepoints open"));
    else
        m_caption->setText(tr("%n savepoint(s), outermost first", nullptr, int(names.size())));
    updateEnabled();
}

void SavepointPanel::updateEnabled()
{
    const bool open = !m_path.isEmpty() && m_manager->isOpen(m_path);
    const bool idle = open && m_busy == 0;
    const bool selected = m_view->selectionModel()->currentIndex().isValid();
    m_name->setEnabled(open);
    m_createButton->setEnabled(idle);
    m_releaseButton->setEnabled(idle && selected);
    m_rollbackToButton->setEnabled(idle && selected);
}

void SavepointPanel::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void SavepointPanel::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

} // namespace Litehouse
