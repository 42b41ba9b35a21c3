using System.Globalization;
using System.Text;
using Ferry.Sample.Config;

namespace Ferry.Sample;

/// <summary>
/// Writes the <c>migration.yaml</c> that migrates a generated sample: one district per database, the relationships
/// and keys the legacy schema does not declare, and connection strings whose password is the reference
/// <c>${FERRY_PG_PASSWORD}</c>, never the password itself.
/// </summary>
public static class SampleConfigWriter
{
    /// <summary>Fixed, so a sample migrated twice derives the same UUIDs.</summary>
    internal const string UuidNamespace = "1b671a64-40d5-491e-99b0-da01ff1f3341";

    /// <summary>
    /// The configuration text for <paramref name="result"/>, migrating into <paramref name="targetConnection"/>. It loads
    /// with <c>ConfigLoader.Parse</c> once FERRY_PG_PASSWORD is set. Pure: nothing is written or connected to.
    /// </summary>
    /// <exception cref="ArgumentException">A connection string cannot be parsed.</exception>
    public static string Render(SampleResult result, string targetConnection, int batchSize = 50_000, int parallelism = 4) =>
        Render(result, targetConnection, batchSize, parallelism, []);

    /// <summary>As the other overload, with <paramref name="extraLines"/> appended verbatim (raw YAML, e.g. a <c>policies:</c> block).</summary>
    /// <exception cref="ArgumentException">A connection string cannot be parsed.</exception>
    public static string Render(SampleResult result, string targetConnection, int batchSize, int parallelism, IEnumerable<string> extraLines)
    {
        var y = new StringBuilder();
        y.AppendLine("# Migration of the generated legacy sample districts. The password comes from FERRY_PG_PASSWORD.");
        y.AppendLine("target:");
        y.Append("  connection: ").AppendLine(YamlText.Quote(ConfigConnection.WithoutPassword(targetConnection, database: null)));
        y.Append("uuidNamespace: ").AppendLine(YamlText.Quote(UuidNamespace));
        y.AppendLine("districts:");
        for (var i = 0; i < result.Districts.Count; i++)
        {
            var d = result.Districts[i];
            y.Append("  - id: ").AppendLine(d.Id);
            y.Append("    tenant: ").AppendLine(YamlText.Quote(Tenant(d.Id, i + 1)));
            y.Append("    source: { provider: postgres, connection: ").Append(YamlText.Quote(ConfigConnection.WithoutPassword(d.Connection, d.Database))).AppendLine(" }");
        }

        y.AppendLine("entities: { include: [\"dbo.*\"], exclude: [] }");
        y.AppendLine(result.Relationships.Count == 0 ? "relationships: []" : "relationships:");
        foreach (var r in result.Relationships)
        {
            y.Append("  - { from: ").Append(YamlText.Quote(ColumnRef(r.From.ToString(), r.FromColumns)))
                .Append(", to: ").Append(YamlText.Quote(ColumnRef(r.To.ToString(), r.ToColumns))).AppendLine(" }");
        }

        y.AppendLine(result.Keys.Count == 0 ? "keys: []" : "keys:");
        foreach (var k in result.Keys)
        {
            y.Append("  - ").AppendLine(YamlText.Quote(ColumnRef(k.Table.ToString(), k.Columns)));
        }

        y.Append("batchSize: ").AppendLine(batchSize.ToString(CultureInfo.InvariantCulture));
        y.Append("parallelism: ").AppendLine(parallelism.ToString(CultureInfo.InvariantCulture));
        foreach (var line in extraLines)
        {
            y.AppendLine(line);
        }

        return y.ToString();
    }

    /// <summary>
    /// <c>6a1f7c1e-0000-4000-8000-</c> and the district number in twelve digits (<c>d001</c> gives ...000000000001);
    /// an id without a number falls back to its position.
    /// </summary>
    internal static string Tenant(string districtId, int position)
    {
        var digits = new string(districtId.Where(char.IsAsciiDigit).ToArray());
        var number = digits.Length is > 0 and <= 12 ? long.Parse(digits, CultureInfo.InvariantCulture) : position;
        return "6a1f7c1e-0000-4000-8000-" + number.ToString("D12", CultureInfo.InvariantCulture);
    }

    private static string ColumnRef(string table, IEnumerable<string> columns) => $"{table}({string.Join(", ", columns)})";
}
