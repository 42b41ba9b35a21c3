using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// The district itself: one row whose id is 1 in every district database, as single-district systems number it.
/// The state's id sits in a <c>char(10)</c>, so it comes back blank-padded.
/// </summary>
internal static class LocalEducationAgencyTable
{
    public const string Name = "LocalEducationAgency";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Int("LocalEducationAgencyId")
        .Varchar("NameOfInstitution", 75)
        .Varchar("ShortNameOfInstitution", 75, nullable: true)
        .Char("StateOrganizationId", 10)
        .Varchar("WebSite", 255, nullable: true)
        .Varchar("OperationalStatus", 30)
        .Uuid("Id")
        .Timestamp("CreateDate")
        .PrimaryKey("LocalEducationAgencyId")
        .Rows(_ => 1)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var place = r.Pick(Vocabulary.Cities);
        v[0] = (int)index + 1;
        v[1] = $"{place} Unified School District";
        v[2] = r.Chance(0.5) ? null : $"{place} USD";
        v[3] = $"2559{c.Scale.District:D2}";
        v[4] = $"https://d{c.Scale.District:D3}.example.org";
        v[5] = "Active";
        v[6] = r.NextGuid();
        v[7] = SampleDates.Timestamp(r);
    }
}
