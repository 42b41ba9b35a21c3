using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary><c>dm delta enable|disable</c> on the stand-in: statements printed, run only with --apply, idempotent, and undone by disable.</summary>
public sealed class ChangeCaptureSetupTests
{
    [Fact]
    public async Task Enable_prints_its_statements_runs_them_only_with_apply_and_disable_removes_them()
    {
        await using var f = await MigrationFixture.CreateAsync("dsetup", districts: 1, students: 50, batchSize: 50);
        await MigrationFixture.ScaffoldAsync(f.Config(), Path.Combine(f.Directory, "scaffold"));
        const string Installed = "SELECT count(*) FROM pg_trigger WHERE tgname = 'ferry_capture'";

        var printed = await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath);

        Assert.Contains("CREATE OR REPLACE TRIGGER ferry_capture AFTER INSERT OR UPDATE OR DELETE ON \"dbo\".\"Student\"", printed.Stdout);
        Assert.Contains("-- not run", printed.Stdout);
        Assert.Contains("-- diff-based deltas (no primary key that is the entity's key, so change capture cannot follow them): dbo.AttendanceEvent", printed.Stdout);
        Assert.DoesNotContain("ON \"dbo\".\"AttendanceEvent\"", printed.Stdout);
        Assert.Equal(0, await f.Districts[0].ScalarAsync<long>(Installed));

        await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
        await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
        // Every table but the keyless one, whose deltas are diff-based.
        Assert.Equal(6, await f.Districts[0].ScalarAsync<long>(Installed));
        Assert.Equal(0, await f.Districts[0].ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'ferry_capture%' AND tgrelid = 'dbo.\"AttendanceEvent\"'::regclass"));
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'x' WHERE "StudentId" = 1""");
        Assert.Equal("{\"StudentId\": 1}", await f.Districts[0].ScalarAsync<string>("SELECT key::text FROM ferry_capture.change_log"));
        Assert.True(await f.Target.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname = 'ferry_foreign_write'") > 0);
        var schema = await Ferry.Engine.Running.MigrationContext.IntrospectAsync(f.Config().Districts[0], CancellationToken.None);
        Assert.DoesNotContain(schema.Tables, t => t.Name.Schema == "ferry_capture");

        await DmAsync(f, 0, "delta", "disable", "--config", f.ConfigPath, "--apply");

        Assert.Equal(0, await f.Districts[0].ScalarAsync<long>(Installed));
        Assert.Null(await f.Districts[0].ScalarAsync<string>("SELECT to_regclass('ferry_capture.change_log')::text"));
    }
}
