using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// A district lands once, under one tenant: after a load, a configuration that gives it another tenant or namespace,
/// or reaches another copy of its legacy database, is refused by run and verify (exit 2, one line, nothing written),
/// and a restored database is accepted only when the operator says so.
/// </summary>
public sealed class DistrictRegistrationTests : IAsyncLifetime
{
    private const string Tenant1 = "6a1f7c1e-0000-4000-8000-000000000001";
    private const string OtherTenant = "6a1f7c1e-0000-4000-8000-0000000000aa";
    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("registry", districts: 2, students: 40, batchSize: 50);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private string Valid => File.ReadAllText(_f.ConfigPath);

    private async Task<DmProcess.Result> DmAsync(string yaml, params string[] args)
    {
        var path = Path.Combine(_f.Directory, $"changed-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return await DmProcess.RunAsync(_f.Directory, [args[0], "--config", path, .. args[1..]]);
    }

    private async Task<long> RunsAsync() => await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.run");

    private static void AssertRefused(DmProcess.Result result, params string[] expected)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var e in expected)
        {
            Assert.Contains(e, line);
        }
    }

    [Fact]
    public async Task Another_tenant_for_a_loaded_district_is_refused_by_run_and_verify()
    {
        var yaml = Valid.Replace(Tenant1, OtherTenant);
        var runs = await RunsAsync();

        AssertRefused(await DmAsync(yaml, "run"), "district d001", Tenant1, OtherTenant);
        AssertRefused(await DmAsync(yaml, "verify"), "district d001", Tenant1, OtherTenant);
        Assert.Equal(runs, await RunsAsync());
        Assert.Equal(0, await MigrationFixture.CountAsync(_f.Target, $"SELECT count(*) FROM dbo.student WHERE tenant_id = '{OtherTenant}'"));
    }

    [Fact]
    public async Task Another_uuid_namespace_is_refused()
    {
        var config = _f.Config();
        var yaml = Valid.Replace(config.UuidNamespace.ToString(), "00000000-1111-4222-8333-444444444444");
        AssertRefused(await DmAsync(yaml, "run"), "uuidNamespace", config.UuidNamespace.ToString());
    }

    [Fact]
    public async Task One_legacy_database_as_two_districts_is_refused()
    {
        var yaml = Valid.Replace(_f.Districts[1].ConnectionString, _f.Districts[0].ConnectionString);
        AssertRefused(await DmAsync(yaml, "run"), "districts d001 and d002 name the same legacy database");
    }

    [Fact]
    public async Task A_restored_legacy_database_is_refused_until_accepted_then_recorded()
    {
        var restored = await RestoreAsNewCopyAsync(_f.Districts[0]);
        try
        {
            AssertRefused(await DmAsync(Valid, "run"), "district d001", "--accept-source-change d001");

            var accepted = await DmAsync(Valid, "run", "--accept-source-change", "d001");

            Assert.True(accepted.ExitCode == 0, accepted.Stderr);
            Assert.Contains("district d001: legacy database", accepted.Stdout + accepted.Stderr);
            Assert.Equal(1, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.district WHERE district_id = 'd001' AND previous_fingerprint IS NOT NULL"));
            Assert.Equal(0, (await DmAsync(Valid, "verify")).ExitCode);
        }
        finally
        {
            await restored.DisposeAsync();
        }
    }

    [Fact]
    public async Task Registration_records_tenant_namespace_and_fingerprint()
    {
        var config = _f.Config();
        Assert.Equal(
            $"d001|{Tenant1}|{config.UuidNamespace}|true",
            await _f.Target.ScalarAsync<string>("SELECT district_id || '|' || tenant_id || '|' || uuid_namespace || '|' || (source_fingerprint LIKE 'postgres:%/' || source_database) FROM ferry.district WHERE district_id = 'd001'"));
    }

    /// <summary>
    /// What a restore from backup does to a database's identity: same name, new database. The original is renamed
    /// aside and a copy takes its name; disposing the result drops the renamed original.
    /// </summary>
    private static async Task<TestDatabase> RestoreAsNewCopyAsync(TestDatabase original)
    {
        await using (var pooled = new NpgsqlConnection(original.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var aside = await TestDatabase.CreateAsync("registry_aside_");
        await using var server = new NpgsqlConnection(original.ServerConnectionString);
        await server.OpenAsync();
        foreach (var sql in new[]
        {
            $"DROP DATABASE \"{aside.Name}\"",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{original.Name}' AND pid <> pg_backend_pid()",
            $"ALTER DATABASE \"{original.Name}\" RENAME TO \"{aside.Name}\"",
            $"CREATE DATABASE \"{original.Name}\" TEMPLATE \"{aside.Name}\"",
        })
        {
            await using var command = new NpgsqlCommand(sql, server);
            await command.ExecuteNonQueryAsync();
        }

        return aside;
    }
}
