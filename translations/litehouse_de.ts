<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>Litehouse::BrowserModel</name>
    <message>
        <source>There is no table or view named “%1” in this database.</source>
        <translation>In dieser Datenbank gibt es keine Tabelle oder Sicht namens „%1“.</translation>
    </message>
    <message>
        <source>“%1” needs a value after it</source>
        <translation>„%1“ braucht einen Wert dahinter</translation>
    </message>
    <message>
        <source>%1 (no declared type)</source>
        <translation>%1 (kein deklarierter Typ)</translation>
    </message>
</context>
<context>
    <name>Litehouse::CloseGuard</name>
    <message>
        <source>Open transaction</source>
        <translation>Offene Transaktion</translation>
    </message>
    <message>
        <source>“%1” has a transaction open since %2 (%3).</source>
        <translation>In „%1“ ist seit %2 eine Transaktion offen (%3).</translation>
    </message>
    <message>
        <source>Commit its changes or roll them back before closing?</source>
        <translation>Die Änderungen vor dem Schließen festschreiben oder zurückrollen?</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Festschreiben</translation>
    </message>
    <message>
        <source>Roll Back</source>
        <translation>Zurückrollen</translation>
    </message>
</context>
<context>
    <name>Litehouse::FilterHeader</name>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Rows whose value contains this text.
Or start with an operator: = &lt;&gt; &lt; &lt;= &gt; &gt;= (for example “&gt;= 10”),
or type “is null” or “not null”.</source>
        <translation>Zeilen, deren Wert diesen Text enthält.
Oder mit einem Operator beginnen: = &lt;&gt; &lt; &lt;= &gt; &gt;= (zum Beispiel „&gt;= 10“),
oder „is null“ bzw. „not null“ eingeben.</translation>
    </message>
</context>
<context>
    <name>Litehouse::HistoryDock</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Search SQL and errors</source>
        <translation>SQL und Fehler durchsuchen</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Write the matching items to a JSON, CSV or text file</source>
        <translation>Die passenden Einträge in eine JSON-, CSV- oder Textdatei schreiben</translation>
    </message>
    <message>
        <source>History is off</source>
        <translation>Der Verlauf ist aus</translation>
    </message>
    <message>
        <source>History cannot be read: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>newest %1 of %2</source>
        <translation>neueste %1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform>%n Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n fehlgeschlagen</numerusform><numerusform>%n fehlgeschlagen</numerusform></translation>
    </message>
    <message>
        <source>History is off.</source>
        <translation>Der Verlauf ist aus.</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) exported to %1</source>
        <translation><numerusform>%n Eintrag nach %1 exportiert</numerusform><numerusform>%n Einträge nach %1 exportiert</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::HistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Anweisung</translation>
    </message>
