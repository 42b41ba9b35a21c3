using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>The district's assessment catalogue (a fixed two dozen), referenced by a declared foreign key from the results.</summary>
internal static class AssessmentTable
{
    public const string Name = "Assessment";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("AssessmentId")
        .Varchar("AssessmentIdentifier", 60)
        .Varchar("AssessmentTitle", 100)
        .Varchar("AcademicSubject", 50)
        .Int("AssessedGradeLevelDescriptorId")
        .Numeric("MaxRawScore", 9, 3)
        .Int("AssessmentVersion")
        .Date("RevisionDate", nullable: true)
        .Varchar("Namespace", 255)
        .PrimaryKey("AssessmentId")
        .Unique("AssessmentIdentifier")
        .References("AssessedGradeLevelDescriptorId", GradeLevelDescriptorTable.Name, "GradeLevelDescriptorId")
        .Rows(_ => SampleScale.Assessments)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var grade = 1 + r.Next(Vocabulary.GradeLevels.Length);
        var subject = Vocabulary.Subjects[index % Vocabulary.Subjects.Length];
        v[0] = (int)index + 1;
        v[1] = $"ASMT-{index + 1:D3}";
        v[2] = $"{Vocabulary.GradeLevels[grade - 1]} {subject} Benchmark {(index / Vocabulary.Subjects.Length) + 1}";
        v[3] = subject;
        v[4] = grade;
        v[5] = Decimals.Of(100_000L * (1 + r.Next(5)), 3);
        v[6] = 2018 + r.Next(6);
        v[7] = r.Chance(0.3) ? null : new DateOnly(2018 + r.Next(6), 1 + r.Next(12), 1 + r.Next(28));
        v[8] = "uri://district.example.org/Assessment";
    }
}
