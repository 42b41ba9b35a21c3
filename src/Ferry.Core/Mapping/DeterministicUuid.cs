using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Ferry.Core.Mapping;

/// <summary>
/// RFC 9562 version-5 UUIDs: SHA-1 over the 16 namespace bytes followed by the UTF-8 name, first 16 bytes kept,
/// version and variant bits set. The name of a row is <c>{tenant}/{schema.table}/{canonical key}</c> (schema and table
/// lower-case; see <see cref="CanonicalKey"/>), so any RFC 9562 library reproduces an id from its legacy key, and the
/// same key in two districts gives two ids.
/// </summary>
[SkipLocalsInit]
public sealed class DeterministicUuid
{
    private readonly Sha1Prefix _prefix;

    /// <summary>Prepares the fixed part of the name (namespace, tenant and entity) once per entity.</summary>
    public DeterministicUuid(Guid uuidNamespace, Guid tenant, string entity)
    {
        var name = $"{tenant:D}/{entity.ToLowerInvariant()}/";
        var prefix = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        uuidNamespace.TryWriteBytes(prefix, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, prefix.AsSpan(16));
        _prefix = new Sha1Prefix(prefix);
    }

    /// <summary>The UUID of the row whose canonical key is <paramref name="canonicalKey"/>.</summary>
    public Guid For(ReadOnlySpan<char> canonicalKey)
    {
        Span<byte> hash = stackalloc byte[20];
        _prefix.Hash(canonicalKey, hash);
        return FromHash(hash);
    }

    /// <summary>The UUID of one name under a namespace, as RFC 9562 defines it, through the platform's SHA-1.</summary>
    public static Guid V5(Guid uuidNamespace, string name)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        uuidNamespace.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        return FromHash(hash);
    }

    private static Guid FromHash(Span<byte> hash)
    {
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
