#pragma once

class QMenu;

namespace Litehouse {

class MainWindow;
class Manager;

/// Adds the import and export commands to the File menu (Import CSV/JSON…,
/// Import SQL…, Export Table…, Export Database as SQL…); each works on the
/// current database. (The schema tree's menu has its own Export… for a table.)
void addImportExportActions(MainWindow *window, Manager *manager, QMenu *file);

} // namespace Litehouse
