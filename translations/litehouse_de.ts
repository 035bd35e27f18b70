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
    <message>
        <source>DEFAULT</source>
        <translation>DEFAULT</translation>
    </message>
    <message>
        <source>Left to the column's DEFAULT (or NULL) when the row is written</source>
        <translation>Bekommt beim Schreiben den DEFAULT der Spalte (oder NULL)</translation>
    </message>
    <message>
        <source>A new row, not yet written</source>
        <translation>Eine neue Zeile, noch nicht geschrieben</translation>
    </message>
    <message>
        <source>Changed, not yet written</source>
        <translation>Geändert, noch nicht geschrieben</translation>
    </message>
    <message>
        <source>To be deleted when the changes are committed</source>
        <translation>Wird beim Festschreiben der Änderungen gelöscht</translation>
    </message>
    <message>
        <source>The table is still being read.</source>
        <translation>Die Tabelle wird noch gelesen.</translation>
    </message>
    <message>
        <source>“%1” is a view (or a table whose rowid is hidden by columns named rowid, _rowid_ and oid): its rows cannot be found again to change them. Edit the tables it reads from instead.</source>
        <translation>„%1“ ist eine Sicht (oder eine Tabelle, deren rowid von Spalten namens rowid, _rowid_ und oid verdeckt wird): Ihre Zeilen lassen sich zum Ändern nicht wiederfinden. Ändern Sie stattdessen die Tabellen, aus denen sie liest.</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>Auf NULL setzen</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s)</source>
        <translation><numerusform>%n Zeile löschen</numerusform><numerusform>%n Zeilen löschen</numerusform></translation>
    </message>
    <message>
        <source>The clipboard holds no rows to paste.</source>
        <translation>Die Zwischenablage enthält keine Zeilen zum Einfügen.</translation>
    </message>
    <message>
        <source>Fields past the last column (%1) were left out.</source>
        <translation>Felder nach der letzten Spalte (%1) wurden ausgelassen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were not pasted: the rows below are not read yet. Scroll to the end of the table first.</source>
        <translation><numerusform>%n Zeile wurde nicht eingefügt: Die Zeilen darunter sind noch nicht gelesen. Scrollen Sie zuerst ans Ende der Tabelle.</numerusform><numerusform>%n Zeilen wurden nicht eingefügt: Die Zeilen darunter sind noch nicht gelesen. Scrollen Sie zuerst ans Ende der Tabelle.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Paste %n row(s)</source>
        <translation><numerusform>%n Zeile einfügen</numerusform><numerusform>%n Zeilen einfügen</numerusform></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>The changes were not written: %1</source>
        <translation>Die Änderungen wurden nicht geschrieben: %1</translation>
    </message>
    <message>
        <source> (new row %1)</source>
        <translation> (neue Zeile %1)</translation>
    </message>
    <message>
        <source> (row %1)</source>
        <translation> (Zeile %1)</translation>
    </message>
    <message>
        <source>The changes were not written%1: %2</source>
        <translation>Die Änderungen wurden nicht geschrieben%1: %2</translation>
    </message>
