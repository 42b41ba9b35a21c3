using System.Security.Claims;

namespace Ferry.Api.Auth;

/// <summary>Who called, as the operator actions table records it: a display name and the role the action used.</summary>
public sealed record Caller(string Name, string Role)
{
    private static readonly string[] RoleClaims = ["roles", ClaimTypes.Role, "role"];

    private static readonly string[] NameClaims = ["name", "preferred_username", ClaimTypes.Name, "upn", "oid", "sub", "azp", "appid"];

    /// <summary>The app roles a principal carries, whichever claim type its token handler mapped them to.</summary>
    public static IReadOnlySet<string> RolesOf(ClaimsPrincipal principal) =>
        principal.Claims.Where(c => RoleClaims.Contains(c.Type)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public static string NameOf(ClaimsPrincipal principal) =>
        NameClaims.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "unknown";
}
