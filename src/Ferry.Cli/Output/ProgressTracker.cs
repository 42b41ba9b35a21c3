using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Cli.Output;

/// <summary>Thread-safe progress counters per district and entity, with rates and an ETA from the rows planned so far.</summary>
internal sealed class ProgressTracker
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentDictionary<string, DistrictProgress> Districts { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed => _clock.Elapsed;

    public DistrictProgress District(string id) => Districts.GetOrAdd(id, _ => new DistrictProgress());

    public EntityProgress Planned(string district, string entity, long rows, int batches, int pending)
    {
        var d = District(district);
        var e = d.Entities.GetOrAdd(entity, _ => new EntityProgress());
        e.Planned = rows;
        e.Batches = batches;
        e.BatchesDone = batches - pending;
        Interlocked.Add(ref d.PlannedRows, rows);
        return e;
    }

    public EntityProgress Completed(BatchDescriptor batch, BatchResult result)
    {
        var d = District(batch.District);
        var e = d.Entities.GetOrAdd(batch.Entity, _ => new EntityProgress());
        Interlocked.Add(ref e.Read, result.RowsRead);
        Interlocked.Add(ref e.Rejected, result.RowsRejected);
        Interlocked.Increment(ref e.BatchesDone);
        Interlocked.Add(ref d.ReadRows, result.RowsRead);
        Interlocked.Add(ref d.RejectedRows, result.RowsRejected);
        return e;
    }

    public double Rate(long rows) => Elapsed.TotalSeconds > 0 ? rows / Elapsed.TotalSeconds : 0;

    public static string Eta(long remaining, double rate) =>
        remaining <= 0 ? "-" : rate <= 0 ? "?" : TimeSpan.FromSeconds(Math.Min(remaining / rate, 360_000)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class DistrictProgress
{
    public long PlannedRows;
    public long ReadRows;
    public long RejectedRows;
    public int EntitiesDone;

    public ConcurrentDictionary<string, EntityProgress> Entities { get; } = new(StringComparer.Ordinal);
}

internal sealed class EntityProgress
{
    public long Planned;
    public long Read;
    public long Rejected;
    public int Batches;
    public int BatchesDone;
    public volatile bool Done;
}
