using System.Collections.Concurrent;
using Ferry.Postgres.Control;
using Npgsql;

namespace Ferry.Engine.Work;

/// <summary>
/// Renews the leases of the runs this process works on, every third of their time to live, in every target database,
/// for as long as it holds them. A renewal that finds a run's lease already lapsed (the process was paused, or the
/// database unreachable longer than the lease) marks the run <see cref="Lapsed"/> and stops renewing it: the next
/// work item's fence fails, and the engine takes the lease back and defers again what was restored meanwhile.
/// A renewal that fails for another reason is retried at the next tick.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IReadOnlyList<NpgsqlDataSource> _targets;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<Guid, bool> _runs = new();
    private readonly ConcurrentDictionary<Guid, bool> _lapsed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IReadOnlyList<NpgsqlDataSource> targets, TimeSpan ttl)
    {
        _targets = targets;
        _ttl = ttl;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Who renews: machine, process and a random part, so two processes on one machine are told apart.</summary>
    public static string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public TimeSpan Ttl => _ttl;

    /// <summary>
    /// Takes (or takes back) the run's lease in every target and keeps renewing it until <see cref="Release"/>. Held
    /// is yes or no, not a count: work items starting side by side may each take the lease before any sees it held,
    /// and one release must still stop the renewals (a worker that renewed forever would keep a terminated run's
    /// districts from every later run).
    /// </summary>
    public async Task HoldAsync(Guid runId, CancellationToken cancellationToken)
    {
        foreach (var target in _targets)
        {
            await Leases.AcquireRunAsync(target, runId, Holder, _ttl, cancellationToken);
        }

        _lapsed.TryRemove(runId, out _);
        _runs[runId] = true;
    }

    public void Release(Guid runId) => _runs.TryRemove(runId, out _);

    public bool Holds(Guid runId) => _runs.ContainsKey(runId);

    /// <summary>True once a renewal found the run's lease expired; cleared when it is held again.</summary>
    public bool Lapsed(Guid runId) => _lapsed.ContainsKey(runId);

    private async Task LoopAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, _ttl.Ticks / 3));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var run in _runs.Keys)
                {
                    foreach (var target in _targets)
                    {
                        if (await RenewAsync(target, run) == false)
                        {
                            _lapsed[run] = true;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One beat in one target: true renewed, false lapsed, null not reachable now. A beat that fails is tried once
    /// more at once on a fresh connection: the pool may hold more than one connection the server closed (terminated
    /// by an administrator, or a restart), and a beat spent on each of them would let a short lease lapse.
    /// </summary>
    private async Task<bool?> RenewAsync(NpgsqlDataSource target, Guid run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Leases.RenewAsync(target, run, Holder, _ttl, _stop.Token);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                if (attempt == 2)
                {
                    // The database may be restarting: the lease survives a missed beat or two, and the fence decides.
                    return null;
                }

                target.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
