using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Progress;
using Ferry.Core.Reconciliation;

namespace Ferry.Cli.Output;

/// <summary>
/// Progress of a verification: entity results done of the total known at the start, source rows compared with
/// rows/s over the last 10 s, entities with differences, and the entities being verified now. A verification knows
/// no row total before it reads, so its ETA counts entity results, and says so.
/// </summary>
internal sealed class VerifyTracker
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public RateWindow Rate { get; } = new();

    public ConcurrentDictionary<(string District, string Entity), DateTimeOffset> InFlight { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public int Total { get; private set; }

    public int Done { get; private set; }

    public int Differing { get; private set; }

    public long Rows { get; private set; }

    public void Started(int total) => Total = total;

    public void EntityStarted(string district, string entity) => InFlight[(district, entity)] = DateTimeOffset.UtcNow;

    public void EntityVerified(EntityReconciliation result)
    {
        InFlight.TryRemove((result.District, result.Entity), out _);
        lock (_gate)
        {
            Done++;
            Differing += result.HasParity ? 0 : 1;
            Rows += result.SourceRows;
            Rate.Observe(Elapsed, Rows);
        }
    }

    /// <summary>From the entity results left at the pace of those done so far; null before the first.</summary>
    public TimeSpan? Eta()
    {
        lock (_gate)
        {
            return Done == 0 ? null : Core.Progress.Eta.Of(Total - Done, Done / Math.Max(Elapsed.TotalSeconds, 0.001));
        }
    }
}
