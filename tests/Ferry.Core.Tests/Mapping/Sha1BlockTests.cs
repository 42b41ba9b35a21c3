using Ferry.Core.Mapping;

namespace Ferry.Core.Tests.Mapping;

public class Sha1BlockTests
{
    [Fact]
    public void Compresses_through_libcrypto_on_the_supported_platform()
    {
        // .NET on Linux depends on OpenSSL 3, so it is always there; a silent fallback would cost ten times the CPU.
        Assert.Equal("libcrypto", Sha1Block.Implementation);
    }

    [Fact]
    public void Active_implementation_matches_the_managed_rounds_on_random_blocks_and_states()
    {
        var random = new Random(9562);
        var block = new byte[64];
        var w = new uint[80];
        for (var round = 0; round < 1000; round++)
        {
            random.NextBytes(block);
            var expected = Enumerable.Range(0, 5).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
            var actual = (uint[])expected.Clone();
            Sha1Block.CompressManaged(expected, block, w);
            Sha1Block.Compress(actual, block, w);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Managed_rounds_give_the_standard_digest_of_abc()
    {
        var block = new byte[64];
        "abc"u8.CopyTo(block);
        block[3] = 0x80;
        block[63] = 24;
        uint[] h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
        Sha1Block.CompressManaged(h, block, new uint[80]);
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", string.Concat(h.Select(x => x.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
