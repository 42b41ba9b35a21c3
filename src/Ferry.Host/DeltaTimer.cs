using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Scheduling;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

/// <summary>
/// The self-hosted host's minute timer (the Functions app's timer trigger in Azure): at each minute it asks the
/// <see cref="DeltaScheduler"/> to start the deltas due, and logs each outcome. A tick that fails (storage or the
/// configuration unreachable) is logged and the next minute tries again.
/// </summary>
public sealed class DeltaTimer(DurableTaskClient client, MigrationConfigProvider config, TimeProvider clock, ILogger<DeltaTimer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                foreach (var tick in await DeltaScheduler.TickAsync(client, await config.GetAsync(stoppingToken), next, stoppingToken))
                {
                    log.LogInformation("delta {Instance} for district {District}: {Outcome}{Reason}", tick.Due.InstanceId, tick.Due.District, tick.Outcome, tick.Reason is null ? "" : $" ({tick.Reason})");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("delta schedule tick at {Minute:HH:mm} failed: {Reason}", next, e.Message.Split('\n')[0]);
            }
        }
    }
}
