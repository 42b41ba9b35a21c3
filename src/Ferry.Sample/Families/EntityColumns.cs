using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Families;

/// <summary>The descriptive and audit columns of a generated entity, by <see cref="EntityFlavor"/>.</summary>
internal static class EntityColumns
{
    private static readonly string[] Results = ["Pass", "Fail", "Incomplete", "Proficient", "Not proficient", "Exempt"];

    public static void Add(TableBuilder b, List<ColumnValue> values, string name, EntityFlavor flavor)
    {
        switch (flavor)
        {
            case EntityFlavor.Named:
                var identifier = name + "Identifier";
                var initials = new string(name.Where(char.IsUpper).ToArray());
                b.Varchar(identifier, 60).Unique(identifier);
                values.Add((i, _) => $"{initials}-{i + 1:D7}");
                b.Varchar(name.Length <= 40 ? name + "Name" : "Name", 100);
                values.Add((i, c) => $"{DescriptorFamily.Words(name)} {c.Random.Pick(Vocabulary.SchoolNameParts)}");
                b.Varchar("Description", 1024, nullable: true);
                values.Add((_, c) => c.Random.Chance(0.5) ? null : c.Random.Pick(AwkwardText.Notes));
                break;
            case EntityFlavor.Person:
                b.Varchar("FirstName", 75).Varchar("MiddleName", 75, nullable: true).Varchar("LastSurname", 75)
                    .Varchar("ElectronicMailAddress", 128, nullable: true);
                values.Add((_, c) => c.Random.Pick(Vocabulary.FirstNames));
                values.Add((_, c) => c.Random.Next(10) switch { < 5 => null, 5 => "", _ => c.Random.Pick(Vocabulary.FirstNames) });
                values.Add((_, c) => c.Random.Pick(Vocabulary.LastNames));
                values.Add((i, c) => c.Random.Chance(0.3) ? null : $"contact{i + 1}@mail.example.com");
                break;
            case EntityFlavor.Event:
                b.Date("EventDate").Varchar("EventDescription", 1024, nullable: true).Numeric("EventDuration", 5, 2, nullable: true);
                values.Add((_, c) => SampleDates.SchoolDay(c.Random));
                values.Add((_, c) => c.Random.Chance(0.6) ? null : c.Random.Pick(AwkwardText.Notes));
                values.Add((_, c) => c.Random.Chance(0.4) ? null : Decimals.Of(25 * c.Random.Next(1, 33), 2));
                break;
            case EntityFlavor.Period:
                b.Date("BeginDate").Date("EndDate", nullable: true);
                values.Add((_, c) => SampleDates.SchoolYearStart.AddDays(c.Random.Next(-400, 120)));
                values.Add((_, c) => c.Random.Next(20) switch
                {
                    < 12 => null,
                    12 => SampleDates.EndOfTime,
                    _ => SampleDates.SchoolYearStart.AddDays(150 + c.Random.Next(200)),
                });
                break;
            case EntityFlavor.Amount:
                b.SmallInt("FiscalYear").Numeric("Amount", 19, 4).Date("AsOfDate");
                values.Add((_, c) => (short)(2020 + c.Random.Next(5)));
                values.Add((_, c) => Decimals.Of(c.Random.NextLong(10_000_000_000) - 1_000_000_000, 4));
                values.Add((_, c) => SampleDates.SchoolDay(c.Random));
                break;
            case EntityFlavor.Score:
                b.Date("AdministrationDate").Varchar("Result", 35).Numeric("ScoreValue", 9, 3, nullable: true);
                values.Add((_, c) => SampleDates.SchoolDay(c.Random));
                values.Add((_, c) => c.Random.Pick(Results));
                values.Add((_, c) => c.Random.Chance(0.15) ? null : Decimals.Of(c.Random.Next(100_001), 3));
                break;
            default:
                throw new InvalidOperationException($"unknown flavor {flavor}");
        }

        b.Uuid("Id").Timestamp("LastModifiedDate").Timestamp("CreateDate");
        values.Add((_, c) => c.Random.NextGuid());
        values.Add((_, c) => SampleDates.Timestamp(c.Random));
        values.Add((_, c) => SampleDates.Timestamp(c.Random));
    }
}
