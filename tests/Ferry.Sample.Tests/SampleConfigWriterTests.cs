using Ferry.Core.Configuration;
using Ferry.Sample.Schema;
using Xunit;

namespace Ferry.Sample.Tests;

public class SampleConfigWriterTests
{
    private const string Secret = "s3cr;et\"pw";

    private static readonly Func<string, string?> Environment = name => name == "FERRY_PG_PASSWORD" ? "from-env" : null;

    [Theory]
    [InlineData(SampleProfile.Small)]
    [InlineData(SampleProfile.Full)]
    public void Rendered_config_loads_with_ConfigLoader(SampleProfile profile)
    {
        var result = Result(profile, 3);

        var config = ConfigLoader.Parse(SampleConfigWriter.Render(result, Target, 20_000, 6), "migration.yaml", Environment);

        Assert.Equal(Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341"), config.UuidNamespace);
        Assert.Equal(["d001", "d002", "d003"], config.Districts.Select(d => d.Id));
        Assert.All(config.Districts, d => Assert.Equal("postgres", d.Source.Provider));
        Assert.Equal("Host=127.0.0.1;Port=55432;Database=legacy_d002;Username=postgres;Password=from-env", config.District("d002").Source.Connection);
        Assert.Equal("Host=127.0.0.1;Port=55432;Database=target;Username=postgres;Password=from-env", config.Targets.Single().Connection);
        Assert.Equal(result.Relationships, config.Relationships, RelationshipComparer.Instance);
        Assert.Equal(result.Keys.Select(k => $"{k.Table}({string.Join(",", k.Columns)})"), config.Keys.Select(k => $"{k.Table}({string.Join(",", k.Columns)})"));
        Assert.True(config.Entities.Matches("dbo.Student"));
        Assert.Equal(20_000, config.BatchSize);
        Assert.Equal(6, config.Parallelism);
    }

    [Fact]
    public void Rendered_config_never_contains_the_password()
    {
        var yaml = SampleConfigWriter.Render(Result(SampleProfile.Small, 2), Target);

        Assert.DoesNotContain("s3cr", yaml, StringComparison.Ordinal);
        Assert.Contains("Password=${FERRY_PG_PASSWORD}", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Tenants_are_derived_from_the_district_number()
    {
        var config = ConfigLoader.Parse(SampleConfigWriter.Render(Result(SampleProfile.Small, 12), Target), "m.yaml", Environment);

        Assert.Equal(Guid.Parse("6a1f7c1e-0000-4000-8000-000000000001"), config.District("d001").Tenant);
        Assert.Equal(Guid.Parse("6a1f7c1e-0000-4000-8000-000000000012"), config.District("d012").Tenant);
    }

    [Fact]
    public void Defaults_are_fifty_thousand_rows_and_four_workers()
    {
        var config = ConfigLoader.Parse(SampleConfigWriter.Render(Result(SampleProfile.Small, 1), Target), "m.yaml", Environment);

        Assert.Equal(50_000, config.BatchSize);
        Assert.Equal(4, config.Parallelism);
    }

    [Fact]
    public void Extra_lines_are_appended_verbatim()
    {
        var yaml = SampleConfigWriter.Render(Result(SampleProfile.Small, 1), Target, 1_000, 2, ["foreignKeys: immediate", "policies:", "  orphan: null"]);

        var config = ConfigLoader.Parse(yaml, "m.yaml", Environment);

        Assert.Equal(ForeignKeyMode.Immediate, config.ForeignKeys);
        Assert.Equal(Core.Quarantine.ProblemAction.Null, config.Policies.Orphan);
    }

    [Fact]
    public void A_password_reference_in_the_target_is_kept()
    {
        var yaml = SampleConfigWriter.Render(Result(SampleProfile.Small, 1), "Host=db;Database=target;Username=app;Password=${TARGET_PW}");

        var config = ConfigLoader.Parse(yaml, "m.yaml", n => n == "TARGET_PW" ? "t" : "s");

        Assert.Equal("Host=db;Database=target;Username=app;Password=t", config.Targets.Single().Connection);
    }

    [Fact]
    public void Reports_to_blob_storage_keep_the_connection_as_a_reference()
    {
        var yaml = SampleConfigWriter.Render(Result(SampleProfile.Small, 1), Target, reports: SampleReports.Blob("${FERRY_BLOB_CONNECTION}", "migration-reports"));

        var config = ConfigLoader.Parse(yaml, "m.yaml", n => n == "FERRY_BLOB_CONNECTION" ? "UseDevelopmentStorage=true" : "s");

        Assert.Contains("connection: \"${FERRY_BLOB_CONNECTION}\"", yaml, StringComparison.Ordinal);
        Assert.Equal("UseDevelopmentStorage=true", config.Reports.Connection);
        Assert.Equal("migration-reports", config.Reports.Container);
        Assert.Null(config.Reports.Directory);
    }

    [Fact]
    public void Reports_to_a_directory_name_only_the_directory()
    {
        var config = ConfigLoader.Parse(SampleConfigWriter.Render(Result(SampleProfile.Small, 1), Target, reports: SampleReports.InDirectory("reports")), "m.yaml", Environment);

        Assert.Equal("reports", config.Reports.Directory);
        Assert.Null(config.Reports.Connection);
    }

    [Fact]
    public void Without_reports_the_section_is_left_out()
    {
        var yaml = SampleConfigWriter.Render(Result(SampleProfile.Small, 1), Target);

        Assert.DoesNotContain("reports:", yaml, StringComparison.Ordinal);
        Assert.Same(ReportSettings.None, ConfigLoader.Parse(yaml, "m.yaml", Environment).Reports);
    }

    [Fact]
    public void District_ids_that_look_like_numbers_are_quoted_for_other_yaml_readers()
    {
        var result = Result(SampleProfile.Small, 1) with { Districts = [new SampleDistrict("001", "legacy_001", "Host=h;Database=legacy_001;Username=u;Password=p", 10)] };

        var yaml = SampleConfigWriter.Render(result, Target);

        Assert.Contains("- id: \"001\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal("001", ConfigLoader.Parse(yaml, "m.yaml", Environment).Districts.Single().Id);
    }

    private static string Target => $"Host=127.0.0.1;Port=55432;Database=target;Username=postgres;Password=\"{Secret.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static SampleResult Result(SampleProfile profile, int districts)
    {
        var catalog = SampleCatalog.For(profile);
        var list = Enumerable.Range(1, districts)
            .Select(n => new SampleDistrict($"d{n:D3}", $"legacy_d{n:D3}", $"Host=127.0.0.1;Port=55432;Database=legacy_d{n:D3};Username=postgres;Password=\"{Secret.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", 100))
            .ToList();
        return new SampleResult(list, catalog.Relationships, catalog.Keys, catalog.Tables.Count, 0);
    }

    private sealed class RelationshipComparer : IEqualityComparer<RelationshipSettings>
    {
        public static readonly RelationshipComparer Instance = new();

        public bool Equals(RelationshipSettings? x, RelationshipSettings? y) =>
            x is not null && y is not null && x.From == y.From && x.To == y.To
            && x.FromColumns.SequenceEqual(y.FromColumns) && x.ToColumns.SequenceEqual(y.ToColumns);

        public int GetHashCode(RelationshipSettings obj) => HashCode.Combine(obj.From, obj.To);
    }
}
