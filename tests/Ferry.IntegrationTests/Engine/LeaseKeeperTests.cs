using Ferry.Engine.Work;
using Ferry.IntegrationTests.Support;
using Ferry.Postgres.Control;
using Npgsql;

namespace Ferry.IntegrationTests.Engine;

/// <summary>The renewal of a run's lease by a worker: held is yes or no, so one release stops it whatever took it.</summary>
public sealed class LeaseKeeperTests
{
    [Fact]
    public async Task A_lease_taken_by_work_items_starting_side_by_side_stops_being_renewed_at_the_first_release()
    {
        await using var db = await TestDatabase.CreateAsync("leasekeeper_");
        await using var target = NpgsqlDataSource.Create(db.ConnectionString);
        await ControlSchema.EnsureAsync(target, CancellationToken.None);
        var runId = Guid.CreateVersion7();
        await using var keeper = new LeaseKeeper([target], TimeSpan.FromSeconds(2));

        // Two work items of the run start at once, each before the other has the lease recorded as held.
        await Task.WhenAll(keeper.HoldAsync(runId, CancellationToken.None), keeper.HoldAsync(runId, CancellationToken.None));
        // Past the time to live: only renewals keep it live (a busy machine may delay a beat, not three).
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await LiveAsync(db, runId), "the lease was not renewed while held");

        // The worker has no work of the run left in flight: one release, and the lease lapses within its time to live.
        keeper.Release(runId);
        Assert.False(keeper.Holds(runId));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.False(await LiveAsync(db, runId), "the lease is still renewed after the release");
    }

    private static async Task<bool> LiveAsync(TestDatabase db, Guid runId) =>
        await db.ScalarAsync<bool>($"SELECT expires_at > now() FROM ferry.lease WHERE kind = 'run' AND key = '{runId}'");
}
