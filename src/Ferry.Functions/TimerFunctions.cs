using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Ferry.Functions;

/// <summary>
/// The delta schedule's tick (NCRONTAB of the setting <c>FERRY_DELTA_TICK</c>; <c>0 * * * * *</c>, every minute, in
/// the sample settings and the infrastructure): the shared <see cref="DeltaScheduler"/> starts the deltas due in that
/// minute, and each outcome is logged. A failing tick throws, so the Functions host records the failure; the next
/// minute tries again.
/// </summary>
public sealed class TimerFunctions(MigrationConfigProvider config, ILogger<TimerFunctions> log)
{
    public const string ScheduleSetting = "FERRY_DELTA_TICK";

    [Function("DeltaTick")]
    public async Task DeltaTick([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        foreach (var tick in await DeltaScheduler.TickAsync(client, await config.GetAsync(cancellationToken), DateTimeOffset.UtcNow, cancellationToken))
        {
            log.LogInformation("delta {Instance} for district {District}: {Outcome}{Reason}", tick.Due.InstanceId, tick.Due.District, tick.Outcome, tick.Reason is null ? "" : $" ({tick.Reason})");
        }
    }
}
