namespace Ferry.Orchestration.Flow;

/// <summary>Batches <see cref="First"/> to <see cref="Last"/> of one load, run one after another by one work item.</summary>
public sealed record BatchChain(int First, int Last);

/// <summary>
/// How a load's pending batches are dispatched: in chains of consecutive batches, each chain one work item that commits
/// every batch with its own checkpoint. Every dispatch costs a queue round trip and history writes (about 0.2 s on the
/// local runtime), next to about half a second for a batch of 50,000 rows, so one item per batch leaves a slot idle a
/// quarter of the time; chains pay that once for several batches. A load still spreads over at least
/// <c>spread</c> chains when it has that many batches (so every slot of a district gets a share and the last chain
/// is short), and no chain carries more than <see cref="ChainRows"/> rows' worth of batches. Pure.
/// </summary>
public static class BatchChains
{
    /// <summary>The most rows (by batch size) one chain carries: a few seconds of work at the measured rates.</summary>
    public const int ChainRows = 400_000;

    /// <summary>
    /// The chains of <paramref name="pending"/> batch numbers: consecutive numbers only (a committed batch between two
    /// pending ones ends a chain), as even as the spread asks, each at most <see cref="ChainRows"/> /
    /// <paramref name="batchSize"/> batches long.
    /// </summary>
    public static IReadOnlyList<BatchChain> Split(IReadOnlyList<int> pending, int spread, int batchSize)
    {
        if (pending.Count == 0)
        {
            return [];
        }

        var longest = Math.Max(1, ChainRows / Math.Max(1, batchSize));
        var length = Math.Clamp((pending.Count + Math.Max(1, spread) - 1) / Math.Max(1, spread), 1, longest);
        var chains = new List<BatchChain>();
        var sorted = pending.Distinct().Order().ToList();
        var first = sorted[0];
        var last = first;
        foreach (var n in sorted.Skip(1))
        {
            if (n == last + 1 && n - first < length)
            {
                last = n;
                continue;
            }

            chains.Add(new BatchChain(first, last));
            first = last = n;
        }

        chains.Add(new BatchChain(first, last));
        return chains;
    }
}
