using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>
/// Access tokens for Microsoft Entra authentication, from Azure.Identity. Each supported <c>Authentication</c>
/// keyword has its credential: Default (environment, workload identity, managed identity, developer sign-ins in
/// turn), Managed Identity (system-assigned, or user-assigned when <c>User Id</c> holds its client id), Workload
/// Identity, and Service Principal (<c>User Id</c> is the application id, <c>Password</c> its secret, the tenant the
/// one the server names). The methods that need a person at a prompt (Interactive, Device Code Flow) or that Entra
/// is retiring (Password, Integrated) are refused with one line: a migration runs unattended.
/// </summary>
internal static partial class EntraTokens
{
    // Credentials cache their tokens, so one per (method, identity) lives for the process.
    private static readonly ConcurrentDictionary<(SqlAuthenticationMethod, string?, string?), TokenCredential> Credentials = new();

    /// <summary>Every Entra method: the supported ones get a callback, the others are refused (SqlClient 7 alone cannot serve any).</summary>
    public static bool Handles(SqlAuthenticationMethod method) => method is not (SqlAuthenticationMethod.NotSpecified or SqlAuthenticationMethod.SqlPassword);

    private static bool Supported(SqlAuthenticationMethod method) => method is
        SqlAuthenticationMethod.ActiveDirectoryDefault or SqlAuthenticationMethod.ActiveDirectoryManagedIdentity
        or SqlAuthenticationMethod.ActiveDirectoryMSI or SqlAuthenticationMethod.ActiveDirectoryWorkloadIdentity
        or SqlAuthenticationMethod.ActiveDirectoryServicePrincipal;

    /// <summary>
    /// The callback SqlClient calls whenever it needs a token. Unsupported methods throw
    /// <see cref="InvalidOperationException"/> here, before any connection is attempted.
    /// </summary>
    public static Func<SqlAuthenticationParameters, CancellationToken, Task<SqlAuthenticationToken>> Callback(
        SqlAuthenticationMethod method, string? userId, string? secret)
    {
        RequireSupported(method);
        return (parameters, cancellationToken) => AcquireAsync(
            Credentials.GetOrAdd((method, userId, TenantOf(parameters.Authority)), key => Credential(key.Item1, userId, secret, key.Item3)),
            parameters,
            cancellationToken);
    }

    /// <summary>The token for the resource SqlClient names, as SqlClient wants it.</summary>
    public static async Task<SqlAuthenticationToken> AcquireAsync(TokenCredential credential, SqlAuthenticationParameters parameters, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope(parameters.Resource)]), cancellationToken);
        return new SqlAuthenticationToken(token.Token, token.ExpiresOn);
    }

    /// <summary>The Entra scope of a resource: <c>https://database.windows.net/</c> becomes <c>https://database.windows.net/.default</c>.</summary>
    public static string Scope(string resource) =>
        resource.EndsWith("/.default", StringComparison.Ordinal) ? resource : resource.TrimEnd('/') + "/.default";

    public static TokenCredential Credential(SqlAuthenticationMethod method, string? userId, string? secret, string? tenant)
    {
        RequireSupported(method);
        return method switch
        {
            SqlAuthenticationMethod.ActiveDirectoryDefault => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = userId }),
            SqlAuthenticationMethod.ActiveDirectoryManagedIdentity or SqlAuthenticationMethod.ActiveDirectoryMSI => userId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(userId)),
            SqlAuthenticationMethod.ActiveDirectoryWorkloadIdentity => new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions { ClientId = userId }),
            _ => new ClientSecretCredential(
                tenant ?? throw new InvalidOperationException("Active Directory Service Principal: the server named no tenant"),
                userId ?? throw new InvalidOperationException("Active Directory Service Principal needs User Id (the application id)"),
                secret ?? throw new InvalidOperationException("Active Directory Service Principal needs Password (the client secret)")),
        };
    }

    private static void RequireSupported(SqlAuthenticationMethod method)
    {
        if (!Supported(method))
        {
            throw new InvalidOperationException(
                $"Authentication={Keyword(method)} is not supported: a migration runs unattended; use Active Directory Default, Active Directory Managed Identity, Active Directory Workload Identity or Active Directory Service Principal");
        }
    }

    // The authority SqlClient passes looks like https://login.microsoftonline.com/<tenant>/.
    private static string? TenantOf(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.Segments.Select(s => s.Trim('/')).LastOrDefault(s => s.Length > 0) : null;

    // The keyword as the connection string spells it: ActiveDirectoryDeviceCodeFlow is "Active Directory Device Code Flow".
    private static string Keyword(SqlAuthenticationMethod method) => Words().Replace(method.ToString(), " $1");

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
