using Ferry.Core.Progress;
using Ferry.Core.Status;
using Ferry.Postgres.Control;

namespace Ferry.Api.Payloads;

/// <summary>
/// The whole run's progress as the terminal shows it: rows done (read, whether loaded or quarantined) of the rows
/// planned, the percentage, rows per second over the last <see cref="WindowSeconds"/> seconds of commits (not the
/// average since the start), and the seconds left at that rate. <see cref="PlannedRows"/>, <see cref="Percent"/> and
/// <see cref="EtaSeconds"/> are absent until every district in scope is planned, and the ETA also while there is no
/// rate: never a guess.
/// </summary>
public sealed record OverallProgress
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public long DoneRows { get; init; }

    public long? PlannedRows { get; init; }

    public int? Percent { get; init; }

    public double RowsPerSecond { get; init; }

    public long? EtaSeconds { get; init; }

    public int WindowSeconds { get; init; } = (int)Window.TotalSeconds;

    /// <param name="entities">The run's loads (from the target's tables).</param>
    /// <param name="scope">The districts the run covers: the totals are known once each has a plan.</param>
    /// <param name="commits">The run's recent commits in each target database that records it.</param>
    public static OverallProgress From(IReadOnlyList<EntityStatus> entities, IReadOnlyCollection<string> scope, IReadOnlyList<BatchCommits> commits)
    {
        var done = entities.Sum(e => e.Planned - e.Remaining);
        var rate = commits.Sum(c => CommitRate.Of(c.Now, c.StartedAt, c.RowsBefore, c.Recent, Window));
        var known = scope.Count > 0 && scope.All(d => entities.Any(e => e.District == d));
        if (!known)
        {
            return new OverallProgress { DoneRows = done, RowsPerSecond = Math.Round(rate, 1) };
        }

        var planned = entities.Sum(e => e.Planned);
        var eta = Eta.Of(entities.Sum(e => e.Remaining), rate);
        return new OverallProgress
        {
            DoneRows = done,
            PlannedRows = planned,
            Percent = planned == 0 ? 100 : (int)Math.Min(100, done * 100 / planned),
            RowsPerSecond = Math.Round(rate, 1),
            EtaSeconds = eta is { } t ? (long)Math.Ceiling(t.TotalSeconds) : null,
        };
    }
}
