using Ferry.Sample.Data;
using Ferry.Sample.Randomness;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Staff, with a self-reference (<c>SupervisorStaffId</c>) three levels deep: staff 1..S (S = number of schools) are
/// the principals and have no supervisor; staff up to 5S report to their principal; everyone else reports to one of
/// those. Staff member n works at school ((n - 1) mod S) + 1, so supervisors always share the school.
/// </summary>
internal static class StaffTable
{
    public const string Name = "Staff";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("StaffId")
        .Varchar("StaffUniqueId", 32)
        .Varchar("FirstName", 75)
        .Varchar("LastSurname", 75)
        .Int("SchoolId")
        .Int("SupervisorStaffId", nullable: true)
        .Date("HireDate")
        .Numeric("YearsOfPriorProfessionalExperience", 5, 2)
        .Bool("HighlyQualifiedTeacher", nullable: true)
        .Varchar("ElectronicMailAddress", 128, nullable: true)
        .Bytea("Photo", nullable: true)
        .Uuid("LoginId")
        .Timestamp("LastModifiedDate")
        .PrimaryKey("StaffId")
        .Unique("StaffUniqueId")
        .References("SchoolId", SchoolTable.Name)
        .References("SupervisorStaffId", Name, "StaffId")
        .Rows(s => s.Scale.Staff)
        .Build(Fill);

    public static long SchoolOf(long staffId, SampleScale scale) => (staffId - 1) % scale.Schools + 1;

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var id = index + 1;
        long schools = c.Scale.Schools;
        v[0] = (int)id;
        v[1] = $"T{c.Scale.District:D3}{id:D6}";
        v[2] = r.Pick(Vocabulary.FirstNames);
        v[3] = r.Pick(Vocabulary.LastNames);
        v[4] = (int)SchoolOf(id, c.Scale);
        v[5] = id <= schools ? null : id <= 5 * schools ? (int)SchoolOf(id, c.Scale) : (int)((id - 1) % (4 * schools) + schools + 1);
        v[6] = r.Chance(0.02) ? SampleDates.Sentinel : new DateOnly(1985 + r.Next(38), 1 + r.Next(12), 1 + r.Next(28));
        v[7] = Decimals.Of(r.Next(4_000), 2);
        v[8] = r.Chance(0.2) ? null : r.Chance(0.7);
        v[9] = r.Chance(0.05) ? null : $"staff{id}@d{c.Scale.District:D3}.example.org";
        v[10] = Photo(r);
        v[11] = r.NextGuid();
        v[12] = SampleDates.Timestamp(r);
    }

    /// <summary>Most staff have no photo; a few have small ones and one in a hundred a large one (up to 64 KB).</summary>
    private static byte[]? Photo(SampleRandom r)
    {
        var roll = r.Next(100);
        if (roll >= 12)
        {
            return null;
        }

        var photo = new byte[roll == 0 ? r.Next(32_768, 65_537) : r.Next(1_024, 8_193)];
        r.NextBytes(photo);
        photo[0] = 0xFF;
        photo[1] = 0xD8;
        photo[2] = 0xFF;
        return photo;
    }
}
