using System.Security.Cryptography;
using Ferry.Core.Mapping;

namespace Ferry.Core.Tests.Mapping;

public class Sha1PrefixTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(55, 0)]
    [InlineData(56, 0)]
    [InlineData(63, 1)]
    [InlineData(64, 0)]
    [InlineData(64, 55)]
    [InlineData(81, 7)]
    [InlineData(120, 200)]
    [InlineData(17, 1000)]
    public void Digest_equals_the_platform_sha1_of_prefix_and_suffix(int prefixLength, int suffixLength)
    {
        var random = new Random(prefixLength * 1000 + suffixLength);
        for (var round = 0; round < 20; round++)
        {
            var prefix = new byte[prefixLength];
            var suffix = new byte[suffixLength];
            random.NextBytes(prefix);
            random.NextBytes(suffix);
            var digest = new byte[20];
            new Sha1Prefix(prefix).Hash(suffix, digest);
            Assert.Equal(SHA1.HashData([.. prefix, .. suffix]), digest);
        }
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(20, "12345")]
    [InlineData(63, "key")]
    [InlineData(52, "École/Straße/日本/😀")]
    [InlineData(9, "a-long-text-key-that-spans-more-than-one-block-of-sixty-four-bytes-and-then-some-more-text-beyond-two-blocks")]
    [InlineData(30, "mixed ascii then ü")]
    public void Text_suffix_hashes_as_its_utf8(int prefixLength, string text)
    {
        var prefix = new byte[prefixLength];
        new Random(prefixLength).NextBytes(prefix);
        var digest = new byte[20];

        new Sha1Prefix(prefix).Hash(text.AsSpan(), digest);

        Assert.Equal(SHA1.HashData([.. prefix, .. System.Text.Encoding.UTF8.GetBytes(text)]), digest);
    }

    [Fact]
    public void Text_longer_than_the_stack_blocks_still_hashes_as_its_utf8()
    {
        var text = string.Concat(Enumerable.Repeat("ключ", 100));
        var digest = new byte[20];

        new Sha1Prefix("p"u8).Hash(text.AsSpan(), digest);

        Assert.Equal(SHA1.HashData([(byte)'p', .. System.Text.Encoding.UTF8.GetBytes(text)]), digest);
    }

    [Fact]
    public void Known_answer_for_abc()
    {
        var digest = new byte[20];
        new Sha1Prefix("a"u8).Hash("bc"u8, digest);
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void One_prefix_serves_many_suffixes()
    {
        var hasher = new Sha1Prefix(new byte[100]);
        var a = new byte[20];
        var b = new byte[20];
        hasher.Hash("1"u8, a);
        hasher.Hash("2"u8, b);
        hasher.Hash("1"u8, b);
        Assert.Equal(a, b);
    }
}
