using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Ferry.Functions;

/// <summary>
/// The delta schedule's tick (NCRONTAB of the setting <c>FERRY_DELTA_TICK</c>; <see cref="TickSchedule.Default"/>,
/// every minute, in the sample settings and the infrastructure): the shared <see cref="DeltaScheduler"/> starts the
/// deltas due in that minute, and each outcome is logged. A failing tick throws, so the Functions host records the
/// failure; the next minute tries again. The Functions host resolves <c>%FERRY_DELTA_TICK%</c> from the app settings
/// before this code runs, so no default set here could reach it: without the setting this one function is in error and
/// the rest of the app runs.
/// </summary>
public sealed class TimerFunctions(MigrationConfigProvider config, ILogger<TimerFunctions> log)
{
    public const string ScheduleSetting = TickSchedule.Setting;

    [Function("DeltaTick")]
    public async Task DeltaTick([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        foreach (var tick in await DeltaScheduler.TickAsync(client, await config.GetAsync(cancellationToken), DateTimeOffset.UtcNow, cancellationToken))
        {
            log.LogInformation("delta {Instance} for district {District}: {Outcome}{Reason}", tick.Due.InstanceId, tick.Due.District, tick.Outcome, tick.Reason is null ? "" : $" ({tick.Reason})");
        }
    }
}
