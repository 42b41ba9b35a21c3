using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Assessment results: the second benchmark table (9 columns, bigint identity). The assessment reference is declared;
/// the student reference is not, and about one row in a hundred belongs to a student who is gone.
/// </summary>
internal static class StudentAssessmentResultTable
{
    public const string Name = "StudentAssessmentResult";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .BigIdentity("StudentAssessmentResultId")
        .Int("StudentId")
        .Int("AssessmentId")
        .Date("AdministrationDate")
        .Numeric("ScoreValue", 9, 3)
        .Varchar("PerformanceLevel", 20)
        .Varchar("ResultDataType", 20)
        .Bool("IsRetest")
        .Timestamp("CreateDate")
        .PrimaryKey("StudentAssessmentResultId")
        .Undeclared("StudentId", StudentTable.Name, orphans: true)
        .References("AssessmentId", AssessmentTable.Name)
        .Rows(s => s.Scale.AssessmentResults)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        long students = c.Scale.Students;
        var orphan = r.Chance(0.01) || index == 1;
        v[0] = index + 1;
        v[1] = (int)(orphan ? students + 1 + r.Next(5_000) : index % students + 1);
        v[2] = 1 + r.Next(SampleScale.Assessments);
        v[3] = SampleDates.SchoolDay(r);
        v[4] = Decimals.Of(r.Next(300_000), 3);
        v[5] = r.Pick(Vocabulary.PerformanceLevels);
        v[6] = r.Pick(Vocabulary.ResultDataTypes);
        v[7] = r.Chance(0.05);
        v[8] = SampleDates.Timestamp(r);
    }
}
