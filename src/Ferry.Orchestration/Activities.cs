using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Ferry.Orchestration.Execution;
using Ferry.Orchestration.Flow;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Ferry.Orchestration;

/// <summary>
/// The activities of the orchestrations, one public method per name in <see cref="OrchestrationNames"/>, each taking
/// its input record and returning its output record. Thin: each calls one step of the engine's public unit-of-work
/// API, which owns the transactions and checkpoints, so an activity delivered twice commits nothing twice. Each
/// writes its events (started, then completed or failed) to the activity log. A failure of the transient kind whose
/// retries inside the engine were used up is thrown as a <see cref="TransientWorkException"/>, which the orchestrator
/// retries; any other failure is thrown as it is.
/// </summary>
public sealed partial class Activities(MigrationConfigProvider config, EngineCache engines, ActivityLog log, WorkMode? mode = null)
{
    private readonly bool _simulated = mode?.Simulated == true;

    private readonly Dictionary<Guid, int> _inFlight = [];

    private async Task<T> LoggedAsync<T>(ActivityEvent what, Func<Task<T>> body, Func<T, long?>? rows = null, CancellationToken cancellationToken = default)
    {
        await log.AppendAsync(what with { Outcome = "started" }, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await body();
            await log.AppendAsync(what with { Outcome = "completed", Rows = rows?.Invoke(result), DurationMs = clock.ElapsedMilliseconds }, cancellationToken);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var cfg = await config.GetAsync(cancellationToken);
            var reason = MigrationEngine.Describe(Innermost(e));
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

    private static Exception Innermost(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerExceptions[0]) : e;
}
