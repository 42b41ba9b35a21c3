using System.Text;
using Ferry.Sample.Data;
using Ferry.Sample.Randomness;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Families;

/// <summary>
/// Builds a descriptor (lookup) table: an identity key, a code unique within its namespace, descriptions and an
/// optional validity range. Row counts are fixed per name; the few that are long in real life (languages,
/// countries, states) are long here too.
/// </summary>
internal static class DescriptorFamily
{
    private static readonly Dictionary<string, int> KnownSizes = new(StringComparer.Ordinal)
    {
        ["Language"] = 184,
        ["Country"] = 249,
        ["StateAbbreviation"] = 59,
        ["TribalAffiliation"] = 120,
        ["AcademicSubject"] = 24,
    };

    public static string TableName(string descriptor) => descriptor + "Descriptor";

    /// <summary>Rows of the descriptor: at least 4, so that every child collection can pick distinct codes per parent.</summary>
    public static int Rows(string descriptor) =>
        KnownSizes.TryGetValue(descriptor, out var rows) ? rows : 4 + (int)(SampleRandom.Fnv1a(descriptor) % 37);

    public static TableDef Build(string descriptor)
    {
        var table = TableName(descriptor);
        var label = Words(descriptor);
        return new TableBuilder(table)
            .Identity(table + "Id")
            .Varchar("CodeValue", 50)
            .Varchar("ShortDescription", 75)
            .Varchar("Description", 1024, nullable: true)
            .Varchar("Namespace", 255)
            .Date("EffectiveBeginDate", nullable: true)
            .Date("EffectiveEndDate", nullable: true)
            .Uuid("Id")
            .Timestamp("LastModifiedDate")
            .PrimaryKey(table + "Id")
            .Unique("Namespace", "CodeValue")
            .Rows(_ => Rows(descriptor))
            .Build((index, c, v) =>
            {
                var r = c.Random;
                v[0] = (int)index + 1;
                v[1] = $"{label} {index + 1:D2}";
                v[2] = $"{label} {index + 1:D2}";
                v[3] = r.Chance(0.3) ? null : $"{label} {index + 1:D2} as reported to the state";
                v[4] = $"uri://ed-fi.org/{table}";
                v[5] = r.Chance(0.7) ? null : new DateOnly(2010 + r.Next(10), 7, 1);
                v[6] = r.Chance(0.95) ? null : new DateOnly(2022, 6, 30);
                v[7] = r.NextGuid();
                v[8] = SampleDates.Timestamp(r);
            });
    }

    /// <summary><c>AddressType</c> becomes <c>Address Type</c>; acronyms stay together (<c>CourseGPAApplicability</c>).</summary>
    internal static string Words(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]))))
            {
                sb.Append(' ');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
