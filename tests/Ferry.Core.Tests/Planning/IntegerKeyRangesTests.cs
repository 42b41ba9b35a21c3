using Ferry.Core.Casting;
using Ferry.Core.Planning;

namespace Ferry.Core.Tests.Planning;

public class IntegerKeyRangesTests
{
    [Fact]
    public void Gap_free_keys_are_cut_into_batch_sized_ranges_with_the_last_left_open()
    {
        var bounds = IntegerKeyRanges.UpperBounds(1, 1_000_000, 1_000_000, 50_000)!;

        Assert.Equal(19, bounds.Count);
        Assert.Equal(50_000, bounds[0]);
        Assert.Equal(950_000, bounds[^1]);
        Assert.All(bounds.Zip(bounds.Skip(1)), pair => Assert.Equal(50_000, pair.Second - pair.First));
    }

    [Theory]
    [InlineData(1, 1000, 600, 100)]
    [InlineData(-500, 499, 999, 7)]
    [InlineData(10, 10_010, 5_001, 333)]
    public void No_range_holds_more_than_twice_the_batch_size_when_half_the_span_is_taken(long min, long max, long rows, int batchSize)
    {
        var bounds = IntegerKeyRanges.UpperBounds(min, max, rows, batchSize)!;

        var edges = new[] { min - 1 }.Concat(bounds).Append(max).ToList();
        Assert.All(edges.Zip(edges.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 1, 2 * batchSize));
        Assert.Equal(bounds.Order(), bounds);
        Assert.All(bounds, b => Assert.InRange(b, min, max - 1));
    }

    [Fact]
    public void Sparse_keys_fall_back_to_exact_row_numbers()
    {
        Assert.Null(IntegerKeyRanges.UpperBounds(1, 1_000_000_000, 1_000_000, 50_000));
    }

    [Fact]
    public void A_table_within_one_batch_gets_no_bound()
    {
        Assert.Empty(IntegerKeyRanges.UpperBounds(1, 100, 100, 50_000)!);
    }

    [Fact]
    public void The_whole_64_bit_range_does_not_overflow()
    {
        var bounds = IntegerKeyRanges.UpperBounds(long.MinValue, long.MaxValue, long.MaxValue, int.MaxValue);

        Assert.Null(bounds);
        Assert.Equal(3, IntegerKeyRanges.UpperBounds(long.MaxValue - 3, long.MaxValue, 4, 1)!.Count);
    }

    [Fact]
    public void Bounds_bind_as_the_key_column_type()
    {
        Assert.IsType<short>(IntegerKeyRanges.AsKeyValue(5, ValueKind.Int16));
        Assert.IsType<int>(IntegerKeyRanges.AsKeyValue(5, ValueKind.Int32));
        Assert.IsType<long>(IntegerKeyRanges.AsKeyValue(5, ValueKind.Int64));
        Assert.True(IntegerKeyRanges.IsIntegerKey([ValueKind.Int64]));
        Assert.False(IntegerKeyRanges.IsIntegerKey([ValueKind.Int32, ValueKind.Int32]));
        Assert.False(IntegerKeyRanges.IsIntegerKey([ValueKind.Text]));
    }
}
