using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class ContentChecksumTests
{
    private static readonly UInt128[] Hashes = [UInt128.MaxValue, 1, new UInt128(0x0123456789abcdef, 0xfedcba9876543210), 42];

    [Fact]
    public void Order_and_grouping_do_not_matter()
    {
        ContentChecksum forward = default, backward = default, left = default, right = default;
        foreach (var h in Hashes)
        {
            forward.Add(h);
        }

        foreach (var h in Hashes.Reverse())
        {
            backward.Add(h);
        }

        left.Add(Hashes[0]);
        left.Add(Hashes[2]);
        right.Add(Hashes[3]);
        right.Add(Hashes[1]);
        left.Add(right);

        Assert.Equal(forward, backward);
        Assert.Equal(forward, left);
        Assert.Equal(4, forward.Count);
    }

    [Fact]
    public void A_changed_row_or_a_missing_row_changes_it()
    {
        ContentChecksum all = default, changed = default, fewer = default;
        foreach (var h in Hashes)
        {
            all.Add(h);
            changed.Add(h == 42 ? 43 : h);
            if (h != 42)
            {
                fewer.Add(h);
            }
        }

        Assert.NotEqual(all, changed);
        Assert.NotEqual(all, fewer);
    }

    [Fact]
    public void Sum_wraps_modulo_two_to_the_128()
    {
        ContentChecksum c = default;
        c.Add(UInt128.MaxValue);
        c.Add(2);
        Assert.Equal(UInt128.One, c.Sum);
        Assert.Equal("00000000000000000000000000000001", c.Hex);
    }

    [Fact]
    public void Hex_round_trips()
    {
        var c = new ContentChecksum(7, new UInt128(0xdeadbeef, 0x1234));
        Assert.Equal(c, ContentChecksum.Parse(7, c.Hex));
        Assert.Equal(32, c.Hex.Length);
    }
}
