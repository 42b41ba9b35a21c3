using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Ferry.Sample.Config;

/// <summary>Connection strings as they may be written into a configuration file: with a password reference, not a password.</summary>
internal static class ConfigConnection
{
    public const string PasswordReference = "${FERRY_PG_PASSWORD}";

    private static readonly string[] LeadingKeys = ["Host", "Port", "Database", "Username"];

    /// <summary>
    /// Host, port, database and user first, the other keys after, and a literal password replaced by
    /// <see cref="PasswordReference"/> (a password that is already a <c>${...}</c> reference is kept).
    /// </summary>
    public static string WithoutPassword(string connection, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        if (database is not null)
        {
            builder.Database = database;
        }

        var password = builder.Password;
        builder.Remove("Password");
        var sb = new StringBuilder();
        var keys = ((DbConnectionStringBuilder)builder).Keys.Cast<string>().ToList();
        foreach (var key in LeadingKeys.Where(keys.Contains).Concat(keys.Where(k => !LeadingKeys.Contains(k))))
        {
            DbConnectionStringBuilder.AppendKeyValuePair(sb, key, Convert.ToString(builder[key], CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(password))
        {
            sb.Append(";Password=").Append(password.StartsWith("${", StringComparison.Ordinal) ? password : PasswordReference);
        }

        return sb.ToString();
    }
}