</context>
<context>
    <name>Litehouse::CellEditor</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation><numerusform>%n Byte</numerusform><numerusform>%n Bytes</numerusform></translation>
    </message>
    <message>
        <source>BLOB, %1, shown as text</source>
        <translation>BLOB, %1, als Text angezeigt</translation>
    </message>
    <message>
        <source>Showing the first 1 MiB of %1; save it to a file to see it all</source>
        <translation>Die ersten 1 MiB von %1 werden angezeigt; in eine Datei speichern, um alles zu sehen</translation>
    </message>
    <message>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <source>%1, %2 characters</source>
        <translation>%1, %2 Zeichen</translation>
    </message>
    <message>
        <source>Valid JSON, %1</source>
        <translation>Gültiges JSON, %1</translation>
    </message>
    <message>
        <source>Not valid JSON: %1 at character %2</source>
        <translation>Kein gültiges JSON: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <source>%1; the first 64 KiB shown</source>
        <translation>%1; die ersten 64 KiB werden angezeigt</translation>
    </message>
    <message>
        <source>Not an image Litehouse can show (%1)</source>
        <translation>Kein Bild, das Litehouse anzeigen kann (%1)</translation>
    </message>
    <message>
        <source>Lines over 16,384 characters are broken here for display</source>
        <translation>Zeilen über 16.384 Zeichen werden hier zur Anzeige umbrochen</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden …</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>Auf NULL setzen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>Anzeigen als</translation>
    </message>
    <message>
        <source>Cell value</source>
        <translation>Zellwert</translation>
    </message>
    <message>
        <source>Set the cell from a file (text when it is UTF-8, else a BLOB)</source>
        <translation>Die Zelle aus einer Datei setzen (Text, wenn sie UTF-8 ist, sonst ein BLOB)</translation>
    </message>
    <message>
        <source>Write the cell's value to a file</source>
        <translation>Den Wert der Zelle in eine Datei schreiben</translation>
    </message>
    <message>
        <source>Put the edited text into the cell (a pending change until the table's Commit)</source>
        <translation>Den bearbeiteten Text in die Zelle übernehmen (eine ausstehende Änderung bis zum Festschreiben der Tabelle)</translation>
    </message>
    <message>
        <source>Load Cell From File</source>
        <translation>Zelle aus Datei laden</translation>
    </message>
    <message>
        <source>Save Cell To File</source>
        <translation>Zelle in Datei speichern</translation>
    </message>
    <message>
        <source>No cell selected</source>
        <translation>Keine Zelle ausgewählt</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Too large to edit here: load a file to replace it.</source>
        <translation>Zu groß zum Bearbeiten hier: Laden Sie eine Datei, um den Wert zu ersetzen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>In %1 gespeichert</translation>
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
    <name>Litehouse::DropDialog</name>
    <message>
        <source>Drop %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>&amp;Drop</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Drop &lt;b&gt;%1&lt;/b&gt;? This cannot be undone here. What depends on it:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; löschen? Das lässt sich hier nicht rückgängig machen. Was davon abhängt:</translation>
    </message>
    <message>
        <source>Nothing else depends on it.</source>
        <translation>Nichts anderes hängt davon ab.</translation>
    </message>
</context>
<context>
    <name>Litehouse::ExportDialog</name>
    <message>
        <source>Export Table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Export Result</source>
        <translation>Ergebnis exportieren</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Abfrage:</translation>
    </message>
    <message>
        <source>CSV (as sqlite3 -csv -header)</source>
        <translation>CSV (wie sqlite3 -csv -header)</translation>
    </message>
    <message>
        <source>JSON (an array of objects)</source>
        <translation>JSON (ein Array von Objekten)</translation>
    </message>
    <message>
        <source>SQL (INSERT statements)</source>
        <translation>SQL (INSERT-Anweisungen)</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>Neutralise formulas (a ' before text starting with = + - @)</source>
        <translation>Formeln entschärfen (ein ' vor Text, der mit = + - @ beginnt)</translation>
    </message>
    <message>
        <source>Keeps a spreadsheet from running cells as formulas. Off: the file is byte for byte what sqlite3 writes.</source>
        <translation>Verhindert, dass eine Tabellenkalkulation Zellen als Formeln ausführt. Aus: die Datei ist Byte für Byte, was sqlite3 schreibt.</translation>
    </message>
    <message>
        <source>INSERT &amp;into:</source>
        <translation>INSERT &amp;in:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>SQL files (*.sql)</source>
        <translation>SQL-Dateien (*.sql)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>%L1 rows written…</source>
        <translation>%L1 Zeilen geschrieben …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>Abgebrochen; keine Datei wurde geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation><numerusform>%n Zeile nach %1 exportiert</numerusform><numerusform>%n Zeilen nach %1 exportiert</numerusform></translation>
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
    <name>Litehouse::FindBar</name>
    <message>
        <source>Match case</source>
        <translation>Groß/klein beachten</translation>
    </message>
    <message>
        <source>Whole word</source>
        <translation>Ganzes Wort</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>A Perl-style regular expression; \1 in the replacement is the first group</source>
        <translation>Ein regulärer Ausdruck im Perl-Stil; \1 in der Ersetzung ist die erste Gruppe</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Not a valid pattern: %1</source>
        <translation>Kein gültiges Muster: %1</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation><numerusform>%n Treffer</numerusform><numerusform>%n Treffer</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation><numerusform>%n ersetzt</numerusform><numerusform>%n ersetzt</numerusform></translation>
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
    <name>Litehouse::ImportDialog</name>
    <message>
        <source>Import into %1</source>
        <translation>In %1 importieren</translation>
    </message>
    <message>
        <source>A .csv, .tsv, .json or .jsonl file</source>
        <translation>Eine .csv-, .tsv-, .json- oder .jsonl-Datei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Import File</source>
        <translation>Datei importieren</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.tab *.txt *.json *.jsonl *.ndjson);;All files (*)</source>
        <translation>Datendateien (*.csv *.tsv *.tab *.txt *.json *.jsonl *.ndjson);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV or TSV</source>
        <translation>CSV oder TSV</translation>
    </message>
    <message>
        <source>JSON (array of objects, or JSON Lines)</source>
        <translation>JSON (Array von Objekten oder JSON Lines)</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>Pick one, or type a single character</source>
        <translation>Eines wählen oder ein einzelnes Zeichen eingeben</translation>
    </message>
    <message>
        <source>Double quote ( " )</source>
        <translation>Doppeltes Anführungszeichen ( " )</translation>
    </message>
    <message>
        <source>Single quote ( ' )</source>
        <translation>Einfaches Anführungszeichen ( ' )</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <source>First line names the columns</source>
        <translation>Die erste Zeile benennt die Spalten</translation>
    </message>
    <message>
        <source>Automatic (byte-order mark, else UTF-8)</source>
        <translation>Automatisch (Byte-Order-Mark, sonst UTF-8)</translation>
    </message>
    <message>
        <source>UTF-16 (with byte-order mark)</source>
        <translation>UTF-16 (mit Byte-Order-Mark)</translation>
    </message>
    <message>
        <source>Latin-1 (ISO 8859-1)</source>
        <translation>Latin-1 (ISO 8859-1)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>&amp;Quote:</source>
        <translation>&amp;Anführungszeichen:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <source>&amp;New table:</source>
        <translation>&amp;Neue Tabelle:</translation>
    </message>
    <message>
        <source>E&amp;xisting table:</source>
        <translation>&amp;Vorhandene Tabelle:</translation>
    </message>
    <message>
        <source>Match columns by name</source>
        <translation>Spalten nach Namen zuordnen</translation>
    </message>
    <message>
        <source>Match columns by position</source>
        <translation>Spalten nach Position zuordnen</translation>
    </message>
    <message>
        <source>Empty fields in TEXT columns are NULL too</source>
        <translation>Leere Felder in TEXT-Spalten sind auch NULL</translation>
    </message>
    <message>
        <source>Empty fields are always NULL in columns that are not TEXT</source>
        <translation>Leere Felder sind in Spalten, die nicht TEXT sind, immer NULL</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Rename the new table's columns; choose each column's type</source>
        <translation>Die Spalten der neuen Tabelle umbenennen; den Typ jeder Spalte wählen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Preview (the first rows, parsed with these options):</source>
        <translation>Vorschau (die ersten Zeilen, mit diesen Einstellungen gelesen):</translation>
    </message>
    <message>
        <source>%L1 rows imported…</source>
        <translation>%L1 Zeilen importiert …</translation>
    </message>
    <message>
        <source>Choose a file to import.</source>
        <translation>Eine Datei zum Importieren wählen.</translation>
    </message>
    <message>
        <source>The separator must be one character.</source>
        <translation>Das Trennzeichen muss ein einzelnes Zeichen sein.</translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n row(s).</source>
        <translation><numerusform>Die erste Zeile wird gezeigt.</numerusform><numerusform>Die ersten %n Zeilen werden gezeigt.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in the file.</source>
        <translation><numerusform>%n Zeile in der Datei.</numerusform><numerusform>%n Zeilen in der Datei.</numerusform></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert …</translation>
    </message>
    <message>
        <source>Cancelled; nothing was imported.</source>
        <translation>Abgebrochen; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nichts wurde importiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported into %1.</source>
        <translation><numerusform>%n Zeile in %1 importiert.</numerusform><numerusform>%n Zeilen in %1 importiert.</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::IndexDialog</name>
    <message>
        <source>&amp;Unique: no two rows with the same key</source>
        <translation>&amp;Eindeutig: keine zwei Zeilen mit demselben Schlüssel</translation>
    </message>
    <message>
        <source>New Index</source>
        <translation>Neuer Index</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>In the key</source>
        <translation>Im Schlüssel</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>Absteigend</translation>
    </message>
    <message>
        <source>Optional: only rows where this holds (a partial index)</source>
        <translation>Optional: nur Zeilen, für die das gilt (ein Teilindex)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>&amp;Columns:</source>
        <translation>&amp;Spalten:</translation>
    </message>
    <message>
        <source>&amp;WHERE:</source>
        <translation>&amp;WHERE:</translation>
    </message>
</context>
<context>
    <name>Litehouse::IoTaskDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelled. %1</source>
        <translation>Abgebrochen. %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
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
    <message>
        <source>%1 (File ▸ New Database… creates a new one)</source>
        <translation>%1 (Datei ▸ Neue Datenbank … legt eine neue an)</translation>
    </message>
    <message>
        <source>Open &amp;SQL File…</source>
        <translation>&amp;SQL-Datei öffnen …</translation>
    </message>
    <message>
        <source>Open SQL File</source>
        <translation>SQL-Datei öffnen</translation>
    </message>
    <message>
        <source>SQL files (*.sql);;All files (*)</source>
        <translation>SQL-Dateien (*.sql);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the SQL file, or commit a table's pending changes</source>
        <translation>Die SQL-Datei speichern oder die ausstehenden Änderungen einer Tabelle festschreiben</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <source>Save SQL File</source>
        <translation>SQL-Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles a&amp;uswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>E&amp;rsetzen …</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Rück&amp;wärts suchen</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>&amp;Gehe zu Zeile …</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>Line (1–%1):</source>
        <translation>Zeile (1–%1):</translation>
    </message>
    <message>
        <source>Toggle &amp;Comment</source>
        <translation>&amp;Kommentar umschalten</translation>
    </message>
    <message>
        <source>Set Cell to &amp;NULL</source>
        <translation>Zelle auf &amp;NULL setzen</translation>
    </message>
    <message>
        <source>A&amp;dd Row</source>
        <translation>Zeile &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete Rows</source>
        <translation>Zeilen &amp;löschen</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1 (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n change(s) not yet written. Commit them before closing?</source>
        <translation><numerusform>%1 hat %n noch nicht geschriebene Änderung. Vor dem Schließen festschreiben?</numerusform><numerusform>%1 hat %n noch nicht geschriebene Änderungen. Vor dem Schließen festschreiben?</numerusform></translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them before closing?</source>
        <translation>%1 hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n change(s) not yet written. Commit them before quitting?</source>
        <translation><numerusform>%1 hat %n noch nicht geschriebene Änderung. Vor dem Beenden festschreiben?</numerusform><numerusform>%1 hat %n noch nicht geschriebene Änderungen. Vor dem Beenden festschreiben?</numerusform></translation>
    </message>
    <message>
        <source>Cell Editor</source>
        <translation>Zelleditor</translation>
    </message>
    <message>
        <source>%1.%2, row %3</source>
        <translation>%1.%2, Zeile %3</translation>
    </message>
    <message>
        <source>the changes are being written</source>
        <translation>die Änderungen werden gerade geschrieben</translation>
    </message>
    <message>
        <source>the row is marked deleted</source>
        <translation>die Zeile ist zum Löschen markiert</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1, Zeile %2</translation>
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
    <name>Litehouse::PlanDialog</name>
    <message>
        <source>The SQL of the change appears here.</source>
        <translation>Hier erscheint das SQL der Änderung.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run this SQL now, in one transaction: all of it or nothing</source>
        <translation>Dieses SQL jetzt ausführen, in einer Transaktion: alles oder nichts</translation>
    </message>
    <message>
        <source>Open in &amp;Editor</source>
        <translation>Im &amp;Editor öffnen</translation>
    </message>
    <message>
        <source>Put this SQL in a new editor tab instead of running it</source>
        <translation>Dieses SQL in einen neuen Editor-Tab legen, statt es auszuführen</translation>
    </message>
    <message>
        <source>Save as &amp;Migration…</source>
        <translation>Als &amp;Migration speichern …</translation>
    </message>
    <message>
        <source>Write this change (and its undo, where it can be derived) as the next migration files</source>
        <translation>Diese Änderung (und, wo sie sich ableiten lässt, ihre Rücknahme) als nächste Migrationsdateien schreiben</translation>
    </message>
    <message>
        <source>SQL that runs:</source>
        <translation>SQL, das ausgeführt wird:</translation>
    </message>
    <message>
        <source>Cannot read the schema: %1</source>
        <translation>Das Schema kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing to change yet.</source>
        <translation>Noch nichts zu ändern.</translation>
    </message>
    <message>
        <source>Migrations Folder</source>
        <translation>Migrationsordner</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Gespeichert als %1</translation>
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
    <message>
        <source>Statements run one after another on the database's own connection, as in the sqlite3 shell: TEMP tables, attached databases, PRAGMAs, transactions and savepoints stay until you change them or close the database. Every editor tab of this database shares them. Browsing tables and counting rows use other connections.</source>
        <translation>Anweisungen laufen nacheinander auf der eigenen Verbindung der Datenbank, wie in der sqlite3-Shell: TEMP-Tabellen, angehängte Datenbanken, PRAGMAs, Transaktionen und Sicherungspunkte bleiben, bis Sie sie ändern oder die Datenbank schließen. Alle Editor-Tabs dieser Datenbank teilen sie. Das Durchsuchen von Tabellen und Zählen von Zeilen nutzt andere Verbindungen.</translation>
    </message>
    <message>
        <source>Session on %1: TEMP tables, ATTACH, PRAGMAs and transactions carry over from run to run (shared by this database's tabs).</source>
        <translation>Sitzung auf %1: TEMP-Tabellen, ATTACH, PRAGMAs und Transaktionen bleiben von Lauf zu Lauf erhalten (geteilt von den Tabs dieser Datenbank).</translation>
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
    <message>
        <source>Query results are read-only. To change rows, open the table from the schema tree and edit it there.</source>
        <translation>Abfrageergebnisse sind schreibgeschützt. Um Zeilen zu ändern, öffnen Sie die Tabelle im Schemabaum und bearbeiten Sie sie dort.</translation>
    </message>
    <message>
        <source>row %1 is no longer in memory; run the query again to export it</source>
        <translation>Zeile %1 ist nicht mehr im Speicher; führen Sie die Abfrage erneut aus, um sie zu exportieren</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
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
    <name>Litehouse::SchemaActions</name>
    <message>
        <source>&amp;Schema</source>
        <translation>&amp;Schema</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <source>New &amp;Table…</source>
        <translation>Neue &amp;Tabelle …</translation>
    </message>
    <message>
        <source>&amp;Modify Table…</source>
        <translation>Tabelle &amp;ändern …</translation>
    </message>
    <message>
        <source>Pick a table in the schema tree first.</source>
        <translation>Zuerst eine Tabelle im Schemabaum wählen.</translation>
    </message>
    <message>
        <source>New &amp;Index…</source>
        <translation>Neuer &amp;Index …</translation>
    </message>
    <message>
        <source>New &amp;View from the Editor's SQL…</source>
        <translation>Neue &amp;Sicht aus dem SQL des Editors …</translation>
    </message>
    <message>
        <source>New T&amp;rigger…</source>
        <translation>Neuer T&amp;rigger …</translation>
    </message>
    <message>
        <source>&amp;Drop…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Pick a table, view, index or trigger in the schema tree first.</source>
        <translation>Zuerst eine Tabelle, Sicht, einen Index oder Trigger im Schemabaum wählen.</translation>
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
    <message>
        <source>Copy CREATE S&amp;tatement</source>
        <translation>CREATE-Anwei&amp;sung kopieren</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>&amp;Table…</source>
        <translation>&amp;Tabelle …</translation>
    </message>
    <message>
        <source>&amp;Index…</source>
        <translation>&amp;Index …</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Sicht …</translation>
    </message>
    <message>
        <source>T&amp;rigger…</source>
        <translation>T&amp;rigger …</translation>
    </message>
    <message>
        <source>&amp;Modify Table…</source>
        <translation>Tabelle &amp;ändern …</translation>
    </message>
    <message>
        <source>&amp;Drop…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
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
    <name>Litehouse::TabStore</name>
    <message>
        <source>Could not save the editor tab to %1: %2</source>
        <translation>Der Editor-Tab konnte nicht in %1 gespeichert werden: %2</translation>
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
    <message>
        <source>Add Row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Add a new row (its columns start at their DEFAULT)</source>
        <translation>Eine neue Zeile hinzufügen (ihre Spalten beginnen mit ihrem DEFAULT)</translation>
    </message>
    <message>
        <source>Delete Rows</source>
        <translation>Zeilen löschen</translation>
    </message>
    <message>
        <source>Mark the selected rows deleted (Delete)</source>
        <translation>Die ausgewählten Zeilen zum Löschen markieren (Entf)</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>Auf NULL setzen</translation>
    </message>
    <message>
        <source>Set the selected cells to NULL (Ctrl+Shift+N)</source>
        <translation>Die ausgewählten Zellen auf NULL setzen (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last change (Ctrl+Z)</source>
        <translation>Die letzte Änderung rückgängig machen (Strg+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Wiederholen (Strg+Umschalt+Z)</translation>
    </message>
    <message>
        <source>Pending SQL</source>
        <translation>Ausstehendes SQL</translation>
    </message>
    <message>
        <source>Show the statements Commit will run, with their values</source>
        <translation>Die Anweisungen zeigen, die Festschreiben ausführt, mit ihren Werten</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Drop every pending change; the database is not touched</source>
        <translation>Alle ausstehenden Änderungen verwerfen; die Datenbank bleibt unberührt</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Festschreiben</translation>
    </message>
    <message>
        <source>Write every pending change in one transaction (Ctrl+S)</source>
        <translation>Alle ausstehenden Änderungen in einer Transaktion schreiben (Strg+S)</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Ausstehende Änderungen</translation>
    </message>
    <message>
        <source>No pending changes</source>
        <translation>Keine ausstehenden Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written</source>
        <translation><numerusform>%n Zeile geschrieben</numerusform><numerusform>%n Zeilen geschrieben</numerusform></translation>
    </message>
    <message>
        <source>Nothing was written; your changes are still pending.</source>
        <translation>Nichts wurde geschrieben; Ihre Änderungen stehen weiter aus.</translation>
    </message>
    <message>
        <source>Rows changed elsewhere</source>
        <translation>Zeilen anderswo geändert</translation>
    </message>
    <message>
        <source>Some rows changed since they were read (by another program or tab):</source>
        <translation>Einige Zeilen wurden seit dem Lesen geändert (von einem anderen Programm oder Tab):</translation>
    </message>
    <message numerus="yes">
        <source>
… and %n more</source>
        <translation><numerusform>
… und %n weitere</numerusform><numerusform>
… und %n weitere</numerusform></translation>
    </message>
    <message>
        <source>Overwrite Them</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Nothing was written: %1
Refresh to see the rows as they are now; your changes stay pending.</source>
        <translation>Nichts wurde geschrieben: %1
Aktualisieren Sie, um die Zeilen so zu sehen, wie sie jetzt sind; Ihre Änderungen bleiben ausstehend.</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Wird geschrieben …</translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s), not yet written</source>
        <translation><numerusform>%n ausstehende Änderung, noch nicht geschrieben</numerusform><numerusform>%n ausstehende Änderungen, noch nicht geschrieben</numerusform></translation>
    </message>
</context>
<context>
    <name>Litehouse::TableDesigner</name>
    <message>
        <source>WITHOUT ROWID</source>
        <translation>WITHOUT ROWID</translation>
    </message>
    <message>
        <source>STRICT</source>
        <translation>STRICT</translation>
    </message>
    <message>
        <source>AUTOINCREMENT</source>
        <translation>AUTOINCREMENT</translation>
    </message>
    <message>
        <source>New Table</source>
        <translation>Neue Tabelle</translation>
    </message>
    <message>
        <source>Modify Table %1</source>
        <translation>Tabelle %1 ändern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>PK</source>
        <translation>PS</translation>
    </message>
    <message>
        <source>Not null</source>
        <translation>Nicht NULL</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Eindeutig</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Collate</source>
        <translation>Sortierung</translation>
    </message>
    <message>
        <source>Generated (read-only)</source>
        <translation>Generiert (nur lesen)</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <source>CHECK expression</source>
        <translation>CHECK-Ausdruck</translation>
    </message>
    <message>
        <source>UNIQUE columns, comma-separated</source>
        <translation>UNIQUE-Spalten, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Parent table</source>
        <translation>Elterntabelle</translation>
    </message>
    <message>
        <source>Parent column</source>
        <translation>Elternspalte</translation>
    </message>
    <message>
        <source>On delete</source>
        <translation>Beim Löschen</translation>
    </message>
    <message>
        <source>On update</source>
        <translation>Beim Ändern</translation>
    </message>
    <message>
        <source>The INTEGER PRIMARY KEY never reuses the keys of deleted rows</source>
        <translation>Der INTEGER PRIMARY KEY verwendet die Schlüssel gelöschter Zeilen nie wieder</translation>
    </message>
    <message>
        <source>Values must match the declared types (INT, INTEGER, REAL, TEXT, BLOB, ANY)</source>
        <translation>Werte müssen zu den deklarierten Typen passen (INT, INTEGER, REAL, TEXT, BLOB, ANY)</translation>
    </message>
    <message>
        <source>Table &amp;name:</source>
        <translation>Tabellen&amp;name:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>&amp;Add Column</source>
        <translation>Spalte &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove Column</source>
        <translation>Spalte entfernen</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Add CHECK</source>
        <translation>CHECK hinzufügen</translation>
    </message>
    <message>
        <source>Remove CHECK</source>
        <translation>CHECK entfernen</translation>
    </message>
    <message>
        <source>Add UNIQUE</source>
        <translation>UNIQUE hinzufügen</translation>
    </message>
    <message>
        <source>Remove UNIQUE</source>
        <translation>UNIQUE entfernen</translation>
    </message>
    <message>
        <source>Table CHECK constraints</source>
        <translation>CHECK-Bedingungen der Tabelle</translation>
    </message>
    <message>
        <source>UNIQUE over several columns</source>
        <translation>UNIQUE über mehrere Spalten</translation>
    </message>
    <message>
        <source>Add &amp;Foreign Key</source>
        <translation>&amp;Fremdschlüssel hinzufügen</translation>
    </message>
    <message>
        <source>Remove Foreign Key</source>
        <translation>Fremdschlüssel entfernen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>Foreign Keys</source>
        <translation>Fremdschlüssel</translation>
    </message>
    <message>
        <source>This table cannot be changed here: %1</source>
        <translation>Diese Tabelle kann hier nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>There is no table named “%1” any more.</source>
        <translation>Es gibt keine Tabelle namens „%1“ mehr.</translation>
    </message>
    <message>
        <source>A generated column is shown as it is; it cannot be edited here</source>
        <translation>Eine generierte Spalte wird gezeigt, wie sie ist; hier ist sie nicht änderbar</translation>
    </message>
    <message>
        <source>Renamed from %1</source>
        <translation>Umbenannt aus %1</translation>
    </message>
    <message>
        <source>Empty: the parent's primary key</source>
        <translation>Leer: der Primärschlüssel der Elterntabelle</translation>
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
    <name>Litehouse::TriggerDialog</name>
    <message>
        <source>New Trigger</source>
        <translation>Neuer Trigger</translation>
    </message>
    <message>
        <source>UPDATE only: these columns, comma-separated (empty: any)</source>
        <translation>Nur UPDATE: diese Spalten, durch Kommas getrennt (leer: jede)</translation>
    </message>
    <message>
        <source>Optional: fire only when this holds (new.x, old.x)</source>
        <translation>Optional: nur auslösen, wenn das gilt (new.x, old.x)</translation>
    </message>
    <message>
        <source>INSERT INTO log(what) VALUES (new.id);</source>
        <translation>INSERT INTO log(what) VALUES (new.id);</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Auf:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Wann:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Of columns:</source>
        <translation>&amp;Von Spalten:</translation>
    </message>
    <message>
        <source>&amp;Condition:</source>
        <translation>&amp;Bedingung:</translation>
    </message>
    <message>
        <source>&amp;Statements:</source>
        <translation>&amp;Anweisungen:</translation>
    </message>
</context>
<context>
    <name>Litehouse::ViewDialog</name>
    <message>
        <source>New View</source>
        <translation>Neue Sicht</translation>
    </message>
    <message>
        <source>SELECT … (one statement)</source>
        <translation>SELECT … (eine Anweisung)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;SELECT:</source>
        <translation>&amp;SELECT:</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Auto (%1)</source>
        <translation>Automatisch (%1)</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <source>&amp;Import CSV/JSON…</source>
        <translation>CSV/JSON &amp;importieren …</translation>
    </message>
    <message>
        <source>Import SQ&amp;L…</source>
        <translation>SQ&amp;L importieren …</translation>
    </message>
    <message>
        <source>Import SQL</source>
        <translation>SQL importieren</translation>
    </message>
    <message>
        <source>SQL files (*.sql);;All files (*)</source>
        <translation>SQL-Dateien (*.sql);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Running %1 on %2, statement by statement…</source>
        <translation>%1 wird auf %2 ausgeführt, Anweisung für Anweisung …</translation>
    </message>
    <message>
        <source>%L1 statements run…</source>
        <translation>%L1 Anweisungen ausgeführt …</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n statement(s) ran.</source>
        <translation><numerusform>Fertig: %n Anweisung ausgeführt.</numerusform><numerusform>Fertig: %n Anweisungen ausgeführt.</numerusform></translation>
    </message>
    <message>
        <source>&amp;Export Table…</source>
        <translation>Tabelle &amp;exportieren …</translation>
    </message>
    <message>
        <source>Export &amp;Database as SQL…</source>
        <translation>&amp;Datenbank als SQL exportieren …</translation>
    </message>
    <message>
        <source>Export Database as SQL</source>
        <translation>Datenbank als SQL exportieren</translation>
    </message>
    <message>
        <source>SQL files (*.sql)</source>
        <translation>SQL-Dateien (*.sql)</translation>
    </message>
    <message>
        <source>Writing %1 as SQL to %2…</source>
        <translation>%1 wird als SQL nach %2 geschrieben …</translation>
    </message>
    <message>
        <source>%L1 rows written…</source>
        <translation>%L1 Zeilen geschrieben …</translation>
    </message>
    <message>
        <source>Done: %1 tables, %L2 rows, written to %3.</source>
        <translation>Fertig: %1 Tabellen, %L2 Zeilen, nach %3 geschrieben.</translation>
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