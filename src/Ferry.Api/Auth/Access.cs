using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Auth;

/// <summary>
/// The check every handler makes first, in the handler rather than in a middleware so that the self-hosted host and
/// the Functions app (whose HTTP triggers run outside ASP.NET Core's authorization middleware) enforce exactly the
/// same rule: a valid bearer token of one of the registered schemes (401 otherwise), carrying one of the allowed app
/// roles (403 otherwise).
/// </summary>
public static class Access
{
    /// <summary>The caller, or the 401/403 problem to answer with.</summary>
    public static async Task<(Caller? Caller, IResult? Refusal)> RequireAsync(HttpContext http, IReadOnlyList<string> allowed)
    {
        var schemes = http.RequestServices.GetRequiredService<ApiAuthSchemes>();
        foreach (var scheme in schemes.Names)
        {
            var result = await http.AuthenticateAsync(scheme);
            if (!result.Succeeded || result.Principal is null)
            {
                continue;
            }

            var roles = Caller.RolesOf(result.Principal);
            var role = allowed.FirstOrDefault(roles.Contains);
            if (role is null)
            {
                var has = roles.Count == 0 ? "no app role" : $"only {string.Join(", ", roles.Order(StringComparer.Ordinal))}";
                return (null, ApiProblems.Forbidden($"this needs the app role {string.Join(" or ", allowed)}; the token carries {has}"));
            }

            http.User = result.Principal;
            return (new Caller(Caller.NameOf(result.Principal), role), null);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return (null, ApiProblems.Unauthorized(http.Request.Headers.Authorization.Count == 0
            ? "no bearer token: send Authorization: Bearer <token> from Microsoft Entra ID"
            : "the bearer token is not valid here (expired, wrong audience or issuer, or bad signature)"));
    }
}
