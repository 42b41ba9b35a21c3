namespace Ferry.Engine.Verification;

/// <summary>How a verification runs. The defaults suit tables from a few rows to hundreds of millions.</summary>
public sealed record VerifyOptions
{
    /// <summary>Sample differences kept per entity (the smallest keys); counts are always exact.</summary>
    public int Samples { get; init; } = 20;

    /// <summary>Reading units in flight at once (source key ranges and target id ranges); default: the configuration's parallelism.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Source rows per key range; default: the configuration's batch size.</summary>
    public int? RangeRows { get; init; }

    /// <summary>Target rows per bucket, about: a differing bucket is re-read whole.</summary>
    public int RowsPerBucket { get; init; } = 2048;

    /// <summary>
    /// At most this many source rows of differing buckets are held in memory at once to be compared row by row;
    /// more differing rows are compared in several rounds, each re-reading the source.
    /// </summary>
    public int RowsPerRound { get; init; } = 250_000;
}
