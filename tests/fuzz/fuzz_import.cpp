// libFuzzer target: the CSV/TSV and JSON import readers (TextSource,
// CsvReader, JsonReader) through previewImport(). The first byte picks the
// format, separator, quote, header and encoding; the rest is the file. Any
// input either fails with a message, or gives a preview whose rows all have
// one field per column and whose guesses are Integer, Real or Text.

#include <core/io/importer.h>

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace Litehouse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("input"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(reinterpret_cast<const char *>(data) + 1, qint64(size - 1));
    }
    const uint8_t b = data[0];
    ImportOptions o;
    o.path = path;
    o.format = b & 1 ? ImportFormat::Json : ImportFormat::Csv;
    static const char separators[] = {',', ';', '\t', '|'};
    o.separator = QLatin1Char(separators[(b >> 1) & 3]);
    o.quote = (b >> 3) & 1 ? QChar() : QChar(u'"');
    o.header = (b >> 4) & 1;
    o.encoding = TextEncoding((b >> 5) & 3);
    auto p = previewImport(o, 100000);
    if (!p) {
        if (p.error().message().isEmpty())
            abort();
        return 0;
    }
    const ImportPreview &pr = p.value();
    if (pr.guessed.size() != pr.columns.size() || pr.rows.size() != pr.nulls.size())
        abort();
    for (qsizetype r = 0; r < pr.rows.size(); ++r)
        if (pr.rows.at(r).size() != pr.columns.size() || pr.nulls.at(r).size() != pr.columns.size())
            abort();
    for (ImportType t : pr.guessed)
        if (t != ImportType::Integer && t != ImportType::Real && t != ImportType::Text)
            abort();
    if (pr.truncated)
        abort(); // a 64 KiB input has fewer records than that
    return 0;
}
