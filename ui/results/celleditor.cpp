#include "celleditor.h"

#include "util/futures.h"

#include <core/edit/rowedits.h>
#include <core/outcome.h>

#include <QBuffer>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Litehouse {

namespace {

constexpr qsizetype kTextLimit = 1 << 20;  // larger text is shown in part, read-only
constexpr qsizetype kHexLimit = 64 << 10;   // hex shows the first 64 KiB
constexpr qsizetype kLineLimit = 16384;     // longer lines are broken for display, read-only
constexpr qsizetype kDisplayLine = 4096;

struct Rendered
{
    QString text;
    QString status;
    QImage image;
    bool partial = false;
};

QString sizeText(qsizetype bytes)
{
    if (bytes < 1024)
        return QCoreApplication::translate("Litehouse::CellEditor", "%n byte(s)", nullptr, int(bytes));
    if (bytes < (1 << 20))
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'f', 1);
}

QString hexDump(const QByteArray &b)
{
    QString out;
    const qsizetype n = qMin(b.size(), kHexLimit);
    out.reserve(n * 4 + n / 16 * 12);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto c = static_cast<unsigned char>(b.at(i));
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 32 && c < 127 ? QChar(c) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

// Indents valid JSON as it is written: QJsonDocument would sort the keys
// of every object, and the user's order is part of the value.
QByteArray indentJson(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&] {
        out += '\n';
        out += QByteArray(depth * 4, ' ');
    };
    auto nextSignificant = [&](qsizetype from) {
        while (from < in.size() && (in.at(from) == ' ' || in.at(from) == '\n' || in.at(from) == '\r' || in.at(from) == '\t'))
            ++from;
        return from < in.size() ? in.at(from) : '\0';
    };
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < in.size())
                out += in.at(++i);
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[':
            out += c;
            if (nextSignificant(i + 1) == (c == '{' ? '}' : ']')) {
                out += c == '{' ? '}' : ']';
                i = in.indexOf(c == '{' ? '}' : ']', i + 1);
            } else {
                ++depth;
                newline();
            }
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            break;
        default:
            out += c;
        }
    }
    return out;
}

Rendered renderValue(const Value &v, CellEditor::Mode mode)
{
    Rendered r;
    const QByteArray bytes = v.bytes();
    switch (mode) {
    case CellEditor::Mode::Text:
        if (v.type() == Value::Type::Blob) {
            r.text = QString::fromUtf8(bytes.left(kTextLimit));
            r.partial = true; // bytes shown as text cannot be edited back
            r.status = QCoreApplication::translate("Litehouse::CellEditor", "BLOB, %1, shown as text").arg(sizeText(bytes.size()));
        } else if (bytes.size() > kTextLimit) {
            r.text = QString::fromUtf8(bytes.left(kTextLimit));
            r.partial = true;
            r.status = QCoreApplication::translate("Litehouse::CellEditor",
                                                   "Showing the first 1 MiB of %1; save it to a file to see it all")
                           .arg(sizeText(bytes.size()));
        } else {
            r.text = v.isNull() ? QString() : v.toString();
            r.status = v.isNull() ? QCoreApplication::translate("Litehouse::CellEditor", "NULL")
                                  : QCoreApplication::translate("Litehouse::CellEditor", "%1, %2 characters")
                                        .arg(sizeText(bytes.size()))
                                        .arg(r.text.size());
        }
        break;
    case CellEditor::Mode::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error == QJsonParseError::NoError) {
            const QByteArray pretty = indentJson(bytes);
            r.partial = pretty.size() > kTextLimit;
            r.text = QString::fromUtf8(pretty.left(kTextLimit));
            r.status = QCoreApplication::translate("Litehouse::CellEditor", "Valid JSON, %1").arg(sizeText(bytes.size()));
        } else {
            r.partial = bytes.size() > kTextLimit;
            r.text = QString::fromUtf8(bytes.left(kTextLimit));
            r.status = QCoreApplication::translate("Litehouse::CellEditor", "Not valid JSON: %1 at character %2")
                           .arg(error.errorString())
                           .arg(error.offset + 1);
        }
        break;
    }
    case CellEditor::Mode::Hex:
        r.text = hexDump(bytes);
        r.partial = true;
        r.status = bytes.size() > kHexLimit
                       ? QCoreApplication::translate("Litehouse::CellEditor", "%1; the first 64 KiB shown").arg(sizeText(bytes.size()))
                       : sizeText(bytes.size());
        return r;
    case CellEditor::Mode::Image: {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        const QByteArray format = reader.format();
        r.image = reader.read();
        r.partial = true;
        r.status = r.image.isNull()
                       ? QCoreApplication::translate("Litehouse::CellEditor", "Not an image Litehouse can show (%1)").arg(sizeText(bytes.size()))
                       : QStringLiteral("%1 %2×%3, %4").arg(QString::fromLatin1(format.toUpper())).arg(r.image.width()).arg(r.image.height()).arg(sizeText(bytes.size()));
        break;
    }
    }
    // A text editor lays out a very long line as one paragraph, which takes
    // seconds: such lines are broken for display, and the value is kept
    // whole (shown read-only).
    if (mode == CellEditor::Mode::Text || mode == CellEditor::Mode::Json) {
        qsizetype longest = 0, run = 0;
        for (QChar c : std::as_const(r.text)) {
            run = c == QLatin1Char('\n') ? 0 : run + 1;
            longest = qMax(longest, run);
        }
        if (longest > kLineLimit) {
            QString broken;
            broken.reserve(r.text.size() + r.text.size() / kDisplayLine + 1);
            run = 0;
            for (QChar c : std::as_const(r.text)) {
                if (c == QLatin1Char('\n'))
                    run = 0;
                else if (++run > kDisplayLine) {
                    broken += QLatin1Char('\n');
                    run = 1;
                }
                broken += c;
            }
            r.text = broken;
            r.partial = true;
            r.status += QLatin1Char('\n') + QCoreApplication::translate("Litehouse::CellEditor",
                                                                         "Lines over 16,384 characters are broken here for display");
        }
    }
    return r;
}

