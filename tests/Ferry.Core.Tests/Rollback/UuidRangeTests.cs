using Ferry.Core.Rollback;

namespace Ferry.Core.Tests.Rollback;

public class UuidRangeTests
{
    [Fact]
    public void Ranges_cover_the_id_space_once_in_order()
    {
        var ranges = UuidRange.Split(7);
        Assert.Null(ranges[0].Lower);
        Assert.Null(ranges[^1].Upper);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.Equal(ranges[i - 1].Upper, ranges[i].Lower);
        }

        var random = new Random(12);
        for (var n = 0; n < 2000; n++)
        {
            var id = new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
            Assert.Equal(1, ranges.Count(r => r.Contains(id)));
        }
    }

    [Fact]
    public void Random_ids_spread_evenly_over_the_ranges()
    {
        var ranges = UuidRange.For(100_000, 10_000);
        Assert.Equal(10, ranges.Count);
        var random = new Random(7);
        var counts = new int[ranges.Count];
        for (var n = 0; n < 100_000; n++)
        {
            var id = new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
            counts[ranges.ToList().FindIndex(r => r.Contains(id))]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }

    [Fact]
    public void No_rows_still_make_one_range()
    {
        Assert.Equal([UuidRange.All], UuidRange.For(0, 50_000));
    }
}
