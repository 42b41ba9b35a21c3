using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Enrolments, keyed by the composite natural key (StudentId, SchoolId, EntryDate). Every student has one; one in
/// five also has a later transfer to another school. A few exit dates hold the 1900-01-01 "not exited" sentinel.
/// </summary>
internal static class StudentSchoolAssociationTable
{
    public const string Name = "StudentSchoolAssociation";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("StudentId")
        .Int("SchoolId")
        .Date("EntryDate")
        .Int("EntryGradeLevelDescriptorId")
        .Date("ExitWithdrawDate", nullable: true)
        .Bool("PrimarySchool", nullable: true)
        .Bool("RepeatGradeIndicator")
        .SmallInt("ClassOfSchoolYear", nullable: true)
        .Timestamp("CreateDate")
        .PrimaryKey("StudentId", "SchoolId", "EntryDate")
        .References("StudentId", StudentTable.Name)
        .References("SchoolId", SchoolTable.Name)
        .References("EntryGradeLevelDescriptorId", GradeLevelDescriptorTable.Name, "GradeLevelDescriptorId")
        .Rows(s => s.Scale.Students + s.Scale.Students / 5)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        long students = c.Scale.Students;
        long schools = c.Scale.Schools;
        var transfer = index >= students;
        var student = transfer ? (index - students) * 5 + 1 : index + 1;
        v[0] = (int)student;
        v[1] = (int)(transfer ? student % schools + 1 : (student - 1) % schools + 1);
        v[2] = transfer
            ? SampleDates.SchoolYearStart.AddDays(60 + r.Next(60))
            : SampleDates.SchoolYearStart.AddDays(-r.Next(3));
        v[3] = 1 + r.Next(Vocabulary.GradeLevels.Length);
        v[4] = r.Next(100) switch
        {
            < 70 => null,
            < 73 => SampleDates.Sentinel,
            _ => SampleDates.SchoolYearStart.AddDays(120 + r.Next(150)),
        };
        v[5] = r.Chance(0.05) ? null : !transfer;
        v[6] = r.Chance(0.03);
        v[7] = r.Chance(0.05) ? null : (short)(2024 + r.Next(13));
        v[8] = SampleDates.Timestamp(r);
    }
}
