using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Free-text notes (<c>text</c>), the home of awkward text: emoji, combining marks, right-to-left runs, control
/// characters, empty strings, and a handful of notes over 100 KB. The student reference is undeclared but clean.
/// </summary>
internal static class StudentNoteTable
{
    public const string Name = "StudentNote";

    public const int LongNoteChars = 120_000;

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .BigIdentity("StudentNoteId")
        .Int("StudentId")
        .Text("NoteText")
        .Varchar("Author", 100, nullable: true)
        .Bool("IsConfidential")
        .TimestampTz("CreatedAt")
        .PrimaryKey("StudentNoteId")
        .Undeclared("StudentId", StudentTable.Name)
        .Rows(s => Math.Max(10, s.Scale.Students / 2))
        .Build(Fill);

    /// <summary>A fixed handful, whatever the district size: the long notes are a trait, not a volume.</summary>
    public static bool IsLong(long index) => index == 3 || (index < 5_000 && index % 1_000 == 500);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        v[0] = index + 1;
        v[1] = (int)Spread.Parent(index, c.Sizes[Name], c.Scale.Students);
        v[2] = IsLong(index) ? AwkwardText.Long(index, LongNoteChars + r.Next(20_000)) : r.Pick(AwkwardText.Notes);
        v[3] = r.Next(20) switch
        {
            < 4 => null,
            4 => "",
            _ => r.Pick(Vocabulary.NoteAuthors),
        };
        v[4] = r.Chance(0.1);
        v[5] = SampleDates.Utc(r);
    }
}
