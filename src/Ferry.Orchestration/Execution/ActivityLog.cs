using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;

namespace Ferry.Orchestration.Execution;

/// <summary>
/// Appends the activity events of this worker to ferry.activity_event in the first target database, and reads an
/// orchestration's events back for its NDJSON log and the history route.
/// </summary>
public sealed class ActivityLog(MigrationConfigProvider config) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TargetDatabases? _targets;

    /// <summary>Names this worker in the log: machine and process.</summary>
    public static string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task AppendAsync(ActivityEvent e, CancellationToken cancellationToken) =>
        await ActivityEvents.AppendAsync(await FirstTargetAsync(cancellationToken), e with { Worker = Worker }, cancellationToken);

    public async Task<IReadOnlyList<ActivityEvent>> ReadAsync(string instance, CancellationToken cancellationToken)
    {
        var events = new List<ActivityEvent>();
        await foreach (var e in ActivityEvents.ReadAsync(await FirstTargetAsync(cancellationToken), instance, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    private async Task<Npgsql.NpgsqlDataSource> FirstTargetAsync(CancellationToken cancellationToken)
    {
        if (_targets is null)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                _targets ??= await TargetDatabases.OpenAsync(await config.GetAsync(cancellationToken), cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        return _targets.All[0];
    }

    public async ValueTask DisposeAsync()
    {
        if (_targets is not null)
        {
            await _targets.DisposeAsync();
        }
    }
}
