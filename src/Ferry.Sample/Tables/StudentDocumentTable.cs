using Ferry.Sample.Data;
using Ferry.Sample.Randomness;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Scanned documents as binary blobs: mostly a few hundred bytes to 2 KB, one in fifty between 32 and 64 KB, and one
/// zero-length blob (empty, not NULL).
/// </summary>
internal static class StudentDocumentTable
{
    public const string Name = "StudentDocument";

    private static readonly byte[] PdfHeader = "%PDF-1.4\n"u8.ToArray();

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("StudentDocumentId")
        .Int("StudentId")
        .Varchar("DocumentType", 30)
        .Varchar("FileName", 260)
        .Varchar("ContentType", 100)
        .Bytea("Content")
        .BigInt("ContentLength")
        .Uuid("ExternalId")
        .Timestamp("UploadedAt")
        .PrimaryKey("StudentDocumentId")
        .References("StudentId", StudentTable.Name)
        .Rows(s => Math.Max(5, s.Scale.Students / 20))
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var content = Content(index, r);
        v[0] = (int)index + 1;
        v[1] = (int)Spread.Parent(index, c.Sizes[Name], c.Scale.Students);
        v[2] = r.Pick(Vocabulary.DocumentTypes);
        v[3] = index % 10 == 3 ? $"Informe médico — {r.Pick(Vocabulary.LastNames)}.pdf" : $"scan_{index + 1:D6}.pdf";
        v[4] = r.Pick(Vocabulary.ContentTypes);
        v[5] = content;
        v[6] = (long)content.Length;
        v[7] = r.NextGuid();
        v[8] = SampleDates.Timestamp(r);
    }

    private static byte[] Content(long index, SampleRandom r)
    {
        if (index == 1)
        {
            return [];
        }

        var content = new byte[r.Chance(0.02) ? r.Next(32_768, 65_537) : r.Next(200, 2_049)];
        r.NextBytes(content);
        PdfHeader.CopyTo(content, 0);
        return content;
    }
}
