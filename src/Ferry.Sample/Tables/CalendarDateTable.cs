using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>School calendars: a composite natural key (school, day) and a column named after a reserved word (<c>Date</c>).</summary>
internal static class CalendarDateTable
{
    public const string Name = "CalendarDate";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("SchoolId")
        .Date("Date")
        .Varchar("CalendarEvent", 30)
        .PrimaryKey("SchoolId", "Date")
        .References("SchoolId", SchoolTable.Name)
        .Rows(s => (long)s.Scale.Schools * SampleScale.SchoolDays)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        v[0] = (int)(index / SampleScale.SchoolDays) + 1;
        v[1] = SampleDates.SchoolYearStart.AddDays((int)(index % SampleScale.SchoolDays));
        v[2] = c.Random.Pick(Vocabulary.CalendarEvents);
    }
}
