using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class BucketSpaceTests
{
    [Fact]
    public void Bucket_is_the_leading_bits_in_postgres_byte_order()
    {
        var space = new BucketSpace(4);
        Assert.Equal(0x0, space.Of(Guid.Parse("00000000-0000-0000-0000-000000000000")));
        Assert.Equal(0xa, space.Of(Guid.Parse("a0ffffff-ffff-ffff-ffff-ffffffffffff")));
        Assert.Equal(0xf, space.Of(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")));
        Assert.Equal(0x1ab, new BucketSpace(12).Of(Guid.Parse("1abcdef0-0000-0000-0000-000000000000")));
        Assert.Equal(0, new BucketSpace(0).Of(Guid.NewGuid()));
    }

    [Fact]
    public void Every_id_lies_within_its_buckets_bounds()
    {
        var space = new BucketSpace(10);
        for (var i = 0; i < 10_000; i++)
        {
            var id = Guid.NewGuid();
            var b = space.Of(id);
            Assert.True(Compare(space.LowerBound(b)!.Value, id) <= 0);
            if (space.LowerBound(b + 1) is { } upper)
            {
                Assert.True(Compare(id, upper) < 0);
            }
        }
    }

    [Fact]
    public void Split_covers_the_whole_space_once()
    {
        var space = new BucketSpace(8);
        var parts = space.Split(7);
        Assert.Equal(7, parts.Count);
        Assert.Null(parts[0].Lower);
        Assert.Null(parts[^1].Upper);
        Assert.Equal(0, parts[0].FirstBucket);
        Assert.Equal(space.Count, parts[^1].NextBucket);
        for (var i = 1; i < parts.Count; i++)
        {
            Assert.Equal(parts[i - 1].NextBucket, parts[i].FirstBucket);
            Assert.Equal(parts[i - 1].Upper, parts[i].Lower);
        }
    }

    [Fact]
    public void Cover_merges_consecutive_buckets()
    {
        var space = new BucketSpace(4);
        var ranges = space.Cover([3, 1, 2, 7, 15]);
        Assert.Equal([(1, 4), (7, 8), (15, 16)], ranges.Select(r => (r.FirstBucket, r.NextBucket)));
        Assert.Null(ranges[^1].Upper);
        Assert.Equal(space.LowerBound(1), ranges[0].Lower);
    }

    [Theory]
    [InlineData(0L, 4)]
    [InlineData(10_000L, 4)]
    [InlineData(200_000L, 7)]
    [InlineData(10_000_000_000L, 16)]
    public void Bucket_count_follows_the_row_estimate(long rows, int bits) => Assert.Equal(bits, BucketSpace.For(rows).Bits);

    private static int Compare(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