</context>
<context>
    <name>Litehouse::MainWindow</name>
    <message>
        <source>Litehouse</source>
        <translation>Litehouse</translation>
    </message>
    <message>
        <source>The database the current tab runs on</source>
        <translation>Die Datenbank, auf der der aktuelle Tab arbeitet</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <source>Savepoints</source>
        <translation>Sicherungspunkte</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Database…</source>
        <translation>&amp;Neue Datenbank …</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Read-Only…</source>
        <translation>&amp;Schreibgeschützt öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Close Database</source>
        <translation>Datenbank s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>&amp;Abfrage</translation>
    </message>
    <message>
        <source>New &amp;Tab</source>
        <translation>Neuer &amp;Tab</translation>
    </message>
    <message>
        <source>Run &amp;Statement</source>
        <translation>&amp;Anweisung ausführen</translation>
    </message>
    <message>
        <source>&amp;Run All or Selection</source>
        <translation>Alles oder Auswahl aus&amp;führen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes when Litehouse starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Litehouse.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Litehouse</source>
        <translation>&amp;Über Litehouse</translation>
    </message>
    <message>
        <source>About Litehouse</source>
        <translation>Über Litehouse</translation>
    </message>
    <message>
        <source>&lt;b&gt;Litehouse %1&lt;/b&gt;&lt;br&gt;A fast, trustworthy desktop workbench for SQLite.</source>
        <translation>&lt;b&gt;Litehouse %1&lt;/b&gt;&lt;br&gt;Eine schnelle, verlässliche Arbeitsumgebung für SQLite.</translation>
    </message>
    <message>
        <source>▶ Statement</source>
        <translation>▶ Anweisung</translation>
    </message>
    <message>
        <source>▶ Run</source>
        <translation>▶ Ausführen</translation>
    </message>
    <message>
        <source>■ Cancel</source>
        <translation>■ Abbrechen</translation>
    </message>
    <message>
        <source>Query %1</source>
        <translation>Abfrage %1</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>Open Database Read-Only</source>
        <translation>Datenbank schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Open Database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3 *.db3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New Database</source>
        <translation>Neue Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3)</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>%1 — Litehouse</source>
        <translation>%1 — Litehouse</translation>
    </message>
    <message>
        <source>No database open — File ▸ Open, or drop a file here</source>
        <translation>Keine Datenbank offen — Datei ▸ Öffnen, oder eine Datei hierher ziehen</translation>
    </message>
    <message>
        <source>in transaction (%1)</source>
        <translation>in Transaktion (%1)</translation>
    </message>
    <message>
        <source>autocommit</source>
        <translation>Autocommit</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft …</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation><numerusform>%n Zeile</numerusform><numerusform>%n Zeilen</numerusform></translation>
    </message>
    <message>
        <source>Closing when the running statement finishes (Esc stops it)…</source>
        <translation>Schließt, sobald die laufende Anweisung fertig ist (Esc bricht sie ab) …</translation>
    </message>
    <message>
        <source>&amp;Schema</source>
        <translation>&amp;Schema</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) shown</source>
        <translation><numerusform>%1 von %n Zeile angezeigt</numerusform><numerusform>%1 von %n Zeilen angezeigt</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) so far, counting…</source>
        <translation><numerusform>bisher %n Zeile, wird gezählt …</numerusform><numerusform>bisher %n Zeilen, wird gezählt …</numerusform></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Maintenance</source>
        <translation>&amp;Wartung</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <source>Maintenance: %1</source>
        <translation>Wartung: %1</translation>
    </message>
    <message>
        <source>M&amp;igrations…</source>
        <translation>M&amp;igrationen …</translation>
    </message>
    <message>
        <source>Migrations are running on %1; cancel them or wait before closing it.</source>
        <translation>Auf %1 laufen Migrationen; vor dem Schließen abbrechen oder abwarten.</translation>
    </message>
