using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>The course catalogue, keyed by an identity with the course code as a unique natural key.</summary>
internal static class CourseTable
{
    public const string Name = "Course";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("CourseId")
        .Varchar("CourseCode", 20)
        .Varchar("CourseTitle", 60)
        .Varchar("AcademicSubject", 50)
        .Int("NumberOfParts")
        .Numeric("CreditValue", 9, 3, nullable: true)
        .Bool("HighSchoolCourseRequirement")
        .Uuid("Id")
        .PrimaryKey("CourseId")
        .Unique("CourseCode")
        .Rows(s => s.Scale.Courses)
        .Build(Fill);

    public static string Code(long courseId) => $"{Vocabulary.SubjectCodes[(courseId - 1) % Vocabulary.SubjectCodes.Length]}-{courseId:D4}";

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var id = index + 1;
        var subject = Vocabulary.Subjects[index % Vocabulary.Subjects.Length];
        v[0] = (int)id;
        v[1] = Code(id);
        v[2] = $"{subject} {(index / Vocabulary.Subjects.Length) + 1}{(r.Chance(0.2) ? " Honors" : "")}";
        v[3] = subject;
        v[4] = 1 + r.Next(2);
        v[5] = r.Chance(0.1) ? null : Decimals.Of(500 * (1 + r.Next(2)), 3);
        v[6] = r.Chance(0.4);
        v[7] = r.NextGuid();
    }
}
