using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// An attendance log with neither a primary key nor a unique index, whose references were never declared either.
/// About one row in a hundred is an exact copy of the row before it (a double-submitted form), so the key the
/// configuration supplies (<see cref="TableDef.LogicalKey"/>) is unique only once duplicates are removed.
/// </summary>
internal static class AttendanceEventTable
{
    public const string Name = "AttendanceEvent";

    private const int PerStudent = 2;

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("StudentId")
        .Int("SchoolId")
        .Date("EventDate")
        .Varchar("EventCode", 10)
        .Real("EventDurationHours", nullable: true)
        .Varchar("Comment", 255, nullable: true)
        .Timestamp("LoggedAt")
        .KeylessWithLogicalKey("StudentId", "SchoolId", "EventDate", "EventCode")
        .WithDuplicates()
        .Undeclared("StudentId", StudentTable.Name)
        .Undeclared("SchoolId", SchoolTable.Name)
        .Rows(s => (long)s.Scale.Students * PerStudent)
        .Build(Fill);

    /// <summary>Rows at these positions repeat the previous row (the first at index 5, so even tiny districts have one).</summary>
    public static bool IsDuplicate(long index) => index % 97 == 5;

    private static void Fill(long index, RowContext c, object?[] v)
    {
        if (IsDuplicate(index))
        {
            return;
        }

        var r = c.Random;
        var student = index / PerStudent + 1;
        v[0] = (int)student;
        v[1] = (int)((student - 1) % c.Scale.Schools + 1);
        v[2] = SampleDates.SchoolYearStart.AddDays((int)(index % PerStudent) * 90 + r.Next(90));
        v[3] = r.Pick(Vocabulary.AttendanceEventCodes);
        v[4] = r.Chance(0.3) ? null : (r.Next(1, 17) * 0.5f);
        v[5] = r.Next(10) switch
        {
            < 6 => null,
            6 => "",
            _ => r.Pick(AwkwardText.Notes),
        };
        v[6] = SampleDates.Timestamp(r);
    }
}
