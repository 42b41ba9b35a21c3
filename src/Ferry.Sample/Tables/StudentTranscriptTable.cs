using System.Globalization;
using System.Text;
using Ferry.Sample.Data;
using Ferry.Sample.Randomness;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Transcripts for about 60% of students: a primary key that is also a foreign key (one-to-zero-or-one), the
/// <c>xml</c> column (well-formed, with an escaped entity and non-ASCII text), <c>real</c> and <c>double precision</c>.
/// </summary>
internal static class StudentTranscriptTable
{
    public const string Name = "StudentTranscript";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("StudentId")
        .Xml("TranscriptXml")
        .Real("CumulativeGpa", nullable: true)
        .Double("CumulativeCreditsEarned")
        .Int("ClassRank", nullable: true)
        .TimestampTz("GeneratedAt")
        .PrimaryKey("StudentId")
        .References("StudentId", StudentTable.Name)
        .Rows(s => Math.Max(5, s.Scale.Students * 3L / 5))
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var student = Spread.Parent(index, c.Sizes[Name], c.Scale.Students);
        var courses = 1 + r.Next(6);
        v[0] = (int)student;
        v[1] = Xml(student, courses, c, r);
        v[2] = r.Chance(0.1) ? null : r.Next(0, 401) / 100f;
        v[3] = courses + r.Next(0, 9) * 0.125;
        v[4] = r.Chance(0.3) ? null : 1 + r.Next(c.Scale.Students);
        v[5] = SampleDates.Utc(r);
    }

    private static string Xml(long student, int courses, RowContext c, SampleRandom r)
    {
        var sb = new StringBuilder(128 + courses * 96);
        sb.Append(CultureInfo.InvariantCulture, $"<transcript xmlns=\"urn:district:transcript\" student=\"{student}\">");
        for (var i = 0; i < courses; i++)
        {
            var course = 1 + r.Next(c.Scale.Courses);
            sb.Append(CultureInfo.InvariantCulture, $"<course code=\"{CourseTable.Code(course)}\" grade=\"{r.Pick(Vocabulary.PerformanceLevels)}\" credits=\"1.0\"/>");
        }

        sb.Append("<note>Algebra &amp; Functions — évaluation complète ✓</note></transcript>");
        return sb.ToString();
    }
}
