using System.Security.Cryptography;
using System.Text;

namespace Ferry.Core.Naming;

/// <summary>PostgreSQL truncates identifiers beyond 63 bytes; long derived names keep a hash suffix instead so they stay unique.</summary>
public static class IdentifierLimits
{
    public const int MaxBytes = 63;

    public static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        var hash = System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var keep = name;
        while (Encoding.UTF8.GetByteCount(keep) > MaxBytes - 9)
        {
            keep = keep[..^1];
        }

        return $"{keep}_{hash}";
    }
}
