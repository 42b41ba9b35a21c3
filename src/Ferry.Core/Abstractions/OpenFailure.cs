using System.Data.Common;
using System.Text.RegularExpressions;
using Ferry.Core.Configuration;

namespace Ferry.Core.Abstractions;

/// <summary>
/// The one-line <see cref="SourceUnavailableException"/> for a connection that could not be opened. The client
/// library does not echo passwords today, but the message may reach logs and reports, so any password value in it
/// is masked regardless.
/// </summary>
public static partial class OpenFailure
{
    public static SourceUnavailableException Create(string what, string connectionString, string reason, Exception inner)
    {
        var line = Whitespace().Replace(reason, " ").Trim();
        foreach (var secret in Passwords(connectionString))
        {
            // Only where the password stands as its own token: a short one such as "x" would otherwise be cut out
            // of every word that contains it ("e***ception"), and an echoed password is always a token.
            var token = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(secret) + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant);
            line = token.Replace(line, "***");
        }

        return new SourceUnavailableException($"cannot open {what} {ConnectionStrings.Describe(connectionString)}: {line}", inner);
    }

    private static IEnumerable<string> Passwords(string connectionString)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            yield break;
        }

        foreach (var key in new[] { "Password", "Pwd", "Psw" })
        {
            if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } secret)
            {
                yield return secret;
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
