#pragma once

#include <core/value.h>

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace Litehouse {

/// The cell editor (a dock): the current cell of a grid, whole. Text with
/// word wrap; JSON pretty-printed and checked; a BLOB as hex and, when it
/// is one, as an image. Load from a file, save to a file. Values too large
/// to edit as text (over 1 MiB) are shown in part and kept whole; every
/// file and decoding step runs off the UI thread.
class CellEditor final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Text, Json, Hex, Image };

    explicit CellEditor(QWidget *parent = nullptr);

    /// Shows a value. With an apply function the value can be changed
    /// (Apply, Set NULL, Load); otherwise readOnlyReason says why not.
    /// title names the cell ("books.title, row 3").
    void setValue(const Value &value, const QString &title, std::function<void(const Value &)> apply,
                  const QString &readOnlyReason = {}, const QString &declaredType = {});
    /// Shows nothing (no current cell).
    void clear();

    /// The value shown, with the edits typed so far (the whole value when only part is shown).
    Value value() const;
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isEditable() const { return bool(m_apply); }
    /// True while part of a large value is shown.
    bool isPartial() const { return m_partial; }
    QPlainTextEdit *textView() const { return m_text; }
    QPlainTextEdit *hexView() const { return m_hex; }
    QLabel *imageView() const { return m_image; }
    /// The line under the view: JSON validity, size, why it is read-only.
    QString statusText() const;

    /// Writes the edited value to the cell.
    void apply();
    void setNull();
    /// Reads a file as the new value (TEXT when it is UTF-8 text, else BLOB); valueLoaded() follows.
    void loadFrom(const QString &path);
    /// Writes the value's bytes to a file; saved() follows.
    void saveTo(const QString &path);

Q_SIGNALS:
    void valueLoaded();
    void saved(const QString &path, bool ok, const QString &message);
    /// The views show the value (after off-thread formatting).
    void shown();

private:
    void show(const Value &v);
    void render();
    void setStatus(const QString &text);

    QLabel *m_title;
    QComboBox *m_modeBox;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QLabel *m_status;
    QPushButton *m_load;
    QPushButton *m_save;
    QPushButton *m_null;
    QPushButton *m_applyButton;

    Value m_value;
    QString m_declaredType;
    QString m_readOnly;
    std::function<void(const Value &)> m_apply;
    Mode m_mode = Mode::Text;
    bool m_partial = false;
    bool m_edited = false;
    quint64 m_generation = 0;
};

} // namespace Litehouse
