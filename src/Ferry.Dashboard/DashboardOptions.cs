namespace Ferry.Dashboard;

/// <summary>
/// How the dashboard signs its user in, bound from the <c>Dashboard</c> section: with Microsoft Entra ID when
/// <see cref="ClientId"/> is set (the single-page application registration; tokens for <see cref="Scope"/>, the API's
/// scope), and with a pasted development token when <see cref="DevelopmentSignIn"/> is on (a local host only: the API
/// honours development tokens only in the Development environment).
/// </summary>
public sealed record DashboardOptions
{
    public const string Section = "Dashboard";

    public string? ClientId { get; init; }

    /// <summary>The authority, e.g. <c>https://login.microsoftonline.com/{tenant}</c>.</summary>
    public string? Authority { get; init; }

    /// <summary>The API scope the dashboard asks a token for, <c>api://{API client id}/user_impersonation</c> as the API's registration exposes it.</summary>
    public string? Scope { get; init; }

    /// <summary>
    /// Hosts (with their port, if any) of authorities MSAL.js trusts without asking Microsoft's instance discovery,
    /// e.g. an Entra External ID custom domain. Empty for Entra ID's own hosts, which MSAL.js knows.
    /// </summary>
    public IReadOnlyList<string> KnownAuthorities { get; init; } = [];

    public bool DevelopmentSignIn { get; init; }
}
