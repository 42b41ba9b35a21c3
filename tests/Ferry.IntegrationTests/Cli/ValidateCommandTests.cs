using Ferry.IntegrationTests.Engine;
using Npgsql;

namespace Ferry.IntegrationTests.Cli;

/// <summary>
/// <c>dm validate</c> checks what can be checked without loading and lists every problem at once, one line each,
/// exit 2; or says ready, exit 0. It writes nothing to the target.
/// </summary>
public sealed class ValidateCommandTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;

    public async Task InitializeAsync() => _f = await MigrationFixture.CreateAsync("validate", districts: 2, students: 40);

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private Task<DmProcess.Result> ValidateAsync(string? config = null) => DmProcess.RunAsync(_f.Directory, "validate", "--config", config ?? _f.ConfigPath);

    private async Task<string> WriteAsync(string yaml)
    {
        var path = Path.Combine(_f.Directory, $"validate-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertNotReady(DmProcess.Result result, int problems)
    {
        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"error: not ready: {problems} problem(s); 2 district(s), 7 entities, 1 target database(s) checked in ", line);
        Assert.Equal(problems, Lines(result.Stdout).Count(l => !l.StartsWith("note: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Before_scaffolding_the_missing_target_tables_are_one_problem_and_nothing_is_written()
    {
        var empty = await _f.NewTargetAsync("validate_empty_");
        var config = _f.WriteConfig(empty, 100, name: "empty-target.yaml");

        var result = await ValidateAsync(config);

        AssertNotReady(result, 1);
        Assert.Contains($"target default: 7 of 7 mapped table(s) do not exist (dbo.attendance, dbo.attendance_event, dbo.legacy_import, dbo.school, dbo.staff and 2 more): run `dm scaffold --config {config} --apply`", result.Stdout);
        Assert.Equal(0, await MigrationFixture.CountAsync(empty, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('ferry', 'dbo')"));
    }

    [Fact]
    public async Task A_scaffolded_configuration_is_ready_and_says_what_it_checked()
    {
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));

        var result = await ValidateAsync();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"^ready: 2 district\(s\), 7 entities, 1 target database\(s\) checked in \d+\.\d s$", Lines(result.Stdout)[^1]);
        Assert.Contains("note: ", result.Stdout);
        Assert.Contains("no reports: section", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once_one_line_each()
    {
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
        var blocked = Path.Combine(_f.Directory, "blocked");
        await File.WriteAllTextAsync(blocked, "a file where the reports folder should be");
        await _f.Districts[1].ExecuteAsync("ALTER TABLE dbo.\"Student\" ALTER COLUMN \"FirstName\" TYPE character varying(80)");
        await _f.Districts[1].ExecuteAsync("ALTER TABLE dbo.\"LegacyImport\" DROP COLUMN \"BirthDateText\"");
        await _f.Target.ExecuteAsync("ALTER TABLE dbo.staff ALTER COLUMN last_name TYPE text");
        try
        {
            var config = await WriteAsync(File.ReadAllText(_f.ConfigPath) + "reports: { directory: blocked/reports }\n");

            var result = await ValidateAsync(config);

            AssertNotReady(result, 4);
            Assert.Contains("district d002: column dbo.Student.FirstName maps to varchar(80) here, which does not fit varchar(50) as mapped from district d001", result.Stdout);
            Assert.Contains("district d002: column dbo.LegacyImport.BirthDateText is missing", result.Stdout);
            Assert.Contains("target default: table dbo.staff, column last_name: the mapping says varchar(50), the target holds text", result.Stdout);
            Assert.Contains($"reports: reports directory {blocked}/reports: ", result.Stdout);
        }
        finally
        {
            await _f.Districts[1].ExecuteAsync("ALTER TABLE dbo.\"Student\" ALTER COLUMN \"FirstName\" TYPE character varying(50)");
            await _f.Districts[1].ExecuteAsync("ALTER TABLE dbo.\"LegacyImport\" ADD COLUMN \"BirthDateText\" character varying(20)");
            await _f.Target.ExecuteAsync("ALTER TABLE dbo.staff ALTER COLUMN last_name TYPE character varying(50)");
        }
    }

    [Fact]
    public async Task A_login_that_cannot_read_and_an_unreachable_target_are_named_without_a_password()
    {
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
        var role = "validate_reader_" + Guid.NewGuid().ToString("N")[..8];
        await _f.Districts[1].ExecuteAsync(
            $"CREATE ROLE {role} LOGIN PASSWORD 'reader-secret'; GRANT USAGE ON SCHEMA dbo TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA dbo TO {role}; REVOKE SELECT ON dbo.\"Attendance\" FROM {role}");
        try
        {
            var reader = new NpgsqlConnectionStringBuilder(_f.Districts[1].ConnectionString) { Username = role, Password = "reader-secret" }.ConnectionString;
            var unreachable = new NpgsqlConnectionStringBuilder(_f.Target.ConnectionString) { Port = 1 }.ConnectionString;
            var config = await WriteAsync(File.ReadAllText(_f.ConfigPath)
                .Replace(_f.Districts[1].ConnectionString, reader, StringComparison.Ordinal)
                .Replace(_f.Target.ConnectionString, unreachable, StringComparison.Ordinal));

            var result = await ValidateAsync(config);

            AssertNotReady(result, 2);
            Assert.Contains("district d002: the login cannot read 1 table(s) in scope, nothing was loaded: dbo.Attendance (no SELECT)", result.Stdout);
            Assert.Contains("cannot open target default 127.0.0.1:1/", result.Stdout);
            Assert.DoesNotContain("reader-secret", result.Stdout + result.Stderr);
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(_f.Target.ConnectionString).Password!, result.Stdout + result.Stderr);
        }
        finally
        {
            await _f.Districts[1].ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task An_unreachable_first_district_is_the_problem_and_what_it_prevented_checking_is_a_note()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_f.Districts[0].ConnectionString) { Port = 1 }.ConnectionString;
        var config = await WriteAsync(File.ReadAllText(_f.ConfigPath).Replace(_f.Districts[0].ConnectionString, unreachable, StringComparison.Ordinal));

        var result = await ValidateAsync(config);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("district d001: cannot open PostgreSQL source 127.0.0.1:1/", Lines(result.Stdout)[0]);
        Assert.Contains($"note: {config}: the mapping follows district d001's schema, which could not be read: schemas and target tables were not checked", result.Stdout);
        Assert.StartsWith("error: not ready: 1 problem(s); 2 district(s), 0 entities", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public async Task A_district_loaded_under_another_tenant_is_named()
    {
        var loaded = _f.Config();
        await MigrationFixture.ScaffoldAsync(loaded, Path.Combine(_f.Directory, "scaffold"));
        await MigrationFixture.RunAsync(loaded, entities: ["dbo.School"]);
        var config = await WriteAsync(File.ReadAllText(_f.ConfigPath).Replace("6a1f7c1e-0000-4000-8000-000000000001", "6a1f7c1e-0000-4000-8000-000000000099", StringComparison.Ordinal));

        var result = await ValidateAsync(config);

        AssertNotReady(result, 1);
        Assert.Contains("district d001 was loaded under tenant 6a1f7c1e-0000-4000-8000-000000000001, the configuration gives tenant 6a1f7c1e-0000-4000-8000-000000000099", result.Stdout);
    }
}
