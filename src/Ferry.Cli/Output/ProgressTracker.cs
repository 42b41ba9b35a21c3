using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Pipeline;

namespace Ferry.Cli.Output;

/// <summary>
/// Thread-safe progress counters of a run: the phase, and per district and entity the rows planned (every district is
/// planned before the first batch, so the totals are complete when loading starts), read and quarantined, with
/// rows/s over the last 10 s and the ETA they give. Batches a resumed load committed earlier count as done (their
/// share of the planned rows), never as speed.
/// </summary>
internal sealed class ProgressTracker
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public ConcurrentDictionary<string, DistrictProgress> Districts { get; } = new(StringComparer.Ordinal);

    public RateWindow Rate { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public RunPhase Phase { get; private set; } = RunPhase.Planning;

    public int PhaseDone { get; private set; }

    public int PhaseTotal { get; private set; }

    public long PlannedRows;

    public long DoneRows;

    public long RejectedRows;

    /// <summary>The phase with its count: <c>planning 2/5</c>, <c>building indexes 3/12</c>, <c>loading</c>.</summary>
    public string PhaseText => PhaseTotal > 0 ? $"{Phase.Describe()} {PhaseDone}/{PhaseTotal}" : Phase.Describe();

    public void PhaseChanged(RunPhase phase, int done, int total)
    {
        lock (_gate)
        {
            // Progress events of one phase can arrive out of order from parallel work: the count never goes back.
            PhaseDone = phase == Phase && total == PhaseTotal ? Math.Max(PhaseDone, done) : done;
            if (phase == RunPhase.Loading && Phase != RunPhase.Loading)
            {
                // The rate's window opens when loading does, so the first batches already give a rate.
                var now = Elapsed;
                Rate.Observe(now, ReadRows);
                foreach (var d in Districts.Values)
                {
                    d.Rate.Observe(now, 0);
                    foreach (var e in d.Entities.Values)
                    {
                        e.Rate.Observe(now, 0);
                    }
                }
            }

            Phase = phase;
            PhaseTotal = total;
        }
    }

    public DistrictProgress District(string id) => Districts.GetOrAdd(id, _ => new DistrictProgress());

    public EntityProgress Planned(string district, string entity, long rows, int batches, int pending)
    {
        var d = District(district);
        var e = d.Entities.GetOrAdd(entity, _ => new EntityProgress());
        e.Planned = rows;
        e.Batches = batches;
        e.BatchesDone = batches - pending;
        var before = batches > 0 ? rows * (batches - pending) / batches : 0;
        e.Done = before;
        Interlocked.Add(ref d.PlannedRows, rows);
        Interlocked.Add(ref d.DoneRows, before);
        Interlocked.Add(ref PlannedRows, rows);
        Interlocked.Add(ref DoneRows, before);
        return e;
    }

    public void Skipped(string district, string entity)
    {
        var d = District(district);
        var e = d.Entities.GetOrAdd(entity, _ => new EntityProgress());
        e.Finished = true;
        Interlocked.Increment(ref d.EntitiesDone);
    }

    public EntityProgress Completed(BatchDescriptor batch, BatchResult result)
    {
        var now = Elapsed;
        var d = District(batch.District);
        var e = d.Entities.GetOrAdd(batch.Entity, _ => new EntityProgress());
        Interlocked.Add(ref e.Read, result.RowsRead);
        Interlocked.Add(ref e.Done, result.RowsRead);
        Interlocked.Add(ref e.Rejected, result.RowsRejected);
        Interlocked.Increment(ref e.BatchesDone);
        e.Rate.Observe(now, Interlocked.Read(ref e.Read));
        Interlocked.Add(ref d.DoneRows, result.RowsRead);
        Interlocked.Add(ref d.ReadRows, result.RowsRead);
        Interlocked.Add(ref d.RejectedRows, result.RowsRejected);
        d.Rate.Observe(now, Interlocked.Read(ref d.ReadRows));
        Interlocked.Add(ref DoneRows, result.RowsRead);
        Interlocked.Add(ref RejectedRows, result.RowsRejected);
        lock (_gate)
        {
            ReadRows += result.RowsRead;
            Rate.Observe(now, ReadRows);
        }

        return e;
    }

    public long ReadRows { get; private set; }

    public void LoadCompleted(string district, string entity)
    {
        var d = District(district);
        Interlocked.Increment(ref d.EntitiesDone);
        if (d.Entities.TryGetValue(entity, out var e))
        {
            e.Finished = true;
        }
    }

    /// <summary>Time left for the whole run: rows left of the plan at the rate of the last 10 s; null while unknown.</summary>
    public TimeSpan? Eta() => Core.Progress.Eta.Of(Interlocked.Read(ref PlannedRows) - Interlocked.Read(ref DoneRows), Rate.Rate(Elapsed));

    public static int Percent(long done, long planned) => planned <= 0 ? (done > 0 ? 100 : 0) : (int)Math.Min(100, done * 100 / planned);
}

internal sealed class DistrictProgress
{
    public long PlannedRows;
    public long DoneRows;
    public long ReadRows;
    public long RejectedRows;
    public int EntitiesDone;

    public RateWindow Rate { get; } = new();

    public ConcurrentDictionary<string, EntityProgress> Entities { get; } = new(StringComparer.Ordinal);
}

internal sealed class EntityProgress
{
    public long Planned;
    public long Done;
    public long Read;
    public long Rejected;
    public int Batches;
    public int BatchesDone;
    public volatile bool Finished;

    public RateWindow Rate { get; } = new();

    /// <summary>Some batch committed in this run and some is still to come.</summary>
    public bool InFlight => !Finished && Interlocked.Read(ref Read) > 0 && BatchesDone < Batches;
}
