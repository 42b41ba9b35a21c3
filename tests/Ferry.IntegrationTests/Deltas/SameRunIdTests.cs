using Ferry.Core.Deltas;
using Ferry.Engine.Deltas;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>
/// A delta started again under the run id it already has (the durable host derives it from the instance id, so a
/// start delivered twice or an instance started again reuses it): nothing is applied twice, whatever the order.
/// </summary>
public sealed class SameRunIdTests
{
    private const string FirstChange = """UPDATE dbo."Student" SET "FirstName" = 'First change' WHERE "StudentId" = 3""";
    private const string SecondChange = """UPDATE dbo."Student" SET "FirstName" = 'Second change' WHERE "StudentId" = 4""";

    [Fact]
    public async Task Delta_started_again_with_its_run_id_after_it_completed_applies_nothing_new()
    {
        await using var f = await LoadedAsync("dsameid");
        var runId = Guid.NewGuid();
        await f.Districts[0].ExecuteAsync(FirstChange);
        var first = await DeltaAsync(f, runId);
        await f.Districts[0].ExecuteAsync(SecondChange);
        var before = await TargetRowsAsync(f.Target);

        var again = await DeltaAsync(f, runId);

        Assert.False(first.AlreadyApplied);
        Assert.True(again.AlreadyApplied);
        Assert.Equal((first.From, first.To, first.Upserted), (again.From, again.To, again.Upserted));
        Assert.Equal(before, await TargetRowsAsync(f.Target));
        Assert.Equal(1, await f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.delta_applied WHERE run_id = '{runId}'"));
        Assert.Equal("completed", await f.Target.ScalarAsync<string>($"SELECT state FROM ferry.run WHERE run_id = '{runId}'"));

        // The change that arrived meanwhile belongs to the next run.
        var next = await DeltaAsync(f, Guid.NewGuid());
        Assert.Equal(1, next.Upserted);
        Assert.Equal("Second change", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 4"));
    }

    [Fact]
    public async Task Delta_started_again_with_its_run_id_after_its_rollback_stays_rolled_back()
    {
        await using var f = await LoadedAsync("dsameidrb");
        var loaded = await TargetRowsAsync(f.Target);
        var runId = Guid.NewGuid();
        await f.Districts[0].ExecuteAsync(FirstChange);
        await DeltaAsync(f, runId);
        await DmAsync(f, 0, "rollback", "--config", f.ConfigPath, "--run", runId.ToString());

        var again = await DeltaAsync(f, runId);

        Assert.True(again.AlreadyApplied);
        Assert.Equal(loaded, await TargetRowsAsync(f.Target));
        Assert.Equal("rolled_back", await f.Target.ScalarAsync<string>($"SELECT state FROM ferry.run WHERE run_id = '{runId}'"));

        // The rolled-back changes are carried over again by the next run, from the position before the rolled-back one.
        var next = await DeltaAsync(f, Guid.NewGuid());
        Assert.Equal(1, next.Upserted);
        Assert.Equal("First change", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 3"));
    }

    [Fact]
    public async Task The_same_district_step_delivered_twice_at_once_applies_once()
    {
        await using var f = await LoadedAsync("dsameidpar");
        var runId = Guid.NewGuid();
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Changed ' || "StudentId" WHERE "StudentId" <= 150""");
        var context = await MigrationContext.ResolveAsync(f.Config(), [], [], CancellationToken.None);
        await using (var starter = await DeltaEngine.OpenAsync(context, CancellationToken.None))
        {
            await starter.StartAsync(new DeltaRequest([], runId), CancellationToken.None);
        }

        await using var one = await DeltaEngine.OpenAsync(context, CancellationToken.None);
        await using var two = await DeltaEngine.OpenAsync(context, CancellationToken.None);
        var results = await Task.WhenAll(
            Task.Run(() => one.ApplyDistrictAsync(runId, "d001", CancellationToken.None)),
            Task.Run(() => two.ApplyDistrictAsync(runId, "d001", CancellationToken.None)));

        Assert.Single(results, r => !r.AlreadyApplied);
        Assert.All(results, r => Assert.Equal(150, r.Upserted));
        Assert.Equal(1, await f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.delta_applied WHERE run_id = '{runId}'"));
        Assert.Equal(150, await f.Target.ScalarAsync<long>($"SELECT count(*) FROM ferry.before_image WHERE run_id = '{runId}' AND op = 'update'"));
    }

    private static async Task<DistrictDelta> DeltaAsync(MigrationFixture f, Guid runId)
    {
        var context = await MigrationContext.ResolveAsync(f.Config(), [], [], CancellationToken.None);
        await using var engine = await DeltaEngine.OpenAsync(context, CancellationToken.None);
        var ticket = await engine.StartAsync(new DeltaRequest([], runId), CancellationToken.None);
        var result = await engine.ApplyDistrictAsync(ticket.RunId, "d001", CancellationToken.None);
        await engine.FinishAsync(ticket.RunId, "completed", null, CancellationToken.None);
        return result;
    }
}
