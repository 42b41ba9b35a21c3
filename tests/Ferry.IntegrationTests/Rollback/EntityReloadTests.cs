using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Rollback;

/// <summary>
/// dm run --entity PATTERN --reload deletes a tenant's rows of the entities (kept as before-images of the run) and
/// loads them again with the same UUIDs; it refuses while a loaded child outside the pattern references them.
/// </summary>
public sealed class EntityReloadTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private Guid _firstRun;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("reload", districts: 2, students: 300, batchSize: 50);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, run.Exit);
        _firstRun = run.RunId;
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Reload_of_a_parent_with_loaded_children_refuses_naming_them()
    {
        var everything = await EverythingAsync(_f.Target);

        var reload = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath, "--district", "d001", "--entity", "dbo.Student", "--reload");

        Assert.Equal(2, reload.ExitCode);
        var line = Assert.Single(reload.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("dbo.StudentSchoolAssociation", line);
        Assert.Contains("dbo.Attendance", line);
        Assert.Equal(everything, await EverythingAsync(_f.Target));
    }

    [Fact]
    public async Task Reload_of_a_leaf_entity_loads_it_again_with_the_same_uuids_and_rolling_that_run_back_restores_the_rows_it_replaced()
    {
        const string Rows = "SELECT string_agg(t::text, E'\\n' ORDER BY t.id) FROM dbo.attendance t WHERE tenant_id = '" + Tenant1 + "'";
        const string Quarantine = "SELECT string_agg(q::text, E'\\n' ORDER BY q.quarantine_id) FROM ferry.quarantine q WHERE tenant_id = '" + Tenant1 + "' AND entity = 'dbo.Attendance'";
        var rows = await _f.Target.ScalarAsync<string>(Rows);
        var quarantine = await _f.Target.ScalarAsync<string>(Quarantine);
        var others = await OtherTenantsAsync(_f.Target, Tenant1);
        var loaded = await _f.Target.ScalarAsync<long>($"SELECT count(*) FROM dbo.attendance WHERE tenant_id = '{Tenant1}'");

        var reload = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath, "--district", "d001", "--entity", "dbo.Attendance", "--reload");

        Assert.True(reload.ExitCode == 0, reload.Stdout + reload.Stderr);
        var reloadRun = await _f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run WHERE kind = 'run' ORDER BY started_at DESC LIMIT 1");
        Assert.NotEqual(_firstRun, reloadRun);
        Assert.Equal(rows, await _f.Target.ScalarAsync<string>(Rows));
        Assert.Equal(reloadRun, await _f.Target.ScalarAsync<Guid>($"SELECT run_id FROM ferry.load WHERE tenant_id = '{Tenant1}' AND entity = 'dbo.Attendance'"));
        Assert.Equal(_firstRun, await _f.Target.ScalarAsync<Guid>($"SELECT run_id FROM ferry.load WHERE tenant_id = '{Tenant1}' AND entity = 'dbo.Student'"));
        Assert.Equal(loaded, await _f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.before_image WHERE run_id = '{reloadRun}' AND relation = '\"dbo\".\"attendance\"'"));
        Assert.Equal(others, await OtherTenantsAsync(_f.Target, Tenant1));

        var rollback = await DmProcess.RunAsync(_f.Directory, "rollback", "--config", _f.ConfigPath, "--run", reloadRun.ToString());

        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        Assert.Equal(rows, await _f.Target.ScalarAsync<string>(Rows));
        Assert.Equal(quarantine, await _f.Target.ScalarAsync<string>(Quarantine));
        Assert.Equal(_firstRun, await _f.Target.ScalarAsync<Guid>($"SELECT run_id FROM ferry.load WHERE tenant_id = '{Tenant1}' AND entity = 'dbo.Attendance'"));
        Assert.Equal(0, await _f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.before_image"));
        Assert.Equal(others, await OtherTenantsAsync(_f.Target, Tenant1));
        Assert.Equal(0, (await DmProcess.RunAsync(_f.Directory, "verify", "--config", _f.ConfigPath)).ExitCode);
    }
}