</context>
<context>
    <name>Litehouse::MaintenanceTab</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Maintenance of %1</source>
        <translation>Wartung von %1</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Table or index</source>
        <translation>Tabelle oder Index</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Integrity Check</source>
        <translation>Integritätsprüfung</translation>
    </message>
    <message>
        <source>PRAGMA integrity_check: reads every page and index</source>
        <translation>PRAGMA integrity_check: liest jede Seite und jeden Index</translation>
    </message>
    <message>
        <source>Quick Check</source>
        <translation>Schnellprüfung</translation>
    </message>
    <message>
        <source>PRAGMA quick_check: faster, skips index contents</source>
        <translation>PRAGMA quick_check: schneller, ohne Indexinhalte</translation>
    </message>
    <message>
        <source>Foreign Key Check</source>
        <translation>Fremdschlüsselprüfung</translation>
    </message>
    <message>
        <source>PRAGMA foreign_key_check: rows whose parent is missing</source>
        <translation>PRAGMA foreign_key_check: Zeilen, deren Elternzeile fehlt</translation>
    </message>
    <message>
        <source>Analyze</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <source>ANALYZE: fresh statistics for the query planner</source>
        <translation>ANALYZE: frische Statistiken für den Abfrageplaner</translation>
    </message>
    <message>
        <source>Optimize</source>
        <translation>Optimieren</translation>
    </message>
    <message>
        <source>PRAGMA optimize: ANALYZE where SQLite thinks it helps</source>
        <translation>PRAGMA optimize: ANALYZE dort, wo SQLite es für nützlich hält</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Copy the write-ahead log back into the database and truncate it</source>
        <translation>Das Write-Ahead-Log in die Datenbank zurückschreiben und kürzen</translation>
    </message>
    <message>
        <source>Vacuum</source>
        <translation>Vacuum</translation>
    </message>
    <message>
        <source>VACUUM: rebuild the file without free pages (needs no open transaction)</source>
        <translation>VACUUM: die Datei ohne freie Seiten neu aufbauen (ohne offene Transaktion)</translation>
    </message>
    <message>
        <source>Backup…</source>
        <translation>Sicherung …</translation>
    </message>
    <message>
        <source>An online copy of the database while it stays in use</source>
        <translation>Eine Online-Kopie der Datenbank, während sie in Gebrauch bleibt</translation>
    </message>
    <message>
        <source>Back Up To</source>
        <translation>Sichern nach</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Results of the actions appear here.</source>
        <translation>Die Ergebnisse der Aktionen erscheinen hier.</translation>
    </message>
    <message>
        <source>Health: checking…</source>
        <translation>Zustand: wird geprüft …</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>gesund</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>beeinträchtigt</translation>
    </message>
    <message>
        <source>down</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>Health: %1 — %2</source>
        <translation>Zustand: %1 — %2</translation>
    </message>
    <message>
        <source>Sizes cannot be read: %1</source>
        <translation>Die Größen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 pages of %2 · the file on disk: %3</source>
        <translation>%1 Seiten zu %2 · die Datei auf der Platte: %3</translation>
    </message>
    <message>
        <source>In use: %1 · free pages: %2</source>
        <translation>Belegt: %1 · freie Seiten: %2</translation>
    </message>
    <message>
        <source>Write-ahead log: %1</source>
        <translation>Write-Ahead-Log: %1</translation>
    </message>
    <message>
        <source>%1 (on %2)</source>
        <translation>%1 (auf %2)</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>%1 …</source>
        <translation>%1 …</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s):</source>
        <translation><numerusform>%n Problem:</numerusform><numerusform>%n Probleme:</numerusform></translation>
    </message>
    <message>
        <source>(there may be more)</source>
        <translation>(es kann weitere geben)</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>Integritätsprüfung</translation>
    </message>
    <message>
        <source>Quick check</source>
        <translation>Schnellprüfung</translation>
    </message>
    <message>
        <source>Foreign key check</source>
        <translation>Fremdschlüsselprüfung</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with a missing parent:</source>
        <translation><numerusform>%n Zeile ohne Elternzeile:</numerusform><numerusform>%n Zeilen ohne Elternzeile:</numerusform></translation>
    </message>
    <message>
        <source>%1 row %2 → %3</source>
        <translation>%1 Zeile %2 → %3</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>nothing to do: the journal mode is %1, not WAL</source>
        <translation>nichts zu tun: der Journalmodus ist %1, nicht WAL</translation>
    </message>
    <message>
        <source>readers or a writer kept part of the log (%1 of %2 frames copied)</source>
        <translation>Leser oder ein Schreiber hielten einen Teil des Logs fest (%1 von %2 Frames kopiert)</translation>
    </message>
    <message>
        <source>%1 of %2 frames copied, log truncated</source>
        <translation>%1 von %2 Frames kopiert, Log gekürzt</translation>
    </message>
    <message>
        <source>Backup to %1</source>
        <translation>Sicherung nach %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) copied</source>
        <translation><numerusform>%n Seite kopiert</numerusform><numerusform>%n Seiten kopiert</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::MigrationsDialog</name>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Migrations — %1</source>
        <translation>Migrationen — %1</translation>
    </message>
    <message>
        <source>A folder of NNN_name.up.sql and NNN_name.down.sql files</source>
        <translation>Ein Ordner mit Dateien NNN_name.up.sql und NNN_name.down.sql</translation>
    </message>
    <message>
        <source>Migrations Folder</source>
        <translation>Migrationsordner</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Applied at</source>
        <translation>Angewendet am</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Down file</source>
        <translation>Down-Datei</translation>
    </message>
    <message>
        <source>Apply: up to and including this version. Revert: every migration above it.</source>
        <translation>Anwenden: bis einschließlich dieser Version. Zurücknehmen: jede Migration darüber.</translation>
    </message>
    <message>
        <source>Show what Apply would run, without running anything</source>
        <translation>Zeigen, was „Anwenden“ ausführen würde, ohne etwas auszuführen</translation>
    </message>
    <message>
        <source>Apply the pending migrations, each in its own transaction</source>
        <translation>Die ausstehenden Migrationen anwenden, jede in einer eigenen Transaktion</translation>
    </message>
    <message>
        <source>Revert applied migrations with their down files, newest first</source>
        <translation>Angewendete Migrationen mit ihren Down-Dateien zurücknehmen, die neueste zuerst</translation>
    </message>
    <message>
        <source>Target version:</source>
        <translation>Zielversion:</translation>
    </message>
    <message>
        <source>What runs, and how it went, appears here.</source>
        <translation>Was läuft und wie es ausging, erscheint hier.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3) …</source>
        <translation>%1 (%2 von %3) …</translation>
    </message>
    <message>
        <source>%1 done in %2 ms</source>
        <translation>%1 fertig in %2 ms</translation>
    </message>
    <message>
        <source>%1 failed and was rolled back: %2</source>
        <translation>%1 ist fehlgeschlagen und wurde zurückgerollt: %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>default (apply: all; revert: the newest)</source>
        <translation>Standard (anwenden: alle; zurücknehmen: die neueste)</translation>
    </message>
    <message>
        <source>0 (revert all)</source>
        <translation>0 (alle zurücknehmen)</translation>
    </message>
    <message>
        <source>Preview of a revert:</source>
        <translation>Vorschau einer Rücknahme:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source>Reverting…</source>
        <translation>Wird zurückgenommen …</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird angewendet …</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Nothing to revert.</source>
        <translation>Nichts zurückzunehmen.</translation>
    </message>
    <message>
        <source>Nothing to apply: the database is up to date.</source>
        <translation>Nichts anzuwenden: die Datenbank ist aktuell.</translation>
    </message>
    <message>
        <source>would run %1%2:</source>
        <translation>würde %1%2 ausführen:</translation>
    </message>
    <message>
        <source> (without a transaction)</source>
        <translation> (ohne Transaktion)</translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s) would run.</source>
        <translation><numerusform>%n Migration würde laufen.</numerusform><numerusform>%n Migrationen würden laufen.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Version %1 → %2 (%n migration(s)).</source>
        <translation><numerusform>Version %1 → %2 (%n Migration).</numerusform><numerusform>Version %1 → %2 (%n Migrationen).</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::QueryTab</name>
    <message>
        <source>Type SQL here. Ctrl+Enter runs the statement under the cursor, Ctrl+Shift+Enter or F5 runs all (or the selection), Esc stops.</source>
        <translation>SQL hier eingeben. Strg+Eingabe führt die Anweisung am Cursor aus, Strg+Umschalt+Eingabe oder F5 alles (oder die Auswahl), Esc bricht ab.</translation>
    </message>
    <message>
        <source>Click to move the cursor to the error</source>
        <translation>Klicken, um den Cursor zum Fehler zu setzen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Result %1</source>
        <translation>Ergebnis %1</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Query started: %1</source>
        <translation>Abfrage gestartet: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in %1 ms</source>
        <translation><numerusform>%n Zeile in %1 ms</numerusform><numerusform>%n Zeilen in %1 ms</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) affected in %1 ms</source>
        <translation><numerusform>%n Zeile geändert in %1 ms</numerusform><numerusform>%n Zeilen geändert in %1 ms</numerusform></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
