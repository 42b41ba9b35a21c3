using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ferry.Sample.Loading;
using Ferry.Sample.Schema;

namespace Ferry.Sample.Tests;

/// <summary>Generates rows in memory, without a database, for the pure tests.</summary>
internal static class GeneratedRows
{
    public static IReadOnlyList<DistrictPlan> Plans(SampleProfile profile, int students, int districts = 1) =>
        DistrictPlan.For(
            new SampleOptions { AdminConnection = "Host=localhost;Username=postgres", Profile = profile, Students = students, Districts = districts },
            SampleCatalog.For(profile));

    public static List<object?[]> Of(TableDef table, DistrictPlan plan, int seed = 42) =>
        TableLoader.Rows(table, plan, seed, new object?[table.Columns.Count]).Select(r => (object?[])r.Clone()).ToList();

    public static string Digest(IEnumerable<object?[]> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Canonical(value) + "\u001F"));
            }

            sha.AppendData("\u001E"u8);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public static string Canonical(object? value) => value switch
    {
        null => "\u0000NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
