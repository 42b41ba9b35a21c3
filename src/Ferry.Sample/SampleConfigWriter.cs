using System.Globalization;
using System.Text;
using Ferry.Sample.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ferry.Sample;

/// <summary>
/// Writes the <c>migration.yaml</c> that migrates a generated sample: one district per database, the relationships
/// and keys the legacy schema does not declare, where reports go, and connection strings whose password is the
/// reference <c>${FERRY_PG_PASSWORD}</c>, never the password itself.
/// </summary>
public static class SampleConfigWriter
{
    /// <summary>Fixed, so a sample migrated twice derives the same UUIDs.</summary>
    internal const string UuidNamespace = "1b671a64-40d5-491e-99b0-da01ff1f3341";

    private const string Header = "# Migration of the generated legacy sample districts. The password comes from FERRY_PG_PASSWORD.\n";

    // Indented sequences keep list items under their key, as people write them; strings that would read as another
    // type (a district id 001, yes) are quoted, so every reader sees the text that was meant.
    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithIndentedSequences()
        .WithQuotingNecessaryStrings()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    /// <summary>
    /// The configuration text for <paramref name="result"/>, migrating into <paramref name="targetConnection"/>, with
    /// a <c>reports:</c> section when <paramref name="reports"/> is given. It loads with <c>ConfigLoader.Parse</c> once
    /// FERRY_PG_PASSWORD is set. Pure: nothing is written or connected to.
    /// </summary>
    /// <exception cref="ArgumentException">A connection string cannot be parsed.</exception>
    public static string Render(SampleResult result, string targetConnection, int batchSize = 50_000, int parallelism = 4, SampleReports? reports = null) =>
        Header + Yaml.Serialize(Document(result, targetConnection, batchSize, parallelism, reports));

    /// <summary>As the other overload, with <paramref name="extraLines"/> appended verbatim (raw YAML, e.g. a <c>policies:</c> block).</summary>
    /// <exception cref="ArgumentException">A connection string cannot be parsed.</exception>
    public static string Render(SampleResult result, string targetConnection, int batchSize, int parallelism, IEnumerable<string> extraLines)
    {
        var yaml = new StringBuilder(Render(result, targetConnection, batchSize, parallelism));
        foreach (var line in extraLines)
        {
            yaml.Append(line).Append('\n');
        }

        return yaml.ToString();
    }

    private static SampleConfigDocument Document(SampleResult result, string targetConnection, int batchSize, int parallelism, SampleReports? reports) => new(
        new SampleConfigDocument.TargetSection(ConfigConnection.WithoutPassword(targetConnection, database: null)),
        UuidNamespace,
        result.Districts.Select((d, i) => new SampleConfigDocument.DistrictEntry(
            d.Id,
            Tenant(d.Id, i + 1),
            new SampleConfigDocument.SourceSection("postgres", ConfigConnection.WithoutPassword(d.Connection, d.Database)))).ToList(),
        new SampleConfigDocument.EntitiesSection(["dbo.*"], []),
        result.Relationships.Select(r => new SampleConfigDocument.RelationshipEntry(
            ColumnRef(r.From.ToString(), r.FromColumns), ColumnRef(r.To.ToString(), r.ToColumns))).ToList(),
        result.Keys.Select(k => ColumnRef(k.Table.ToString(), k.Columns)).ToList(),
        batchSize,
        parallelism,
        reports is null ? null : new SampleConfigDocument.ReportsSection(reports.Directory, reports.Connection, reports.Container));

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
