using Ferry.IntegrationTests.Cli;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>The end of the transition: cut-over (final delta, verify, refuse later deltas) and the purge of kept personal data.</summary>
public sealed class CutOverAndPurgeTests
{
    [Fact]
    public async Task Cutover_applies_the_final_delta_verifies_and_refuses_later_deltas()
    {
        await using var f = await LoadedAsync("dcut");
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Final' WHERE "StudentId" = 9""");

        var cut = await DmAsync(f, 0, "cutover", "--config", f.ConfigPath, "--district", "d001");

        Assert.Contains("cut over at", cut.Stdout);
        Assert.Equal("Final", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 9"));
        var position = await f.Target.ScalarAsync<string>("SELECT position FROM ferry.cutover");
        Assert.Contains($"change position {position}", cut.Stdout);
        var later = await DmAsync(f, 2, "delta", "--config", f.ConfigPath);
        Assert.Contains("was cut over", later.Stderr);
    }

    [Fact]
    public async Task Cutover_fails_when_a_change_arrives_during_its_final_verification()
    {
        await using var f = await LoadedAsync("dcutbusy", students: 2000);
        using var writes = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !writes.IsCancellationRequested; i++)
            {
                await f.Districts[0].ExecuteAsync($"""UPDATE dbo."Student" SET "Notes" = 'write {i}' WHERE "StudentId" = 11""");
                await Task.Delay(20);
            }
        });
        DmProcess.Result cut;
        try
        {
            cut = await DmProcess.RunAsync(f.Directory, "cutover", "--config", f.ConfigPath, "--district", "d001");
        }
        finally
        {
            await writes.CancelAsync();
            await writer;
        }

        Assert.True(cut.ExitCode == 3, cut.Stdout + cut.Stderr);
        Assert.Contains("a change reached the legacy database during the final verification", cut.Stderr);
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.cutover"));
        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Purge_is_refused_before_cutover_and_afterwards_removes_what_it_reports()
    {
        await using var f = await LoadedAsync("dpurge");
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Kept as an image' WHERE "StudentId" = 9""");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await DmAsync(f, 2, "purge", "--config", f.ConfigPath, "--district", "d001", "--before", tomorrow);
        Assert.Contains("not cut over", refused.Stderr);
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.purge"));

        await DmAsync(f, 0, "cutover", "--config", f.ConfigPath, "--district", "d001");
        var quarantined = await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine");
        var images = await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.before_image");
        Assert.True(quarantined > 0 && images > 0);

        var purge = await DmAsync(f, 0, "purge", "--config", f.ConfigPath, "--district", "d001", "--before", tomorrow);

        Assert.Contains($"quarantine: {quarantined:N0} row(s) purged", purge.Stdout);
        Assert.Contains($"before_image: {images:N0} row(s) purged", purge.Stdout);
        Assert.Equal(quarantined, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE row = '{}'::jsonb"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.before_image"));
        Assert.Equal(0, await f.Districts[0].ScalarAsync<long>("SELECT count(*) FROM ferry_capture.change_log"));
        Assert.Equal(quarantined, await f.Target.ScalarAsync<long>("SELECT (summary->'Kinds'->'quarantine'->>'Rows')::bigint FROM ferry.purge"));
        var status = await DmAsync(f, 0, "status", "--config", f.ConfigPath);
        Assert.Contains("purge d001", status.Stdout);
    }
}
