using Ferry.Sample.Data;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Families;

/// <summary>
/// Builds a child collection table. Row <c>i</c> belongs to parent <see cref="Spread.Parent"/> and takes the
/// referenced key <c>(parent - 1 + ordinal) mod n + 1</c>, which differs for each row of the same parent as long as a
/// parent has no more rows than the referenced table; the row count is capped so that always holds.
/// </summary>
internal static class CollectionFamily
{
    private static readonly string[] States = ["TX", "CA", "NY", "FL", "WA", "IL", "AZ", "GA", "NM", "OR"];

    public static TableDef Build(CollectionSpec spec)
    {
        var name = spec.Name;
        var parentKey = spec.Parent + "Id";
        var referencedKey = spec.Referenced + "Id";
        var b = new TableBuilder(name)
            .Int(parentKey)
            .Int(referencedKey)
            .PrimaryKey(parentKey, referencedKey)
            .AddForeignKey(new ForeignKeyDef([parentKey], spec.Parent, [parentKey], Declared: !spec.LooseParent))
            .References(referencedKey, spec.Referenced);
        var values = new List<ColumnValue>
        {
            (i, c) => (int)Spread.Parent(i, c.Sizes[name], c.Sizes[spec.Parent]),
            (i, c) =>
            {
                var rows = c.Sizes[name];
                var parents = c.Sizes[spec.Parent];
                var parent = Spread.Parent(i, rows, parents);
                return (int)((parent - 1 + Spread.Ordinal(i, rows, parents)) % c.Sizes[spec.Referenced] + 1);
            },
        };
        AddDetails(b, values, spec.Suffix);
        b.Timestamp("CreateDate");
        values.Add((_, c) => SampleDates.Timestamp(c.Random));
        var all = values.ToArray();
        return b
            .Rows(s => Math.Min(s[spec.Parent] * s[spec.Referenced], Math.Max(1, (long)Math.Round(s[spec.Parent] * spec.Factor))))
            .Build((index, c, v) =>
            {
                for (var k = 0; k < all.Length; k++)
                {
                    v[k] = all[k](index, c);
                }
            });
    }

    private static void AddDetails(TableBuilder b, List<ColumnValue> values, string suffix)
    {
        if (suffix.EndsWith("Address", StringComparison.Ordinal))
        {
            b.Varchar("StreetNumberName", 150).Varchar("City", 30).Varchar("PostalCode", 17).Char("StateAbbreviation", 2, nullable: true);
            values.Add((_, c) => $"{c.Random.Next(1, 9_999)} {c.Random.Pick(Vocabulary.SchoolNameParts)} {(c.Random.Chance(0.5) ? "St" : "Ave")}");
            values.Add((_, c) => c.Random.Pick(Vocabulary.Cities));
            values.Add((_, c) => c.Random.Chance(0.1) ? $"{c.Random.Next(10_000, 99_999)}-{c.Random.Next(10_000):D4}" : $"{c.Random.Next(10_000, 99_999)}");
            values.Add((_, c) => c.Random.Chance(0.1) ? null : c.Random.Pick(States));
        }
        else if (suffix.EndsWith("Telephone", StringComparison.Ordinal))
        {
            b.Varchar("TelephoneNumber", 24).Bool("TextMessageCapabilityIndicator", nullable: true);
            values.Add((_, c) => $"(555) {c.Random.Next(100, 1_000)}-{c.Random.Next(10_000):D4}");
            values.Add((_, c) => c.Random.Chance(0.3) ? null : c.Random.Chance(0.5));
        }
        else if (suffix.EndsWith("ElectronicMail", StringComparison.Ordinal))
        {
            b.Varchar("ElectronicMailAddress", 128).Bool("PrimaryEmailAddressIndicator", nullable: true);
            values.Add((i, _) => $"person{i + 1}@mail.example.com");
            values.Add((_, c) => c.Random.Chance(0.3) ? null : c.Random.Chance(0.5));
        }
        else
        {
            b.Date("BeginDate", nullable: true);
            values.Add((_, c) => c.Random.Chance(0.4) ? null : SampleDates.SchoolYearStart.AddDays(-c.Random.Next(1_000)));
        }
    }
}
