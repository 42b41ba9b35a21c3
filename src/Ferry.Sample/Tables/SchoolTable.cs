using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Schools. <c>PrincipalStaffId</c> points at Staff while Staff points back at School: a foreign-key cycle that only
/// a nullable column (here, the principal) lets a loader break. The principal of school <c>n</c> is staff member
/// <c>n</c>, who works at school <c>n</c> (see <see cref="StaffTable"/>). Some opening dates are the 1900-01-01 sentinel.
/// </summary>
internal static class SchoolTable
{
    public const string Name = "School";

    private static readonly string[] TitleI = ["Title I schoolwide", "Title I targeted assistance", "Not a Title I school"];

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("SchoolId")
        .Int("LocalEducationAgencyId")
        .Varchar("NameOfInstitution", 75)
        .Varchar("SchoolCategory", 50)
        .Char("PhoneNumber", 14, nullable: true)
        .Date("OpenedDate")
        .Int("PrincipalStaffId", nullable: true)
        .Varchar("TitleIPartASchoolDesignation", 50, nullable: true)
        .Uuid("Id")
        .Timestamp("LastModifiedDate")
        .PrimaryKey("SchoolId")
        .References("LocalEducationAgencyId", LocalEducationAgencyTable.Name)
        .References("PrincipalStaffId", StaffTable.Name, "StaffId")
        .Rows(s => s.Scale.Schools)
        .Build(Fill);

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var id = (int)index + 1;
        v[0] = id;
        v[1] = 1;
        v[2] = $"{r.Pick(Vocabulary.SchoolNameParts)} {r.Pick(Vocabulary.SchoolKinds)}";
        v[3] = r.Pick(Vocabulary.SchoolCategories);
        v[4] = r.Chance(0.1) ? null : $"(555) {r.Next(100, 1000)}-{r.Next(10_000):D4}";
        v[5] = r.Chance(0.05) ? SampleDates.Sentinel : new DateOnly(1950 + r.Next(70), 1 + r.Next(12), 1 + r.Next(28));
        v[6] = r.Chance(0.1) ? null : id;
        v[7] = r.Chance(0.6) ? null : r.Pick(TitleI);
        v[8] = r.NextGuid();
        v[9] = SampleDates.Timestamp(r);
    }
}
