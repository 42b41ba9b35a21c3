using Cronos;
using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Scheduling;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

/// <summary>
/// The self-hosted host's delta timer (the Functions app's timer trigger in Azure), on the schedule of the setting
/// <c>FERRY_DELTA_TICK</c> like the trigger's, every minute when it is not set (<see cref="TickSchedule"/>): at each tick
/// it asks the <see cref="DeltaScheduler"/> to start the deltas due, and logs each outcome. A tick that fails (storage
/// or the configuration unreachable) is logged and the next tick tries again.
/// </summary>
public sealed class DeltaTimer(DurableTaskClient client, MigrationConfigProvider config, TimeProvider clock, IConfiguration settings, ILogger<DeltaTimer> log) : BackgroundService
{
    private readonly CronExpression _schedule = TickSchedule.Parse(settings[TickSchedule.Setting]);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (TickSchedule.Next(_schedule, now) is not { } next)
            {
                log.LogWarning("{Setting} never fires again: scheduled deltas are off", TickSchedule.Setting);
                return;
            }

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
