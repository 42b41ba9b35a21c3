using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;

namespace Ferry.Core.Tests.Configuration;

/// <summary>Locking reads are refused unless the configuration accepts them, and then verification is required.</summary>
public class IsolationPolicyTests
{
    private const string Config = """
        target: { connection: "Host=x;Database=t" }
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - { id: d001, tenant: "6a1f7c1e-0000-4000-8000-000000000001", source: { provider: sqlserver, connection: "Server=a" } }
          - { id: d002, tenant: "6a1f7c1e-0000-4000-8000-000000000002", source: { provider: sqlserver, connection: "Server=b", isolation: locking } }
          - { id: d003, tenant: "6a1f7c1e-0000-4000-8000-000000000003", source: { provider: sqlserver, connection: "Server=c", isolation: snapshot } }
        """;

    private static DistrictSettings District(string id) => ConfigLoader.Parse(Config, "migration.yaml", _ => null).District(id);

    [Fact]
    public void Isolation_is_read_from_the_source_and_defaults_to_snapshot()
    {
        Assert.Equal(
            [SourceIsolation.Snapshot, SourceIsolation.Locking, SourceIsolation.Snapshot],
            new[] { "d001", "d002", "d003" }.Select(id => District(id).Source.Isolation));
    }

    [Fact]
    public void Unknown_isolation_is_an_error_naming_the_district()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Config.Replace("isolation: locking", "isolation: dirty"), "migration.yaml", _ => null));

        Assert.Contains("district d002: source.isolation: 'dirty' is not one of snapshot, locking", error.Message);
    }

    [Theory]
    [InlineData(ReadConsistency.Snapshot)]
    [InlineData(ReadConsistency.StatementSnapshot)]
    public void Consistent_reads_pass_without_a_word(ReadConsistency consistency)
    {
        Assert.Null(IsolationPolicy.Check(District("d001"), consistency));
        Assert.Null(IsolationPolicy.Check(District("d002"), consistency));
    }

    [Fact]
    public void Locking_reads_are_refused_in_one_line_unless_accepted()
    {
        var error = Assert.Throws<ConfigException>(() => IsolationPolicy.Check(District("d001"), ReadConsistency.Locking));

        Assert.StartsWith("district d001: the source database has neither ALLOW_SNAPSHOT_ISOLATION nor READ_COMMITTED_SNAPSHOT on", error.Message);
        Assert.Contains("source.isolation: locking", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Accepted_locking_reads_say_that_verification_is_required()
    {
        var line = IsolationPolicy.Check(District("d002"), ReadConsistency.Locking);

        Assert.NotNull(line);
        Assert.StartsWith("district d002: reading with locking READ COMMITTED", line);
        Assert.Contains("run dm verify after the load, it is required", line);
    }
}
