#!/usr/bin/env python3
"""Fills translations/litehouse_de.ts from the German strings below.

Run after `lupdate` (see translations/README.md); fails when a source string
has no German text, so the translation stays complete.
"""
import sys
import xml.etree.ElementTree as ET

DE = {
    'There is no table or view named “%1” in this database.': 'In dieser Datenbank gibt es keine Tabelle oder Sicht namens „%1“.',
    '“%1” needs a value after it': '„%1“ braucht einen Wert dahinter',
    'BLOB %n byte(s): %1': ('BLOB %n Byte: %1', 'BLOB %n Bytes: %1'),
    'NULL (no value)': 'NULL (kein Wert)',
    'Empty text': 'Leerer Text',
    '%1 (no declared type)': '%1 (kein deklarierter Typ)',
    'Open transaction': 'Offene Transaktion',
    '“%1” has a transaction open since %2 (%3).': 'In „%1“ ist seit %2 eine Transaktion offen (%3).',
    'Commit its changes or roll them back before closing?': 'Die Änderungen vor dem Schließen festschreiben oder zurückrollen?',
    'Commit': 'Festschreiben',
    'Roll Back': 'Zurückrollen',
    'Filter': 'Filter',
    'Rows whose value contains this text.\nOr start with an operator: = <> < <= > >= (for example “>= 10”),\nor type “is null” or “not null”.':
        'Zeilen, deren Wert diesen Text enthält.\nOder mit einem Operator beginnen: = <> < <= > >= (zum Beispiel „>= 10“),\noder „is null“ bzw. „not null“ eingeben.',
    'Litehouse': 'Litehouse',
    'The database the current tab runs on': 'Die Datenbank, auf der der aktuelle Tab arbeitet',
    'Transaction': 'Transaktion',
    'Savepoints': 'Sicherungspunkte',
    'Main': 'Haupt',
    '&File': '&Datei',
    '&New Database…': '&Neue Datenbank …',
    '&Open Database…': 'Datenbank ö&ffnen …',
    'Open &Read-Only…': '&Schreibgeschützt öffnen …',
    'Open &Recent': '&Zuletzt geöffnet',
    '&Close Database': 'Datenbank s&chließen',
    '&Quit': '&Beenden',
    '&Query': '&Abfrage',
    'New &Tab': 'Neuer &Tab',
    'Run &Statement': '&Anweisung ausführen',
    '&Run All or Selection': 'Alles oder Auswahl aus&führen',
    '&Cancel': 'A&bbrechen',
    '&View': 'A&nsicht',
    '&Theme': '&Design',
    'Follow the System': 'Wie das System',
    'Light': 'Hell',
    'Dark': 'Dunkel',
    '&Language': '&Sprache',
    'The language changes when Litehouse starts again.': 'Die Sprache wechselt beim nächsten Start von Litehouse.',
    '&Help': '&Hilfe',
    '&About Litehouse': '&Über Litehouse',
    'About Litehouse': 'Über Litehouse',
    '<b>Litehouse %1</b><br>A fast, trustworthy desktop workbench for SQLite.':
        '<b>Litehouse %1</b><br>Eine schnelle, verlässliche Arbeitsumgebung für SQLite.',
    '▶ Statement': '▶ Anweisung',
    '▶ Run': '▶ Ausführen',
    '■ Cancel': '■ Abbrechen',
    'Query %1': 'Abfrage %1',
    'Query': 'Abfrage',
    'Open Database Read-Only': 'Datenbank schreibgeschützt öffnen',
    'Open Database': 'Datenbank öffnen',
    'SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)': 'SQLite-Datenbanken (*.db *.sqlite *.sqlite3 *.db3);;Alle Dateien (*)',
    'New Database': 'Neue Datenbank',
    'SQLite databases (*.db *.sqlite *.sqlite3)': 'SQLite-Datenbanken (*.db *.sqlite *.sqlite3)',
    ' (read-only)': ' (schreibgeschützt)',
    '%1 — Litehouse': '%1 — Litehouse',
    'No database open — File ▸ Open, or drop a file here': 'Keine Datenbank offen — Datei ▸ Öffnen, oder eine Datei hierher ziehen',
    'in transaction (%1)': 'in Transaktion (%1)',
    'autocommit': 'Autocommit',
    'running…': 'läuft …',
    '%n row(s)': ('%n Zeile', '%n Zeilen'),
    '%n row(s) so far': ('bisher %n Zeile', 'bisher %n Zeilen'),
    '%1 of %n row(s) shown': ('%1 von %n Zeile angezeigt', '%1 von %n Zeilen angezeigt'),
    '%n row(s) so far, counting…': ('bisher %n Zeile, wird gezählt …', 'bisher %n Zeilen, wird gezählt …'),
    'Closing when the running statement finishes (Esc stops it)…': 'Schließt, sobald die laufende Anweisung fertig ist (Esc bricht sie ab) …',
    '&Schema': '&Schema',
    '%1 in %2': '%1 in %2',
    'Type SQL here. Ctrl+Enter runs the statement under the cursor, Ctrl+Shift+Enter or F5 runs all (or the selection), Esc stops.':
        'SQL hier eingeben. Strg+Eingabe führt die Anweisung am Cursor aus, Strg+Umschalt+Eingabe oder F5 alles (oder die Auswahl), Esc bricht ab.',
    'Click to move the cursor to the error': 'Klicken, um den Cursor zum Fehler zu setzen',
    'Messages': 'Meldungen',
    'Result %1': 'Ergebnis %1',
    'Open a database first.': 'Zuerst eine Datenbank öffnen.',
    'Cancelled.': 'Abgebrochen.',
    'Query started: %1': 'Abfrage gestartet: %1',
    '%n row(s) in %1 ms': ('%n Zeile in %1 ms', '%n Zeilen in %1 ms'),
    '%n row(s) affected in %1 ms': ('%n Zeile geändert in %1 ms', '%n Zeilen geändert in %1 ms'),
    'Cancelled: %1': 'Abgebrochen: %1',
    'Error: %1': 'Fehler: %1',
    'The rows changed since the query ran; run it again.': 'Die Zeilen haben sich seit der Abfrage geändert; bitte erneut ausführen.',
    'Copy': 'Kopieren',
    'Copy with Headers': 'Mit Spaltennamen kopieren',
    'Export to CSV…': 'Als CSV exportieren …',
    'Export to JSON…': 'Als JSON exportieren …',
    'Count All Rows': 'Alle Zeilen zählen',
    'Export to CSV': 'Als CSV exportieren',
    'Export to JSON': 'Als JSON exportieren',
    'CSV files (*.csv)': 'CSV-Dateien (*.csv)',
    'JSON files (*.json)': 'JSON-Dateien (*.json)',
    '%n row(s) exported to %1': ('%n Zeile nach %1 exportiert', '%n Zeilen nach %1 exportiert'),
    'Savepoint “%1”, level %2 of %3': 'Sicherungspunkt „%1“, Ebene %2 von %3',
    'Open savepoints, outermost first': 'Offene Sicherungspunkte, äußerster zuerst',
    'New savepoint name': 'Name des neuen Sicherungspunkts',
    'Letters, digits and underscores, starting with a letter or underscore': 'Buchstaben, Ziffern und Unterstriche, beginnend mit einem Buchstaben oder Unterstrich',
    'Create': 'Anlegen',
    'Create a savepoint; without an open transaction it also begins one': 'Einen Sicherungspunkt anlegen; ohne offene Transaktion beginnt er auch eine',
    'Release': 'Freigeben',
    'Keep the changes made since the selected savepoint and close it, with every savepoint inside it':
        'Die Änderungen seit dem gewählten Sicherungspunkt behalten und ihn samt allen inneren Sicherungspunkten schließen',
    'Rollback to': 'Zurückrollen zu',
    'Undo the changes made since the selected savepoint; it stays open': 'Die Änderungen seit dem gewählten Sicherungspunkt rückgängig machen; er bleibt offen',
    'Type a name for the savepoint.': 'Einen Namen für den Sicherungspunkt eingeben.',
    'A savepoint name can have at most 128 characters.': 'Ein Sicherungspunktname darf höchstens 128 Zeichen haben.',
    '“%1” is not a valid savepoint name: use letters, digits and underscores, starting with a letter or underscore.':
        '„%1“ ist kein gültiger Sicherungspunktname: Buchstaben, Ziffern und Unterstriche verwenden, beginnend mit einem Buchstaben oder Unterstrich.',
    'Could not create savepoint “%1”: %2': 'Sicherungspunkt „%1“ konnte nicht angelegt werden: %2',
    'Could not release savepoint “%1”: %2': 'Sicherungspunkt „%1“ konnte nicht freigegeben werden: %2',
    'Could not roll back to savepoint “%1”: %2': 'Zurückrollen zu Sicherungspunkt „%1“ fehlgeschlagen: %2',
    'No database': 'Keine Datenbank',
    'No savepoints open': 'Keine Sicherungspunkte offen',
    '%n savepoint(s), outermost first': ('%n Sicherungspunkt, äußerster zuerst', '%n Sicherungspunkte, äußerster zuerst'),
    'Schema': 'Schema',
    '&Browse': '&Durchsuchen',
    '&SELECT * in Editor': '&SELECT * im Editor',
    '&Copy Name': 'Namen &kopieren',
    '&Refresh': '&Aktualisieren',
    '&Refresh All': 'Alle a&ktualisieren',
    'Name': 'Name',
    'Type': 'Typ',
    'unique on %1': 'eindeutig auf %1',
    'on %1': 'auf %1',
    'Created by SQLite for a PRIMARY KEY or UNIQUE constraint': 'Von SQLite für eine PRIMARY-KEY- oder UNIQUE-Bedingung angelegt',
    'error': 'Fehler',
    'primary key': 'Primärschlüssel',
    'not null': 'nicht NULL',
    '%1 · PK': '%1 · PS',
    'Tables': 'Tabellen',
    'Views': 'Sichten',
    'Indexes': 'Indizes',
    'Triggers': 'Trigger',
    'Open in Editor': 'Im Editor öffnen',
    'Refresh': 'Aktualisieren',
    "The statement for the first page; later pages continue after the last row's key.\nValues are bound, never spliced into the text.":
        'Die Anweisung für die erste Seite; weitere Seiten setzen nach dem Schlüssel der letzten Zeile fort.\nWerte werden gebunden, nie in den Text eingesetzt.',
    'Generated SQL': 'Erzeugtes SQL',
    'Open this query in a new editor tab, with its values written in': 'Diese Abfrage mit eingesetzten Werten in einem neuen Editor-Tab öffnen',
    'Read the rows again': 'Die Zeilen neu lesen',
    'No bound values': 'Keine gebundenen Werte',
    'Bound values: %1': 'Gebundene Werte: %1',
    '%n row(s) so far, more as you scroll': ('bisher %n Zeile, mehr beim Blättern', 'bisher %n Zeilen, mehr beim Blättern'),
    'State:': 'Zustand:',
    'Mode:': 'Modus:',
    'Since:': 'Seit:',
    'Deferred': 'Verzögert (DEFERRED)',
    'Begin a transaction that takes its locks when it first reads or writes': 'Eine Transaktion beginnen, die ihre Sperren beim ersten Lesen oder Schreiben nimmt',
    'Immediate': 'Sofort (IMMEDIATE)',
    'Begin a transaction that takes the write lock at once': 'Eine Transaktion beginnen, die sofort die Schreibsperre nimmt',
    'Exclusive': 'Exklusiv (EXCLUSIVE)',
    'Begin a transaction that takes the write lock at once; outside WAL mode it also keeps readers out':
        'Eine Transaktion beginnen, die sofort die Schreibsperre nimmt; außerhalb des WAL-Modus sperrt sie auch Leser aus',
    'Begin': 'Beginnen',
    'Begin a transaction: choose deferred, immediate or exclusive': 'Eine Transaktion beginnen: verzögert, sofort oder exklusiv',
    "Make the transaction's changes permanent": 'Die Änderungen der Transaktion dauerhaft machen',
    'Rollback': 'Zurückrollen',
    'Undo every change made since the transaction began': 'Alle Änderungen seit Beginn der Transaktion rückgängig machen',
    'Manual commit': 'Manuell festschreiben',
    "Run the editor's statements inside a transaction that stays open until you commit or roll back":
        'Die Anweisungen des Editors in einer Transaktion ausführen, die offen bleibt, bis Sie festschreiben oder zurückrollen',
    'The next statement you run begins a transaction.': 'Die nächste ausgeführte Anweisung beginnt eine Transaktion.',
    'none': 'keine',
    'deferred': 'verzögert',
    'immediate': 'sofort',
    'exclusive': 'exklusiv',
    'savepoint': 'Sicherungspunkt',
    'Begin failed: %1': 'Beginnen fehlgeschlagen: %1',
    'Commit failed: %1': 'Festschreiben fehlgeschlagen: %1',
    'Rollback failed: %1': 'Zurückrollen fehlgeschlagen: %1',
    'No database is open.': 'Keine Datenbank ist offen.',
    'Could not begin a transaction: %1': 'Transaktion konnte nicht begonnen werden: %1',
    'Autocommit': 'Autocommit',
    'Every statement is committed as soon as it succeeds': 'Jede Anweisung wird festgeschrieben, sobald sie gelingt',
    'In transaction': 'In Transaktion',
    'Changes are not visible to other connections until you commit': 'Änderungen sind für andere Verbindungen erst nach dem Festschreiben sichtbar',
    'cannot write %1: %2': '%1 kann nicht geschrieben werden: %2',
    'A desktop workbench for SQLite': 'Eine Arbeitsumgebung für SQLite',
    'Open the demo database (created on first run).': 'Die Demo-Datenbank öffnen (beim ersten Start angelegt).',
    'Open the files read-only.': 'Die Dateien schreibgeschützt öffnen.',
    'Databases to open.': 'Zu öffnende Datenbanken.',
    # History dock
    'History': 'Verlauf',
    'Export…': 'Exportieren …',
    'Database': 'Datenbank',
    'Search SQL and errors': 'SQL und Fehler durchsuchen',
    'All outcomes': 'Alle Ergebnisse',
    'Succeeded': 'Erfolgreich',
    'Failed': 'Fehlgeschlagen',
    'Cancelled': 'Abgebrochen',
    'Write the matching items to a JSON, CSV or text file': 'Die passenden Einträge in eine JSON-, CSV- oder Textdatei schreiben',
    'Time': 'Zeit',
    'Kind': 'Art',
    'Outcome': 'Ergebnis',
    'Duration': 'Dauer',
    'Rows': 'Zeilen',
    'Statement': 'Anweisung',
    '%1 ms': '%1 ms',
    'History is off': 'Der Verlauf ist aus',
    'History is off.': 'Der Verlauf ist aus.',
    'History cannot be read: %1': 'Der Verlauf kann nicht gelesen werden: %1',
    'newest %1 of %2': 'neueste %1 von %2',
    '%n item(s)': ('%n Eintrag', '%n Einträge'),
    '%n failed': ('%n fehlgeschlagen', '%n fehlgeschlagen'),
    'Text files (*.txt)': 'Textdateien (*.txt)',
    'Export History': 'Verlauf exportieren',
    '%n item(s) exported to %1': ('%n Eintrag nach %1 exportiert', '%n Einträge nach %1 exportiert'),
}


def main(path):
    tree = ET.parse(path)
    missing = []
    for ctx in tree.getroot().findall('context'):
        for msg in ctx.findall('message'):
            src = msg.find('source').text
            tr = msg.find('translation')
            if src not in DE:
                missing.append(src)
                continue
            de = DE[src]
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            if msg.get('numerus') == 'yes':
                forms = de if isinstance(de, tuple) else (de, de)
                for f in forms:
                    ET.SubElement(tr, 'numerusform').text = f
            else:
                tr.text = de if not isinstance(de, tuple) else de[1]
            tr.attrib.pop('type', None)
    if missing:
        sys.exit('no German text for:\n  ' + '\n  '.join(repr(m) for m in missing))
    tree.write(path, encoding='utf-8', xml_declaration=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'translations/litehouse_de.ts')
