using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>
/// A load of many batches on the self-hosted host: dispatched in chains of batches, each batch still its own commit,
/// and finished by whichever of its work items commits last.
/// </summary>
public sealed class HostedBatchChainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The batches the distinct completed work items of an instance covered ("#3" one, "#3-6" four).</summary>
    internal const string CoveredBatches =
        "SELECT coalesce(sum(CASE WHEN split_part(work_item, '#', 2) LIKE '%-%' " +
        "THEN split_part(split_part(work_item, '#', 2), '-', 2)::int - split_part(split_part(work_item, '#', 2), '-', 1)::int + 1 ELSE 1 END), 0) " +
        "FROM (SELECT DISTINCT work_item FROM ferry.activity_event " +
        "WHERE instance_id LIKE $1 AND activity = 'FerryExecuteWorkV1' AND outcome = 'completed' AND work_item NOT LIKE '%bundle%') AS items";

    [Fact]
    public async Task Batches_of_a_large_load_run_in_chains_each_batch_committed_once_the_last_finishing_the_load_and_all_counted_in_the_status()
    {
        // 2,000 students in batches of 200: the attendance's 20 batches and the students' 10 outnumber twice a district's 2 slots.
        await using var m = await HostedMigration.CreateAsync("dchain_", districts: 1, students: 2000, batchSize: 200);
        m.StartHost();
        await m.WaitHealthyAsync();
        var id = await m.StartRunAsync(new { mode = "full" });
        var run = await m.WaitForAsync(id, Patience, "Completed", "Failed", "Terminated");
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());

        Assert.Equal(4, await m.ScalarAsync(
            "SELECT count(*) FROM ferry.activity_event WHERE instance_id LIKE $1 AND activity = 'FerryExecuteWorkV1' AND outcome = 'completed' AND work_item LIKE 'd001/dbo.Attendance#%-%'", id + "%"));
        var batches = await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND bundle_no IS NULL", id);
        Assert.Equal(batches, await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND bundle_no IS NULL AND state = 'done'", id));
        Assert.Equal(batches, await m.ScalarAsync(CoveredBatches, id + "%"));

        // Each load of several work items was finished by the last of them to commit, with no activity of its own.
        Assert.Equal(0, await m.ScalarAsync("SELECT count(*) FROM ferry.activity_event WHERE instance_id LIKE $1 AND activity = 'FerryFinishLoadV1'", id + "%"));
        Assert.Equal(0, await m.ScalarAsync("SELECT count(*) FROM ferry.load WHERE state <> 'loaded'"));

        var loaded = await m.ScalarAsync("SELECT sum(rows_loaded)::bigint FROM ferry.batch WHERE run_id = $1::uuid", id);
        var district = run.GetProperty("customStatus").GetProperty("districts").GetProperty("d001");
        Assert.Equal(loaded, district.GetProperty("rowsLoaded").GetInt64());
        Assert.All(run.GetProperty("output").GetProperty("Verifications").EnumerateArray(), v => Assert.True(v.GetProperty("HasParity").GetBoolean(), v.ToString()));
    }
}
