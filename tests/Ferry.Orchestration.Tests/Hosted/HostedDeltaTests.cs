using Ferry.Orchestration.Tests.Support;
using Npgsql;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>Delta mode on the self-hosted durable host against real PostgreSQL and Azurite, started over HTTP.</summary>
public sealed class HostedDeltaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Delta_started_over_http_carries_a_legacy_change_over_and_verifies_only_the_changed_entity()
    {
        await using var m = await HostedMigration.CreateAsync("ddelta_", districts: 1, students: 300, batchSize: 1000);
        await m.DmAsync("delta", "enable", "--config", m.Config, "--apply");
        await m.DmAsync("run", "--config", m.Config);
        await using (var legacy = new NpgsqlConnection(m.TargetConnection.Replace($"Database={m.Prefix}target", $"Database={m.Prefix}d001", StringComparison.Ordinal)))
        {
            await legacy.OpenAsync();
            await using var update = new NpgsqlCommand("""UPDATE dbo."Student" SET "FirstName" = 'Carried over' WHERE "StudentId" = 9""", legacy);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        m.StartHost();
        await m.WaitHealthyAsync();
        var id = await m.StartRunAsync(new { mode = "delta" });
        var run = await m.WaitForAsync(id, Patience, "Completed", "Failed", "Terminated");

        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var output = run.GetProperty("output");
        Assert.Equal("completed", output.GetProperty("State").GetString());
        var delta = Assert.Single(output.GetProperty("Deltas").EnumerateArray());
        var changed = delta.GetProperty("ChangedEntities").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("dbo.Student", changed);
        Assert.True(delta.GetProperty("Upserted").GetInt64() >= 1, delta.ToString());

        // Verified: exactly the entities the delta changed, fewer than the full load loaded.
        var verification = Assert.Single(output.GetProperty("Verifications").EnumerateArray());
        Assert.True(verification.GetProperty("HasParity").GetBoolean(), verification.ToString());
        Assert.Equal(changed.Count, verification.GetProperty("Entities").GetInt32());
        Assert.Equal(changed.Count, await m.ScalarAsync("SELECT count(DISTINCT entity) FROM ferry.verify_entity WHERE verify_id = $1::uuid", verification.GetProperty("VerifyId").GetString()!));
        Assert.True(await m.ScalarAsync("SELECT count(DISTINCT entity) FROM ferry.load WHERE district_id = 'd001' AND state = 'loaded'") > changed.Count);

        await using var target = new NpgsqlConnection(m.TargetConnection);
        await target.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT first_name FROM dbo.student WHERE legacy_student_id = 9", target);
        Assert.Equal("Carried over", await read.ExecuteScalarAsync());
        Assert.Equal(1, await m.ScalarAsync("SELECT count(*) FROM ferry.delta_applied WHERE run_id = $1::uuid", id));
    }
}