bool looksLikeImage(const QByteArray &b)
{
    QBuffer buffer;
    buffer.setData(b);
    buffer.open(QIODevice::ReadOnly);
    return !QImageReader::imageFormat(&buffer).isEmpty();
}

} // namespace

CellEditor::CellEditor(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel),
      m_modeBox(new QComboBox),
      m_stack(new QStackedWidget),
      m_text(new QPlainTextEdit),
      m_hex(new QPlainTextEdit),
      m_imageArea(new QScrollArea),
      m_image(new QLabel),
      m_status(new QLabel),
      m_load(new QPushButton(tr("Load…"))),
      m_save(new QPushButton(tr("Save…"))),
      m_null(new QPushButton(tr("Set NULL"))),
      m_applyButton(new QPushButton(tr("Apply")))
{
    m_modeBox->addItems({tr("Text"), tr("JSON"), tr("Hex"), tr("Image")});
    m_modeBox->setAccessibleName(tr("Show as"));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setAccessibleName(tr("Cell value"));
    m_hex->setReadOnly(true);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_hex);
    m_stack->addWidget(m_imageArea);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_load->setToolTip(tr("Set the cell from a file (text when it is UTF-8, else a BLOB)"));
    m_save->setToolTip(tr("Write the cell's value to a file"));
    m_applyButton->setToolTip(tr("Put the edited text into the cell (a pending change until the table's Commit)"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_modeBox);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_save);
    buttons->addStretch();
    buttons->addWidget(m_null);
    buttons->addWidget(m_applyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_modeBox, &QComboBox::activated, this, [this](int i) { setMode(Mode(i)); });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_text->isReadOnly())
            m_edited = true;
        m_applyButton->setEnabled(isEditable() && m_edited);
    });
    connect(m_applyButton, &QPushButton::clicked, this, &CellEditor::apply);
    connect(m_null, &QPushButton::clicked, this, &CellEditor::setNull);
    connect(m_load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Cell From File"));
        if (!path.isEmpty())
            loadFrom(path);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Cell To File"));
        if (!path.isEmpty())
            saveTo(path);
    });
    clear();
}

void CellEditor::clear()
{
    ++m_generation;
    m_value = Value();
    m_apply = nullptr;
    m_readOnly.clear();
    m_title->setText(tr("No cell selected"));
    m_text->setReadOnly(true);
    m_text->clear();
    m_hex->clear();
    m_image->clear();
    m_status->clear();
    m_edited = false;
    for (QPushButton *b : {m_load, m_save, m_null, m_applyButton})
        b->setEnabled(false);
}

void CellEditor::setValue(const Value &value, const QString &title, std::function<void(const Value &)> apply,
                          const QString &readOnlyReason, const QString &declaredType)
{
    m_title->setText(title);
    m_apply = std::move(apply);
    m_readOnly = readOnlyReason;
    m_declaredType = declaredType;
    show(value);
}

void CellEditor::show(const Value &v)
{
    m_value = v;
    m_edited = false;
    const QByteArray head = v.bytesView().first(qMin<qsizetype>(64, v.bytesView().size())).toByteArray();
    Mode mode = Mode::Text;
    if (v.type() == Value::Type::Blob)
        mode = looksLikeImage(head) ? Mode::Image : Mode::Hex;
    else if (v.type() == Value::Type::Text) {
        const QByteArray t = head.trimmed();
        if (t.startsWith('{') || t.startsWith('['))
            mode = Mode::Json;
    }
    m_mode = mode;
    m_modeBox->setCurrentIndex(int(mode));
    render();
}

