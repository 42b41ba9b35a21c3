using CsvHelper;

namespace Ferry.Reports.Writers;

/// <summary>
/// The CSV dialect of every report file: RFC 4180, UTF-8 without byte order mark, invariant culture, and text that
/// a spreadsheet would run as a formula (starting with = + - @) prefixed with an apostrophe, as OWASP advises for
/// files opened in spreadsheets; a legacy key such as -5 therefore reads '-5 in quarantine.csv.
/// </summary>
internal static class Csv
{
    public static CsvWriterOptions Options { get; } = new() { Injection = CsvInjection.Escape };
}
