using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// A staging table from an old CSV import: birth dates kept as text, mostly ISO dates but some garbage
/// (<c>31/02/2009</c>, <c>n/a</c>). A mapping that casts the column to <c>date</c> must quarantine those rows.
/// </summary>
internal static class LegacyImportTable
{
    public const string Name = "LegacyImport";

    public static readonly string[] BadDates = ["31/02/2009", "n/a"];

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("LegacyImportId")
        .Varchar("StudentUniqueId", 32)
        .Varchar("BirthDateText", 20, nullable: true)
        .Varchar("SourceFile", 100)
        .Int("SourceRowNumber")
        .Timestamp("ImportedAt")
        .PrimaryKey("LegacyImportId")
        .Rows(s => Math.Max(10, s.Scale.Students / 5))
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var student = Spread.Parent(index, c.Sizes[Name], c.Scale.Students);
        var birth = SampleDates.SchoolYearStart.AddYears(-5 - r.Next(13)).AddDays(-r.Next(365));
        v[0] = (int)index + 1;
        v[1] = StudentTable.UniqueId(c.Scale.District, student);
        v[2] = (index % 50) switch
        {
            7 => BadDates[0],
            23 => BadDates[1],
            41 => null,
            _ => birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        v[3] = $"enrollment_{2015 + index % 5}.csv";
        v[4] = (int)(index % 5_000) + 2;
        v[5] = SampleDates.Timestamp(r);
    }
}
