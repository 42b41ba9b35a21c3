using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tables;

/// <summary>
/// Students: the first benchmark table (18 columns). Ids start at 1 in every district, so legacy ids collide across
/// districts. A few rows carry what real rosters do: middle names that are empty rather than NULL, surnames typed
/// with surrounding blanks, combining accents, and 1900-01-01 for an unknown birth date.
/// </summary>
internal static class StudentTable
{
    public const string Name = "Student";

    public static TableDef Definition { get; } = new TableBuilder(Name)
        .Identity("StudentId")
        .Varchar("StudentUniqueId", 32)
        .Varchar("FirstName", 75)
        .Varchar("MiddleName", 75, nullable: true)
        .Varchar("LastSurname", 75)
        .Date("BirthDate")
        .Char("BirthSexCode", 1)
        .Bool("HispanicLatinoEthnicity")
        .SmallInt("OldEthnicityCode", nullable: true)
        .Varchar("CitizenshipStatus", 50, nullable: true)
        .Varchar("BirthCity", 30, nullable: true)
        .Varchar("BirthCountry", 50, nullable: true)
        .Bool("EconomicDisadvantaged", nullable: true)
        .Varchar("LimitedEnglishProficiency", 30, nullable: true)
        .Varchar("SchoolFoodServicesEligibility", 30, nullable: true)
        .Uuid("Id")
        .Timestamp("LastModifiedDate")
        .Timestamp("CreateDate")
        .PrimaryKey("StudentId")
        .Unique("StudentUniqueId")
        .Rows(s => s.Scale.Students)
        .Build(Fill);

    /// <summary>The state-wide id, unique across districts even though <c>StudentId</c> is not.</summary>
    public static string UniqueId(int district, long studentId) => $"{district:D3}{studentId:D7}";

    private static void Fill(long index, RowContext c, object?[] v)
    {
        var r = c.Random;
        var id = index + 1;
        v[0] = (int)id;
        v[1] = UniqueId(c.Scale.District, id);
        v[2] = r.Pick(Vocabulary.FirstNames);
        v[3] = r.Next(1000) switch
        {
            < 450 => null,
            < 500 => "",
            < 501 => "\U0001F31F",
            _ => r.Pick(Vocabulary.FirstNames),
        };
        var surname = r.Pick(Vocabulary.LastNames);
        v[4] = r.Chance(0.01) ? $" {surname} " : surname;
        v[5] = r.Chance(0.003)
            ? SampleDates.Sentinel
            : SampleDates.SchoolYearStart.AddYears(-5 - r.Next(13)).AddDays(-r.Next(365));
        v[6] = r.Next(100) switch
        {
            < 49 => "F",
            < 98 => "M",
            _ => "X",
        };
        v[7] = r.Chance(0.25);
        v[8] = r.Chance(0.3) ? null : (short)(1 + r.Next(7));
        v[9] = r.Pick(Vocabulary.CitizenshipStatuses);
        v[10] = r.Chance(0.2) ? null : r.Pick(Vocabulary.Cities);
        v[11] = r.Chance(0.15) ? null : r.Pick(Vocabulary.Countries);
        v[12] = r.Chance(0.1) ? null : r.Chance(0.45);
        v[13] = r.Pick(Vocabulary.LimitedEnglishProficiency);
        v[14] = r.Pick(Vocabulary.FoodServiceEligibility);
        v[15] = r.NextGuid();
        var created = SampleDates.Timestamp(r);
        v[16] = created.AddMinutes(r.Next(200 * 1440));
        v[17] = created;
    }
}