void CellEditor::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(int(mode));
    render();
}

void CellEditor::render()
{
    const quint64 gen = ++m_generation;
    m_stack->setCurrentWidget(m_mode == Mode::Hex ? static_cast<QWidget *>(m_hex)
                              : m_mode == Mode::Image ? static_cast<QWidget *>(m_imageArea)
                                                      : static_cast<QWidget *>(m_text));
    m_status->setText(tr("Reading…"));
    const bool editable = isEditable();
    for (QPushButton *b : {m_load, m_null})
        b->setEnabled(editable);
    m_save->setEnabled(true);
    m_applyButton->setEnabled(false);
    // Formatting a large value (JSON, hex, an image) takes time: off the UI thread.
    whenDone(this, QtConcurrent::run([v = m_value, mode = m_mode] { return renderValue(v, mode); }),
             [this, gen](const Rendered &r) {
                 if (gen != m_generation)
                     return;
                 m_partial = r.partial;
                 if (m_mode == Mode::Image) {
                     m_image->setPixmap(r.image.isNull() ? QPixmap() : QPixmap::fromImage(r.image));
                     m_image->setText(r.image.isNull() ? tr("No image") : QString());
                 } else if (m_mode == Mode::Hex) {
                     m_hex->setPlainText(r.text);
                 } else {
                     m_text->setReadOnly(true); // no edit mark while filling
                     m_text->setPlainText(r.text);
                     m_text->setPlaceholderText(m_value.isNull() ? QStringLiteral("NULL") : QString());
                     m_text->setReadOnly(!isEditable() || r.partial);
                 }
                 QString status = r.status;
                 if (!m_readOnly.isEmpty())
                     status += QLatin1Char('\n') + m_readOnly;
                 else if (isEditable() && r.partial && m_mode != Mode::Image && m_mode != Mode::Hex)
                     status += QLatin1Char('\n') + tr("Too large to edit here: load a file to replace it.");
                 setStatus(status);
                 m_edited = false;
                 m_applyButton->setEnabled(false);
                 Q_EMIT shown();
             });
}

void CellEditor::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString CellEditor::statusText() const
{
    return m_status->text();
}

Value CellEditor::value() const
{
    if (m_edited && !m_partial && (m_mode == Mode::Text || m_mode == Mode::Json))
        return valueForColumn(m_text->toPlainText(), m_declaredType);
    return m_value;
}

void CellEditor::apply()
{
    if (!isEditable())
        return;
    const Value v = value();
    m_apply(v);
    m_value = v;
    m_edited = false;
    m_applyButton->setEnabled(false);
}

void CellEditor::setNull()
{
    if (!isEditable())
        return;
    m_apply(Value());
    show(Value());
}

void CellEditor::loadFrom(const QString &path)
{
    if (!isEditable())
        return;
    const quint64 gen = ++m_generation;
    m_status->setText(tr("Reading %1…").arg(path));
    whenDone(this, QtConcurrent::run([path]() -> Outcome<Value> {
                 QFile f(path);
                 if (!f.open(QIODevice::ReadOnly))
                     return Error(Error::Kind::Io, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
                 if (f.size() > (qint64(256) << 20))
                     return Error(Error::Kind::Io, QStringLiteral("%1 is larger than 256 MiB").arg(path));
                 const QByteArray bytes = f.readAll();
                 QStringDecoder utf8(QStringDecoder::Utf8);
                 (void)utf8.decode(bytes);
                 if (!utf8.hasError() && !bytes.contains('\0'))
                     return Value::text(bytes);
                 return Value::blob(bytes);
             }),
             [this, gen](const Outcome<Value> &v) {
                 if (gen != m_generation || !isEditable())
                     return;
                 if (!v) {
                     setStatus(v.error().message());
                     return;
                 }
                 m_apply(v.value());
                 show(v.value());
                 Q_EMIT valueLoaded();
             });
}

void CellEditor::saveTo(const QString &path)
{
    const QByteArray bytes = value().bytes();
    whenDone(this, QtConcurrent::run([path, bytes]() -> Outcome<Done> {
                 QSaveFile f(path);
                 if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                     return Error(Error::Kind::Io, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
                 return Done{};
             }),
             [this, path](const Outcome<Done> &r) {
                 const QString message = r ? tr("Saved to %1").arg(path) : r.error().message();
                 setStatus(message);
                 Q_EMIT saved(path, r.ok(), message);
             });
}

} // namespace Litehouse
