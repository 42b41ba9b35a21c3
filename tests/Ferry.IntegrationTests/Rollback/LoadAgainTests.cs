using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Rollback;

/// <summary>
/// After a rollback a district loads again from scratch: with the same UUIDs under the same tenant, or, once its last
/// run is rolled back and its registration cleared, under another tenant.
/// </summary>
public sealed class LoadAgainTests
{
    private const string OtherTenant = "6a1f7c1e-0000-4000-8000-0000000000aa";

    [Fact]
    public async Task After_rollback_a_run_loads_the_district_again_with_the_same_uuids()
    {
        await using var f = await MigrationFixture.CreateAsync("rbagain", districts: 2, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        var ids = await IdsAsync(f.Target, Tenant1);
        Assert.NotEmpty(ids);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString(), "--district", "d001")).ExitCode);
        Assert.Empty(await IdsAsync(f.Target, Tenant1));

        var again = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath, "--district", "d001");

        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Equal(ids, await IdsAsync(f.Target, Tenant1));
        Assert.DoesNotContain(run.RunId.ToString(), await f.Target.ScalarAsync<string>($"SELECT string_agg(DISTINCT run_id::text, ',') FROM ferry.load WHERE tenant_id = '{Tenant1}'"));
        var verify = await DmProcess.RunAsync(f.Directory, "verify", "--config", f.ConfigPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public async Task After_its_last_run_is_rolled_back_a_district_loads_under_another_tenant()
    {
        await using var f = await MigrationFixture.CreateAsync("rbtenant", districts: 2, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, run.Exit);
        var moved = Path.Combine(f.Directory, "moved.yaml");
        await File.WriteAllTextAsync(moved, (await File.ReadAllTextAsync(f.ConfigPath)).Replace(Tenant1, OtherTenant));
        Assert.Equal(2, (await DmProcess.RunAsync(f.Directory, "run", "--config", moved, "--district", "d001")).ExitCode);

        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString(), "--district", "d001")).ExitCode);
        var load = await DmProcess.RunAsync(f.Directory, "run", "--config", moved, "--district", "d001");

        Assert.True(load.ExitCode == 0, load.Stdout + load.Stderr);
        Assert.Equal(0, await RowsAsync(f.Target, Tenant1));
        Assert.Equal(f.StudentsOf(1), await f.Target.ScalarAsync<long>($"SELECT count(*) FROM dbo.student WHERE tenant_id = '{OtherTenant}'"));
        Assert.Equal(OtherTenant, await f.Target.ScalarAsync<string>("SELECT tenant_id::text FROM ferry.district WHERE district_id = 'd001'"));
    }
}