</context>
<context>
    <name>Litehouse::ResultModel</name>
    <message numerus="yes">
        <source>BLOB %n byte(s): %1</source>
        <translation><numerusform>BLOB %n Byte: %1</numerusform><numerusform>BLOB %n Bytes: %1</numerusform></translation>
    </message>
    <message>
        <source>NULL (no value)</source>
        <translation>NULL (kein Wert)</translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation>Leerer Text</translation>
    </message>
    <message>
        <source>The rows changed since the query ran; run it again.</source>
        <translation>Die Zeilen haben sich seit der Abfrage geändert; bitte erneut ausführen.</translation>
    </message>
</context>
<context>
    <name>Litehouse::ResultView</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy with Headers</source>
        <translation>Mit Spaltennamen kopieren</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Als CSV exportieren …</translation>
    </message>
    <message>
        <source>Export to JSON…</source>
        <translation>Als JSON exportieren …</translation>
    </message>
    <message>
        <source>Count All Rows</source>
        <translation>Alle Zeilen zählen</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>Export to JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation><numerusform>%n Zeile nach %1 exportiert</numerusform><numerusform>%n Zeilen nach %1 exportiert</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::SavepointPanel</name>
    <message>
        <source>Savepoint “%1”, level %2 of %3</source>
        <translation>Sicherungspunkt „%1“, Ebene %2 von %3</translation>
    </message>
    <message>
        <source>Open savepoints, outermost first</source>
        <translation>Offene Sicherungspunkte, äußerster zuerst</translation>
    </message>
    <message>
        <source>New savepoint name</source>
        <translation>Name des neuen Sicherungspunkts</translation>
    </message>
    <message>
        <source>Letters, digits and underscores, starting with a letter or underscore</source>
        <translation>Buchstaben, Ziffern und Unterstriche, beginnend mit einem Buchstaben oder Unterstrich</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Create a savepoint; without an open transaction it also begins one</source>
        <translation>Einen Sicherungspunkt anlegen; ohne offene Transaktion beginnt er auch eine</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Keep the changes made since the selected savepoint and close it, with every savepoint inside it</source>
        <translation>Die Änderungen seit dem gewählten Sicherungspunkt behalten und ihn samt allen inneren Sicherungspunkten schließen</translation>
    </message>
    <message>
        <source>Rollback to</source>
        <translation>Zurückrollen zu</translation>
    </message>
    <message>
        <source>Undo the changes made since the selected savepoint; it stays open</source>
        <translation>Die Änderungen seit dem gewählten Sicherungspunkt rückgängig machen; er bleibt offen</translation>
    </message>
    <message>
        <source>Type a name for the savepoint.</source>
        <translation>Einen Namen für den Sicherungspunkt eingeben.</translation>
    </message>
    <message>
        <source>A savepoint name can have at most 128 characters.</source>
        <translation>Ein Sicherungspunktname darf höchstens 128 Zeichen haben.</translation>
    </message>
    <message>
        <source>“%1” is not a valid savepoint name: use letters, digits and underscores, starting with a letter or underscore.</source>
        <translation>„%1“ ist kein gültiger Sicherungspunktname: Buchstaben, Ziffern und Unterstriche verwenden, beginnend mit einem Buchstaben oder Unterstrich.</translation>
    </message>
    <message>
        <source>Could not create savepoint “%1”: %2</source>
        <translation>Sicherungspunkt „%1“ konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Could not release savepoint “%1”: %2</source>
        <translation>Sicherungspunkt „%1“ konnte nicht freigegeben werden: %2</translation>
    </message>
    <message>
        <source>Could not roll back to savepoint “%1”: %2</source>
        <translation>Zurückrollen zu Sicherungspunkt „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <source>No savepoints open</source>
        <translation>Keine Sicherungspunkte offen</translation>
    </message>
    <message numerus="yes">
        <source>%n savepoint(s), outermost first</source>
        <translation><numerusform>%n Sicherungspunkt, äußerster zuerst</numerusform><numerusform>%n Sicherungspunkte, äußerster zuerst</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::SchemaDock</name>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>&amp;Durchsuchen</translation>
    </message>
    <message>
        <source>&amp;SELECT * in Editor</source>
        <translation>&amp;SELECT * im Editor</translation>
    </message>
    <message>
        <source>&amp;Copy Name</source>
        <translation>Namen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Refresh All</source>
        <translation>Alle a&amp;ktualisieren</translation>
    </message>
