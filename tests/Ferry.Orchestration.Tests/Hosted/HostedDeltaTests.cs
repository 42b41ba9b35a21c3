using Ferry.Orchestration.Tests.Support;
using Npgsql;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>Delta mode on the self-hosted durable host against real PostgreSQL and Azurite, started over HTTP and by the schedule.</summary>
public sealed class HostedDeltaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Delta_started_over_http_carries_a_legacy_change_over_and_verifies_only_the_changed_entities()
    {
        await using var m = await LoadedThenChangedAsync("ddelta_", schedule: null);
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

        Assert.Equal("Carried over", await FirstNameAsync(m, 9));
        Assert.Equal(1, await m.ScalarAsync("SELECT count(*) FROM ferry.delta_applied WHERE run_id = $1::uuid", id));
    }

    [Fact]
    public async Task Delta_on_a_short_schedule_fires_on_the_hosts_timer_and_carries_a_legacy_change_over()
    {
        await using var m = await LoadedThenChangedAsync("dtimer_", schedule: "* * * * *");
        m.StartHost();
        await m.WaitHealthyAsync();

        // The host's timer ticks on each minute boundary: the first scheduled delta starts within a minute.
        var until = DateTime.UtcNow + Patience;
        while (await m.ScalarAsync("SELECT count(*) FROM ferry.run WHERE kind = 'delta' AND state = 'completed'") == 0)
        {
            Assert.True(DateTime.UtcNow < until, "no scheduled delta completed");
            await Task.Delay(1000);
        }

        Assert.Equal("Carried over", await FirstNameAsync(m, 9));
        Assert.True(await m.ScalarAsync("SELECT count(*) FROM ferry.activity_event WHERE instance_id LIKE 'delta-d001-%' AND activity = 'FerryApplyDeltaV1' AND outcome = 'completed'") >= 1);
    }

    /// <summary>One district, change capture on, loaded by <c>dm run</c>, then a legacy row changed; with a delta schedule when given.</summary>
    private static async Task<HostedMigration> LoadedThenChangedAsync(string prefix, string? schedule)
    {
        var m = await HostedMigration.CreateAsync(prefix, districts: 1, students: 300, batchSize: 1000);
        if (schedule is not null)
        {
            var yaml = await File.ReadAllTextAsync(m.Config);
            var tenant = yaml.IndexOf('\n', yaml.IndexOf("    tenant:", StringComparison.Ordinal)) + 1;
            await File.WriteAllTextAsync(m.Config, yaml.Insert(tenant, $"    deltaSchedule: \"{schedule}\"\n"));
        }

        await m.DmAsync("delta", "enable", "--config", m.Config, "--apply");
        await m.DmAsync("run", "--config", m.Config);
        await using var legacy = new NpgsqlConnection(m.TargetConnection.Replace($"Database={m.Prefix}target", $"Database={m.Prefix}d001", StringComparison.Ordinal));
        await legacy.OpenAsync();
        await using var update = new NpgsqlCommand("""UPDATE dbo."Student" SET "FirstName" = 'Carried over' WHERE "StudentId" = 9""", legacy);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        return m;
    }

    private static async Task<string?> FirstNameAsync(HostedMigration m, int student)
    {
        await using var target = new NpgsqlConnection(m.TargetConnection);
        await target.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT first_name FROM dbo.student WHERE legacy_student_id = $1", target);
        read.Parameters.AddWithValue(student);
        return (string?)await read.ExecuteScalarAsync();
    }
}
