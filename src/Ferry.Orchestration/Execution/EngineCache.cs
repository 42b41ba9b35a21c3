using System.Collections.Concurrent;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Ferry.Orchestration.Steps;
using Microsoft.Extensions.Logging;

namespace Ferry.Orchestration.Execution;

/// <summary>
/// The engines a worker process keeps open, one per run scope: opening one resolves the configuration against every
/// legacy database in scope and checks the targets, far too slow to repeat for each work item. An engine that failed
/// to open is forgotten, so the next activity tries again. The engines log to the host's <paramref name="loggers"/>.
/// </summary>
public sealed class EngineCache(MigrationConfigProvider config, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MigrationEngine>>> _engines = new(StringComparer.Ordinal);

    public async Task<MigrationEngine> GetAsync(RunScope scope, CancellationToken cancellationToken)
    {
        var entry = _engines.GetOrAdd(scope.Key, _ => new Lazy<Task<MigrationEngine>>(() => OpenAsync(scope)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _engines.TryRemove(new KeyValuePair<string, Lazy<Task<MigrationEngine>>>(scope.Key, entry));
            throw;
        }
    }

    private async Task<MigrationEngine> OpenAsync(RunScope scope)
    {
        // Not the caller's token: the engine outlives the activity that opened it.
        var cfg = await config.GetAsync(CancellationToken.None);
        var context = await MigrationContext.ResolveAsync(cfg, scope.Districts ?? [], scope.Entities ?? [], CancellationToken.None);
        return await MigrationEngine.OpenAsync(context, CancellationToken.None, loggers: loggers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _engines.Values.Where(e => e.IsValueCreated))
        {
            try
            {
                await (await entry.Value).DisposeAsync();
            }
            catch (Exception) when (entry.Value.IsFaulted)
            {
            }
        }

        _engines.Clear();
    }
}
