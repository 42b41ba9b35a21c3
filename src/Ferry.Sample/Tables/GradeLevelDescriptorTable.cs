using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>The fifteen grade levels, a lookup table with a natural unique code beside its numeric key.</summary>
internal static class GradeLevelDescriptorTable
{
    public const string Name = "GradeLevelDescriptor";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("GradeLevelDescriptorId")
        .Varchar("CodeValue", 50)
        .Varchar("ShortDescription", 75)
        .Varchar("Description", 1024, nullable: true)
        .Varchar("Namespace", 255)
        .PrimaryKey("GradeLevelDescriptorId")
        .Unique("Namespace", "CodeValue")
        .Rows(_ => Vocabulary.GradeLevels.Length)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        v[0] = (int)index + 1;
        v[1] = Vocabulary.GradeLevelCodes[index];
        v[2] = Vocabulary.GradeLevels[index];
        v[3] = index == 0 ? null : Vocabulary.GradeLevels[index];
        v[4] = "uri://ed-fi.org/GradeLevelDescriptor";
    }
}
