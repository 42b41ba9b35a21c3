using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Work;

/// <summary>What one work item did: each batch it executed now with its figures (a batch done before is not listed).</summary>
public sealed record WorkResult(IReadOnlyList<(BatchDescriptor Batch, BatchResult Result)> Batches)
{
    public long RowsRead => Batches.Sum(b => b.Result.RowsRead);

    public long RowsLoaded => Batches.Sum(b => b.Result.RowsLoaded);
}
