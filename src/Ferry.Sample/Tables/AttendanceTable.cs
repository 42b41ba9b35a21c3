using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Daily attendance. <c>StudentId</c> was never declared as a foreign key, and about one row in two hundred names a
/// student who no longer exists (deleted after the attendance was taken): orphans the migration must quarantine.
/// </summary>
internal static class AttendanceTable
{
    public const string Name = "Attendance";

    public const int PerStudent = 5;

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .BigIdentity("AttendanceId")
        .Int("StudentId")
        .Int("SchoolId")
        .Date("AttendanceDate")
        .Char("AttendanceCode", 1)
        .SmallInt("MinutesAbsent", nullable: true)
        .Time("ArrivalTime", nullable: true)
        .TimestampTz("RecordedAt")
        .Bool("Excused")
        .PrimaryKey("AttendanceId")
        .Undeclared("StudentId", StudentTable.Name, orphans: true)
        .References("SchoolId", SchoolTable.Name)
        .Rows(s => (long)s.Scale.Students * PerStudent)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        long students = c.Scale.Students;
        var orphan = r.Chance(0.005) || index == 2;
        var student = orphan ? students + 1 + r.Next(1_000) : index / PerStudent + 1;
        var code = r.Pick(Vocabulary.AttendanceCodes);
        v[0] = index + 1;
        v[1] = (int)student;
        v[2] = (int)((student - 1) % c.Scale.Schools + 1);
        v[3] = SampleDates.SchoolYearStart.AddDays((int)(index % PerStudent) * 7 + r.Next(5));
        v[4] = code;
        v[5] = code == "P" ? null : (short)(5 * r.Next(1, 80));
        v[6] = code == "A" ? null : SampleDates.ClockTime(r, 7, 10);
        v[7] = SampleDates.Utc(r);
        v[8] = code == "E";
    }
}
