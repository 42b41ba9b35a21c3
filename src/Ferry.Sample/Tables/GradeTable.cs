using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Grades: a four-column primary key whose first three columns are a declared composite foreign key to the roster
/// (<see cref="StudentSectionAssociationTable"/>). Two grading periods of the section's school per roster row.
/// </summary>
internal static class GradeTable
{
    public const string Name = "Grade";

    private const int PerRoster = 2;

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("StudentId")
        .Int("SectionId")
        .Date("BeginDate")
        .Int("GradingPeriodId")
        .Varchar("LetterGradeEarned", 20, nullable: true)
        .Numeric("NumericGradeEarned", 9, 2, nullable: true)
        .Varchar("GradeType", 30)
        .Text("DiagnosticStatement", nullable: true)
        .TimestampTz("PostedAt")
        .PrimaryKey("StudentId", "SectionId", "BeginDate", "GradingPeriodId")
        .References(["StudentId", "SectionId", "BeginDate"], StudentSectionAssociationTable.Name, ["StudentId", "SectionId", "BeginDate"])
        .References("GradingPeriodId", GradingPeriodTable.Name)
        .Rows(s => s[StudentSectionAssociationTable.Name] * PerRoster)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var (student, section) = StudentSectionAssociationTable.Key(index / PerRoster, c.Scale);
        var school = SectionTable.SchoolOf(section, c.Scale);
        v[0] = (int)student;
        v[1] = (int)section;
        v[2] = SampleDates.SchoolYearStart;
        v[3] = (int)GradingPeriodTable.IdOf(school, (int)(index % PerRoster) + 1);
        v[4] = r.Pick(Vocabulary.LetterGrades);
        v[5] = r.Chance(0.1) ? null : Decimals.Of(5_000 + r.Next(5_001), 2);
        v[6] = r.Pick(Vocabulary.GradeTypes);
        v[7] = r.Chance(0.9) ? null : r.Pick(AwkwardText.Notes);
        v[8] = SampleDates.Utc(r);
    }
}
