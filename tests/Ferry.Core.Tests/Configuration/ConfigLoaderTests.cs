using Ferry.Core.Configuration;
using Ferry.Core.Quarantine;

namespace Ferry.Core.Tests.Configuration;

public class ConfigLoaderTests
{
    private const string Valid = """
        target:
          connection: "Host=127.0.0.1;Port=55432;Database=target;Username=postgres;Password=${TARGET_PASSWORD}"
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - id: d001
            tenant: "6a1f7c1e-0000-4000-8000-000000000001"
            source: { provider: postgres, connection: "Host=127.0.0.1;Database=legacy_d001" }
          - id: d002
            tenant: "6a1f7c1e-0000-4000-8000-000000000002"
            source: { provider: sqlserver, connection: "Server=legacy;Database=d002" }
        entities: { include: ["dbo.*"], exclude: ["dbo.Audit*"] }
        relationships:
          - { from: "dbo.Attendance(StudentId)", to: "dbo.Student(StudentId)" }
        keys:
          - "dbo.AttendanceEvent(StudentId, EventDate)"
        batchSize: 50000
        parallelism: 4
        """;

    private static string? Env(string name) => name == "TARGET_PASSWORD" ? "s3cret" : null;

    private static MigrationConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "migration.yaml", Env);

    private static string ErrorOf(string yaml) => Assert.Throws<ConfigException>(() => Parse(yaml)).Message;

    [Fact]
    public void Valid_configuration_loads_every_section()
    {
        var config = Parse(Valid);
        Assert.Equal("Host=127.0.0.1;Port=55432;Database=target;Username=postgres;Password=s3cret", config.Targets.Single().Connection);
        Assert.Equal(["d001", "d002"], config.Districts.Select(d => d.Id));
        Assert.Equal("sqlserver", config.Districts[1].Source.Provider);
        Assert.True(config.Entities.Matches("dbo.Student"));
        Assert.False(config.Entities.Matches("dbo.AuditLog"));
        Assert.Equal(["StudentId"], config.Relationships.Single().FromColumns);
        Assert.Equal(["StudentId", "EventDate"], config.Keys.Single().Columns);
        Assert.Equal(50_000, config.BatchSize);
    }

    [Fact]
    public void Conflicts_policy_defaults_to_report_and_accepts_legacy_wins()
    {
        Assert.Equal(ConflictPolicy.Report, Parse(Valid).Conflicts);
        Assert.Equal(ConflictPolicy.LegacyWins, Parse(Valid + "\nconflicts: legacy-wins\n").Conflicts);
        Assert.Contains("conflicts: 'mine' is not one of report, legacy-wins", ErrorOf(Valid + "\nconflicts: mine\n"));
    }

    [Fact]
    public void Unknown_key_is_an_error_naming_key_and_line()
    {
        var message = ErrorOf(Valid + "\nbatchsize: 10");
        Assert.Contains("migration.yaml:", message);
        Assert.Contains("unknown key 'batchsize'", message);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        var message = ErrorOf("target: [unclosed\nuuidNamespace: x");
        Assert.StartsWith("migration.yaml:", message);
        Assert.Contains("malformed YAML", message);
    }

    [Fact]
    public void Tenant_that_is_not_a_uuid_names_the_district()
    {
        var message = ErrorOf(Valid.Replace("6a1f7c1e-0000-4000-8000-000000000002", "tenant-two"));
        Assert.Contains("district d002", message);
        Assert.Contains("'tenant-two' is not a UUID", message);
    }

    [Fact]
    public void Duplicate_district_id_is_an_error()
    {
        Assert.Contains("duplicate district id 'd001'", ErrorOf(Valid.Replace("id: d002", "id: d001")));
    }

    [Fact]
    public void Unknown_provider_names_the_district()
    {
        var message = ErrorOf(Valid.Replace("provider: sqlserver", "provider: oracle"));
        Assert.Contains("district d002: unknown provider 'oracle'", message);
    }

    [Fact]
    public void Missing_environment_variable_is_named()
    {
        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Valid, "migration.yaml", _ => null)).Message;
        Assert.Contains("environment variable TARGET_PASSWORD is not set", message);
    }

    [Fact]
    public void Missing_required_key_is_named()
    {
        Assert.Contains("missing required key 'uuidNamespace'", ErrorOf(Valid.Replace("uuidNamespace:", "# uuidNamespace:")));
    }

    [Fact]
    public void Named_targets_route_entities_by_pattern()
    {
        var yaml = Valid.Replace(
            "target:\n  connection: \"Host=127.0.0.1;Port=55432;Database=target;Username=postgres;Password=${TARGET_PASSWORD}\"",
            "target:\n  sis: { connection: \"Host=a;Database=sis\", entities: [\"dbo.Student*\", \"dbo.School\"] }\n  assessment: { connection: \"Host=a;Database=asmt\", entities: [\"dbo.Assessment*\", \"*\"] }");
        var config = Parse(yaml);
        Assert.Equal("sis", config.TargetFor("dbo.StudentSchoolAssociation").Name);
        Assert.Equal("assessment", config.TargetFor("dbo.AssessmentItem").Name);
        Assert.Equal("assessment", config.TargetFor("dbo.Calendar").Name);
    }

    [Fact]
    public void Policies_are_read_and_checked()
    {
        var config = Parse(Valid + "\npolicies: { orphan: null, nul: reject, sentinelDate: null, sentinelDates: [\"1900-01-01\"] }");
        Assert.Equal(ProblemAction.Null, config.Policies.Orphan);
        Assert.Equal(ProblemAction.Reject, config.Policies.Nul);
        Assert.Equal([new DateOnly(1900, 1, 1)], config.Policies.SentinelDates);
        Assert.Contains("policies.nul: 'maybe' is not one of strip, reject", ErrorOf(Valid + "\npolicies: { nul: maybe }"));
    }

    [Fact]
    public void Relationship_with_unequal_column_counts_is_an_error()
    {
        var message = ErrorOf(Valid.Replace("dbo.Student(StudentId)", "dbo.Student(StudentId, SchoolId)"));
        Assert.Contains("1 column(s) on one side, 2 on the other", message);
    }

    [Fact]
    public void Batch_size_out_of_range_is_an_error()
    {
        Assert.Contains("batchSize: '0' is not a whole number", ErrorOf(Valid.Replace("batchSize: 50000", "batchSize: 0")));
    }

    [Fact]
    public void Connection_strings_are_redacted_for_display()
    {
        var redacted = ConnectionStrings.Redact("Host=a;Password=s3cret;Username=u");
        Assert.DoesNotContain("s3cret", redacted);
        Assert.Equal("a/db", ConnectionStrings.Describe("Host=a;Database=db;Password=s3cret"));
    }

    [Fact]
    public void A_directory_is_not_a_configuration_file()
    {
        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Path.GetTempPath())).Message;
        Assert.Contains("is a directory", message);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_named_with_the_reason()
    {
        var path = Path.GetTempFileName();
        try
        {
            var message = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, null, _ => throw new UnauthorizedAccessException("Access to the path is denied."))).Message;
            Assert.Equal($"{path}: cannot be read: Access to the path is denied.", message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x74, 0x61, 0x72, 0xff, 0xfe, 0x0a]);
            Assert.Equal($"{path}: is not UTF-8 text", Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
