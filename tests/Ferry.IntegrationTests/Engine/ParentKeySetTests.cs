using Ferry.Engine.Pipeline;

namespace Ferry.IntegrationTests.Engine;

public class ParentKeySetTests
{
    [Fact]
    public void Holds_exactly_the_keys_added()
    {
        var keys = new ParentKeySet(-70, 1000);
        foreach (var k in new long[] { -70, -1, 0, 63, 64, 999, 1000 })
        {
            keys.Add(k);
        }

        Assert.All(new long[] { -70, -1, 0, 63, 64, 999, 1000 }, k => Assert.True(keys.Contains(k), $"{k} was added"));
        Assert.All(new long[] { -69, 1, 62, 65, 998 }, k => Assert.False(keys.Contains(k), $"{k} was not added"));
    }

    [Fact]
    public void Keys_outside_the_span_are_absent_even_at_the_extremes()
    {
        var keys = new ParentKeySet(10, 20);
        keys.Add(10);
        keys.Add(20);

        Assert.False(keys.Contains(9));
        Assert.False(keys.Contains(21));
        Assert.False(keys.Contains(long.MinValue));
        Assert.False(keys.Contains(long.MaxValue));
    }

    [Fact]
    public void Refuses_a_key_outside_its_span_and_a_span_too_wide()
    {
        var keys = new ParentKeySet(0, 100);

        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParentKeySet(0, ParentKeySet.MaxSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParentKeySet(long.MinValue, long.MaxValue));
    }
}
