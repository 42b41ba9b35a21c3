using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>
/// Makes the <see cref="SqlConnection"/> for a configured connection string. Two things are added to what the string
/// says. Reconnection: a broken idle connection is reopened up to <see cref="DefaultConnectRetryCount"/> times before
/// a command fails (SqlClient's default is once), unless the string sets <c>ConnectRetryCount</c> itself. Microsoft
/// Entra authentication: SqlClient 7 moved its Entra provider into a separate package, so an
/// <c>Authentication=Active Directory ...</c> keyword is served here through <see cref="SqlConnection.AccessTokenCallback"/>
/// with Azure.Identity (see <see cref="EntraTokens"/>); the keyword and the credentials it used are taken out of the
/// string, since SqlClient refuses a callback next to them.
/// </summary>
internal static class SqlServerConnections
{
    public const int DefaultConnectRetryCount = 3;

    public static SqlConnection Create(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "ConnectRetryCount", "Connect Retry Count"))
        {
            builder.ConnectRetryCount = DefaultConnectRetryCount;
        }

        if (!EntraTokens.Handles(builder.Authentication))
        {
            return new SqlConnection(builder.ConnectionString);
        }

        var method = builder.Authentication;
        var userId = NullIfEmpty(builder.UserID);
        var secret = NullIfEmpty(builder.Password);
        builder.Authentication = SqlAuthenticationMethod.NotSpecified;
        builder.Remove("User ID");
        builder.Remove("Password");
        return new SqlConnection(builder.ConnectionString)
        {
            AccessTokenCallback = EntraTokens.Callback(method, userId, secret),
        };
    }

    private static bool Mentions(string connectionString, params string[] keywords)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(raw.ContainsKey);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
