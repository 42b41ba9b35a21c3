namespace Ferry.Core.Configuration;

/// <summary>Case-insensitive glob matching for entity patterns (<c>*</c> and <c>?</c>); a pattern without a dot matches the table name in any schema.</summary>
/// <remarks>
/// Not Microsoft.Extensions.FileSystemGlobbing: its patterns are file paths, where <c>?</c> is no wildcard (only
/// <c>*</c> and <c>**</c> are), so the documented <c>dbo.Student?</c> would match nothing; and the rule for a pattern
/// without a schema is ours either way. The matcher below is the usual linear backtracking over one string.
/// </remarks>
public static class Glob
{
    public static bool IsMatch(string pattern, string qualifiedName)
    {
        if (!pattern.Contains('.') && pattern != "*")
        {
            var dot = qualifiedName.IndexOf('.');
            qualifiedName = dot < 0 ? qualifiedName : qualifiedName[(dot + 1)..];
        }

        return Match(pattern.AsSpan(), qualifiedName.AsSpan());
    }

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || char.ToLowerInvariant(p[pi]) == char.ToLowerInvariant(s[si])))
            {
                pi++;
                si++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = si;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                si = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
