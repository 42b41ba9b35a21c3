using System.Data.Common;

namespace Ferry.Core.Configuration;

/// <summary>Connection strings as they may be shown to people: without any secret.</summary>
public static class ConnectionStrings
{
    private static readonly string[] Secrets = ["password", "pwd", "psw", "accountkey", "sharedaccesssignature", "access token"];

    /// <summary>The connection string with every secret-bearing value replaced by <c>***</c>.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (Secrets.Contains(key.ToLowerInvariant()))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>A short description such as <c>127.0.0.1:55432/legacy_d001</c> for messages.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new DbConnectionStringBuilder { ConnectionString = connectionString };
            string? Get(params string[] keys) => keys.Select(k => b.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            var host = Get("Host", "Server", "Data Source", "Address") ?? "?";
            var port = Get("Port");
            var db = Get("Database", "Initial Catalog") ?? "";
            return $"{host}{(port is null ? "" : ":" + port)}/{db}";
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>The database a connection string names (<c>Database</c> or <c>Initial Catalog</c>), if it names one.</summary>
    public static string? Database(string connectionString)
    {
        try
        {
            var b = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return new[] { "Database", "Initial Catalog" }.Select(k => b.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
