using System.Text;

namespace Ferry.Core.Configuration;

/// <summary>
/// Replaces <c>${NAME}</c> and <c>${NAME:-default}</c> with environment variables, so secrets stay out of files.
/// A variable that is not set and has no default is an error naming it.
/// </summary>
public static class EnvironmentInterpolation
{
    public static string Expand(string value, Func<string, string?> lookup, string where)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var start = value.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(value, i, value.Length - i);
                break;
            }

            var end = value.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw new ConfigException($"{where}: unterminated '${{' in value");
            }

            sb.Append(value, i, start - i);
            var expr = value[(start + 2)..end];
            var sep = expr.IndexOf(":-", StringComparison.Ordinal);
            var name = sep < 0 ? expr : expr[..sep];
            var fallback = sep < 0 ? null : expr[(sep + 2)..];
            var found = lookup(name);
            if (string.IsNullOrEmpty(found))
            {
                found = fallback ?? throw new ConfigException($"{where}: environment variable {name} is not set");
            }

            sb.Append(found);
            i = end + 1;
        }

        return sb.ToString();
    }
}
