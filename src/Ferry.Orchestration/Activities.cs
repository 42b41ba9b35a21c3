using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Flow;
using Microsoft.Extensions.Logging;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Ferry.Orchestration;

/// <summary>
/// The activities of the orchestrations, one public method per name in <see cref="OrchestrationNames"/>, each taking
/// its input record and returning its output record. Thin: each calls one step of the engine's public unit-of-work
/// API, which owns the transactions and checkpoints, so an activity delivered twice commits nothing twice. Each
/// writes its events (started, then completed or failed) to the activity log. A failure of the transient kind whose
/// retries inside the engine were used up is thrown as a <see cref="TransientWorkException"/>, which the orchestrator
/// retries; any other failure is thrown as it is. Each also logs through the host's <paramref name="loggers"/> in a
/// scope naming its run, district, entity and work item, which the engine's own events inherit.
/// </summary>
public sealed partial class Activities(MigrationConfigProvider config, EngineCache engines, ActivityLog log, ILoggerFactory loggers)
{
    private readonly Dictionary<Guid, int> _inFlight = [];
    private readonly ILogger _logger = loggers.CreateLogger("Ferry.Activities");

    private ILoggerFactory Loggers => loggers;

    private async Task<T> LoggedAsync<T>(ActivityEvent what, Func<Task<T>> body, Func<T, long?>? rows = null, CancellationToken cancellationToken = default)
    {
        using var scope = Ferry.Engine.Logging.LogScopes.Begin(_logger, what.RunId, what.District, what.Entity, what.WorkItem);
        ActivityLogEvents.Started(_logger, what.Activity, what.Instance, what.Attempt);
        await log.AppendAsync(what with { Outcome = "started" }, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await body();
            var count = rows?.Invoke(result);
            ActivityLogEvents.Completed(_logger, what.Activity, what.Instance, count, clock.ElapsedMilliseconds);
            await log.AppendAsync(what with { Outcome = "completed", Rows = count, DurationMs = clock.ElapsedMilliseconds }, cancellationToken);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var cfg = await config.GetAsync(cancellationToken);
            var reason = MigrationEngine.Describe(Innermost(e));
            ActivityLogEvents.Failed(_logger, what.Activity, what.Instance, clock.ElapsedMilliseconds, reason);
            try
            {
                await log.AppendAsync(what with { Outcome = "failed", DurationMs = clock.ElapsedMilliseconds, Message = reason }, cancellationToken);
            }
            catch (Exception logFailure) when (logFailure is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database that refused the work may refuse its log line too: the failure itself is the news.
            }

            if (e is not ConfigException && IsTransient(cfg, e))
            {
                throw new TransientWorkException(reason, e);
            }

            throw;
        }
    }

    private static ActivityEvent Event(string activity, string instance, int attempt, Guid? run = null, string? district = null, string? entity = null, string? item = null) =>
        new() { Activity = activity, Instance = instance, Attempt = attempt, RunId = run, District = district, Entity = entity, WorkItem = item, Outcome = "started", Worker = ActivityLog.Worker };

    private static bool IsTransient(MigrationConfig config, Exception e) =>
        TransientFaults.IsTransient(e, x => config.Districts.Select(d => d.Source.Provider).Distinct().Any(p => SourceAdapters.For(p).IsTransient(x)));

    /// <summary>At most <paramref name="max"/> lines, the last saying how many more there were: outputs stay small in the history.</summary>
    private static IReadOnlyList<string> Capped(IReadOnlyList<string> lines, int max = 50) =>
        lines.Count <= max ? lines : [.. lines.Take(max - 1), $"... and {lines.Count - max + 1} more"];

    private static Exception Innermost(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerExceptions[0]) : e;
}
