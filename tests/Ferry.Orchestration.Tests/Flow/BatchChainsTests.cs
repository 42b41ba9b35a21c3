using Ferry.Orchestration.Flow;

namespace Ferry.Orchestration.Tests.Flow;

public sealed class BatchChainsTests
{
    private static IReadOnlyList<int> Range(int first, int count) => Enumerable.Range(first, count).ToList();

    [Fact]
    public void A_load_spreads_over_the_spread_in_even_chains_of_consecutive_batches()
    {
        var chains = BatchChains.Split(Range(1, 20), spread: 8, batchSize: 50_000);

        Assert.Equal([new(1, 3), new(4, 6), new(7, 9), new(10, 12), new(13, 15), new(16, 18), new(19, 20)], chains);
    }

    [Fact]
    public void No_chain_carries_more_than_the_chain_rows()
    {
        var chains = BatchChains.Split(Range(1, 100), spread: 4, batchSize: 50_000);

        Assert.All(chains, c => Assert.True((c.Last - c.First + 1) * 50_000 <= BatchChains.ChainRows, $"{c} is too long"));
        Assert.Equal(13, chains.Count);
    }

    [Fact]
    public void Smaller_batches_make_longer_chains_of_the_same_rows()
    {
        var chains = BatchChains.Split(Range(1, 200), spread: 4, batchSize: 10_000);

        Assert.Equal(new BatchChain(1, 40), chains[0]);
        Assert.Equal(5, chains.Count);
    }

    [Fact]
    public void A_load_with_fewer_batches_than_the_spread_gets_one_item_per_batch()
    {
        Assert.Equal([new(1, 1), new(2, 2), new(3, 3)], BatchChains.Split(Range(1, 3), spread: 8, batchSize: 50_000));
    }

    [Fact]
    public void A_committed_batch_between_pending_ones_ends_a_chain()
    {
        var chains = BatchChains.Split([1, 2, 4, 5, 6, 9], spread: 2, batchSize: 50_000);

        Assert.Equal([new(1, 2), new(4, 6), new(9, 9)], chains);
    }

    [Fact]
    public void Every_pending_batch_is_in_exactly_one_chain_and_no_other_batch_is()
    {
        var pending = new[] { 3, 4, 5, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 30 };

        var covered = BatchChains.Split(pending, spread: 3, batchSize: 100_000).SelectMany(c => Enumerable.Range(c.First, c.Last - c.First + 1)).ToList();

        Assert.Equal(pending, covered);
    }

    [Fact]
    public void A_batch_size_beyond_the_chain_rows_runs_one_batch_per_item()
    {
        Assert.Equal([new(1, 1), new(2, 2)], BatchChains.Split(Range(1, 2), spread: 1, batchSize: 1_000_000));
    }

    [Fact]
    public void Nothing_pending_makes_no_chain()
    {
        Assert.Empty(BatchChains.Split([], spread: 4, batchSize: 50_000));
    }
}
