using Ferry.Core.Configuration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Ferry.Orchestration.Scheduling;

/// <summary>
/// Starts the timer-driven deltas: called once a minute by any host's timer (the self-hosted host's own, the Functions
/// app's timer trigger), it starts a delta run for each district whose <c>deltaSchedule</c> fires in that minute. The
/// instance id is derived from the district and the minute, so several hosts ticking the same minute start it once;
/// a district that another run, delta or rollback is still working on is skipped (the engine's district lease would
/// refuse it anyway), so deltas never overlap.
/// </summary>
public static class DeltaScheduler
{
    /// <summary>The districts due in the minute of <paramref name="now"/>, with their deterministic instance ids. Pure.</summary>
    public static IReadOnlyList<DueDelta> Due(MigrationConfig config, DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return config.Districts
            .Where(d => d.DeltaSchedule is { } cron && CronSchedule.IsDue(cron, minute))
            .Select(d => new DueDelta(d.Id, minute, InstanceId(d.Id, minute)))
            .ToList();
    }

    public static string InstanceId(string district, DateTimeOffset minute) => $"delta-{district}-{minute.UtcDateTime:yyyyMMddHHmm}";

    /// <summary>
    /// Starts the due deltas of the minute of <paramref name="now"/>. Never throws for one district: each outcome is
    /// returned for the host to log.
    /// </summary>
    public static async Task<IReadOnlyList<DeltaTick>> TickAsync(DurableTaskClient client, MigrationConfig config, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Due(config, now);
        if (due.Count == 0)
        {
            return [];
        }

        var busy = await BusyDistrictsAsync(client, config, cancellationToken);
        var ticks = new List<DeltaTick>();
        foreach (var d in due)
        {
            if (await client.GetInstanceAsync(d.InstanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                ticks.Add(new DeltaTick(d, "already started"));
                continue;
            }

            if (busy.TryGetValue(d.District, out var holder))
            {
                ticks.Add(new DeltaTick(d, "skipped", $"run {holder} is still working on district {d.District}"));
                continue;
            }

            var input = new RunInput { Mode = RunModes.Delta, Districts = [d.District], RequestedBy = "schedule" };
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Run, input, new StartOrchestrationOptions(d.InstanceId), cancellationToken);
            ticks.Add(new DeltaTick(d, "started"));
        }

        return ticks;
    }

    /// <summary>The districts of runs not finished yet, by district, with the instance working on each.</summary>
    private static async Task<Dictionary<string, string>> BusyDistrictsAsync(DurableTaskClient client, MigrationConfig config, CancellationToken cancellationToken)
    {
        var busy = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (!OrchestrationNames.Runs.Contains(instance.Name) || instance.ReadInputAs<RunInput>() is not { } input)
            {
                continue;
            }

            foreach (var district in input.DistrictsOr(config.Districts.Select(d => d.Id)))
            {
                busy.TryAdd(district, instance.InstanceId);
            }
        }

        return busy;
    }
}
