using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Class rosters: three sections per student, keyed by (StudentId, SectionId, BeginDate). The key of each row is a
/// pure function of the row index (<see cref="Key"/>) so that <see cref="GradeTable"/> can reference it exactly.
/// </summary>
internal static class StudentSectionAssociationTable
{
    public const string Name = "StudentSectionAssociation";

    public const int PerStudent = 3;

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("StudentId")
        .Int("SectionId")
        .Date("BeginDate")
        .Date("EndDate", nullable: true)
        .Bool("HomeroomIndicator")
        .Timestamp("CreateDate")
        .PrimaryKey("StudentId", "SectionId", "BeginDate")
        .References("StudentId", StudentTable.Name)
        .References("SectionId", SectionTable.Name)
        .Rows(s => (long)s.Scale.Students * PerStudent)
        .Build(Fill);

    /// <summary>The student and section of roster row <paramref name="index"/>; a student's three sections are distinct.</summary>
    public static (long Student, long Section) Key(long index, SampleScale scale)
    {
        var student = index / PerStudent + 1;
        var step = Math.Max(1, scale.Sections / PerStudent);
        var section = (student - 1 + index % PerStudent * step) % scale.Sections + 1;
        return (student, section);
    }

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var (student, section) = Key(index, c.Scale);
        v[0] = (int)student;
        v[1] = (int)section;
        v[2] = SampleDates.SchoolYearStart;
        v[3] = r.Next(100) switch
        {
            < 60 => null,
            < 65 => SampleDates.EndOfTime,
            _ => SampleDates.SchoolYearStart.AddDays(90 + r.Next(180)),
        };
        v[4] = index % PerStudent == 0;
        v[5] = SampleDates.Timestamp(r);
    }
}