</context>
<context>
    <name>Litehouse::SchemaModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>unique on %1</source>
        <translation>eindeutig auf %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <source>Created by SQLite for a PRIMARY KEY or UNIQUE constraint</source>
        <translation>Von SQLite für eine PRIMARY-KEY- oder UNIQUE-Bedingung angelegt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>not null</source>
        <translation>nicht NULL</translation>
    </message>
    <message>
        <source>%1 · PK</source>
        <translation>%1 · PS</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Sichten</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
</context>
<context>
    <name>Litehouse::TableBrowser</name>
    <message>
        <source>Open in Editor</source>
        <translation>Im Editor öffnen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>The statement for the first page; later pages continue after the last row's key.
Values are bound, never spliced into the text.</source>
        <translation>Die Anweisung für die erste Seite; weitere Seiten setzen nach dem Schlüssel der letzten Zeile fort.
Werte werden gebunden, nie in den Text eingesetzt.</translation>
    </message>
    <message>
        <source>Generated SQL</source>
        <translation>Erzeugtes SQL</translation>
    </message>
    <message>
        <source>Open this query in a new editor tab, with its values written in</source>
        <translation>Diese Abfrage mit eingesetzten Werten in einem neuen Editor-Tab öffnen</translation>
    </message>
    <message>
        <source>Read the rows again</source>
        <translation>Die Zeilen neu lesen</translation>
    </message>
    <message>
        <source>No bound values</source>
        <translation>Keine gebundenen Werte</translation>
    </message>
    <message>
        <source>Bound values: %1</source>
        <translation>Gebundene Werte: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation><numerusform>%n Zeile</numerusform><numerusform>%n Zeilen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) so far, more as you scroll</source>
        <translation><numerusform>bisher %n Zeile, mehr beim Blättern</numerusform><numerusform>bisher %n Zeilen, mehr beim Blättern</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::TransactionPanel</name>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Since:</source>
        <translation>Seit:</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Verzögert (DEFERRED)</translation>
    </message>
    <message>
        <source>Begin a transaction that takes its locks when it first reads or writes</source>
        <translation>Eine Transaktion beginnen, die ihre Sperren beim ersten Lesen oder Schreiben nimmt</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>Sofort (IMMEDIATE)</translation>
    </message>
    <message>
        <source>Begin a transaction that takes the write lock at once</source>
        <translation>Eine Transaktion beginnen, die sofort die Schreibsperre nimmt</translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation>Exklusiv (EXCLUSIVE)</translation>
    </message>
    <message>
        <source>Begin a transaction that takes the write lock at once; outside WAL mode it also keeps readers out</source>
        <translation>Eine Transaktion beginnen, die sofort die Schreibsperre nimmt; außerhalb des WAL-Modus sperrt sie auch Leser aus</translation>
    </message>
    <message>
        <source>Begin</source>
        <translation>Beginnen</translation>
    </message>
    <message>
        <source>Begin a transaction: choose deferred, immediate or exclusive</source>
        <translation>Eine Transaktion beginnen: verzögert, sofort oder exklusiv</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Festschreiben</translation>
    </message>
    <message>
        <source>Make the transaction's changes permanent</source>
        <translation>Die Änderungen der Transaktion dauerhaft machen</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <source>Undo every change made since the transaction began</source>
        <translation>Alle Änderungen seit Beginn der Transaktion rückgängig machen</translation>
    </message>
    <message>
        <source>Manual commit</source>
        <translation>Manuell festschreiben</translation>
    </message>
    <message>
        <source>Run the editor's statements inside a transaction that stays open until you commit or roll back</source>
        <translation>Die Anweisungen des Editors in einer Transaktion ausführen, die offen bleibt, bis Sie festschreiben oder zurückrollen</translation>
    </message>
    <message>
        <source>The next statement you run begins a transaction.</source>
        <translation>Die nächste ausgeführte Anweisung beginnt eine Transaktion.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>verzögert</translation>
    </message>
    <message>
        <source>immediate</source>
        <translation>sofort</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>exklusiv</translation>
    </message>
    <message>
        <source>savepoint</source>
        <translation>Sicherungspunkt</translation>
    </message>
    <message>
        <source>Begin failed: %1</source>
        <translation>Beginnen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Commit failed: %1</source>
        <translation>Festschreiben fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Rollback failed: %1</source>
        <translation>Zurückrollen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank ist offen.</translation>
    </message>
    <message>
        <source>Could not begin a transaction: %1</source>
        <translation>Transaktion konnte nicht begonnen werden: %1</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <source>Autocommit</source>
        <translation>Autocommit</translation>
    </message>
    <message>
        <source>Every statement is committed as soon as it succeeds</source>
        <translation>Jede Anweisung wird festgeschrieben, sobald sie gelingt</translation>
    </message>
    <message>
        <source>In transaction</source>
        <translation>In Transaktion</translation>
    </message>
    <message>
        <source>Changes are not visible to other connections until you commit</source>
        <translation>Änderungen sind für andere Verbindungen erst nach dem Festschreiben sichtbar</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A desktop workbench for SQLite</source>
        <translation>Eine Arbeitsumgebung für SQLite</translation>
    </message>
    <message>
        <source>Open the demo database (created on first run).</source>
        <translation>Die Demo-Datenbank öffnen (beim ersten Start angelegt).</translation>
    </message>
    <message>
        <source>Open the files read-only.</source>
        <translation>Die Dateien schreibgeschützt öffnen.</translation>
    </message>
    <message>
        <source>Databases to open.</source>
        <translation>Zu öffnende Datenbanken.</translation>
    </message>
</context>
</TS>