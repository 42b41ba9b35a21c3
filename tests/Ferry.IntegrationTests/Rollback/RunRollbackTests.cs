using System.Text.Json;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Rollback;

/// <summary>
/// dm rollback undoes a run for all or some of its districts, children before parents (the school-staff cycle and the
/// staff self-reference included) with every foreign key in place, and never touches another tenant's rows.
/// </summary>
public sealed class RunRollbackTests
{
    [Fact]
    public async Task Rollback_of_a_full_run_leaves_nothing_of_it_and_the_districts_not_loaded()
    {
        await using var f = await MigrationFixture.CreateAsync("rbfull", districts: 2, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, run.Exit);
        var constraints = await f.Target.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE connamespace = 'dbo'::regnamespace AND contype IN ('f', 'p')");

        var rollback = await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString());

        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        foreach (var tenant in new[] { Tenant1, Tenant2 })
        {
            Assert.Equal(0, await RowsAsync(f.Target, tenant));
            Assert.Equal(0, await BookkeepingAsync(f.Target, tenant));
        }

        Assert.Equal("rolled_back", await f.Target.ScalarAsync<string>($"SELECT state FROM ferry.run WHERE run_id = '{run.RunId}'"));
        Assert.Equal(2, await f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.run_district WHERE run_id = '{run.RunId}' AND state = 'rolled_back'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.district"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.lease"));
        Assert.Equal(constraints, await f.Target.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE connamespace = 'dbo'::regnamespace AND contype IN ('f', 'p') AND convalidated"));

        // Verify finds no target row of either tenant; status shows every entity of both districts not loaded.
        var verify = await DmProcess.RunAsync(f.Directory, "verify", "--config", f.ConfigPath);
        Assert.True(verify.ExitCode == 1, verify.Stdout + verify.Stderr);
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT sum(target_rows) FROM ferry.verify_entity"));
        Assert.True(await f.Target.ScalarAsync<long>("SELECT sum(source_rows) FROM ferry.verify_entity") > 0);
        var status = await DmProcess.RunAsync(f.Directory, "status", "--config", f.ConfigPath, "--json");
        using var json = JsonDocument.Parse(status.Stdout);
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(2 * DistrictSchema.Counts(200).Count, entities.Count);
        Assert.All(entities, e => Assert.Equal("not started", e.GetProperty("state").GetString()));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Contains(runs, r => r.GetProperty("kind").GetString() == "rollback" && r.GetProperty("rollbackOf").GetString() == run.RunId.ToString());
    }

    [Fact]
    public async Task Rollback_of_one_district_of_three_leaves_the_other_tenants_byte_identical()
    {
        await using var f = await MigrationFixture.CreateAsync("rbone", districts: 3, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, run.Exit);
        Assert.True(await RowsAsync(f.Target, Tenant2) > 0);
        var before = await OtherTenantsAsync(f.Target, Tenant2);

        var rollback = await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString(), "--district", "d002");

        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        var after = await OtherTenantsAsync(f.Target, Tenant2);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Contains("dbo.student", before.Keys);
        Assert.Contains("ferry.quarantine", before.Keys);
        foreach (var (table, digest) in before)
        {
            Assert.True(digest == after[table], $"{table}: the other tenants' rows changed");
        }

        Assert.Equal(0, await RowsAsync(f.Target, Tenant2));
        Assert.Equal(0, await BookkeepingAsync(f.Target, Tenant2));
        Assert.Equal("completed", await f.Target.ScalarAsync<string>($"SELECT state FROM ferry.run WHERE run_id = '{run.RunId}'"));
        Assert.Equal("d002", await f.Target.ScalarAsync<string>($"SELECT string_agg(district_id, ',') FROM ferry.run_district WHERE run_id = '{run.RunId}' AND state = 'rolled_back'"));
        Assert.Equal("d001,d003", await f.Target.ScalarAsync<string>("SELECT string_agg(district_id, ',' ORDER BY district_id) FROM ferry.district"));
    }

    [Fact]
    public async Task Rollback_with_a_later_run_present_refuses_without_cascade_and_succeeds_with_it()
    {
        await using var f = await MigrationFixture.CreateAsync("rblater", districts: 2, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var first = await MigrationFixture.RunAsync(config, entities: ["dbo.School", "dbo.Staff", "dbo.Student"]);
        var later = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, first.Exit);
        Assert.Equal(RunExit.Completed, later.Exit);
        var everything = await EverythingAsync(f.Target);

        var refused = await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", first.RunId.ToString(), "--district", "d001");

        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(later.RunId.ToString(), line);
        Assert.Contains("--cascade", line);
        Assert.Equal(everything, await EverythingAsync(f.Target));

        var before = await OtherTenantsAsync(f.Target, Tenant1);
        var cascade = await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", first.RunId.ToString(), "--district", "d001", "--cascade");

        Assert.True(cascade.ExitCode == 0, cascade.Stdout + cascade.Stderr);
        Assert.Equal(0, await RowsAsync(f.Target, Tenant1));
        Assert.Equal(0, await BookkeepingAsync(f.Target, Tenant1));
        Assert.Equal(before, await OtherTenantsAsync(f.Target, Tenant1));
        Assert.Equal(2, await f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.run_district WHERE district_id = 'd001' AND state = 'rolled_back' AND run_id IN ('{first.RunId}', '{later.RunId}')"));
    }

    [Fact]
    public async Task Dry_run_prints_what_would_be_deleted_and_writes_nothing()
    {
        await using var f = await MigrationFixture.CreateAsync("rbdry", districts: 2, students: 200, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        var students = await f.Target.ScalarAsync<long>($"SELECT count(*) FROM dbo.student WHERE tenant_id = '{Tenant1}'");
        var everything = await EverythingAsync(f.Target);

        var dry = await DmProcess.RunAsync(f.Directory, "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString(), "--district", "d001", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains($"d001 dbo.Student: would delete {students:N0}, restore 0", dry.Stdout);
        Assert.Contains($"d001 total: would delete {await RowsAsync(f.Target, Tenant1):N0}, restore 0", dry.Stdout);
        Assert.DoesNotContain("d002", dry.Stdout);
        Assert.Equal(everything, await EverythingAsync(f.Target));
    }
}
