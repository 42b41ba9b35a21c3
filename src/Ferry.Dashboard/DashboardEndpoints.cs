using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ferry.Dashboard;

/// <summary>
/// The operator dashboard: a static page and its script over the HTTP API (<c>api/runs</c>...), served at <c>/</c> by
/// whichever host maps it (the self-hosted host, the Functions app). The page and its assets hold no data and need no
/// sign-in; every call the script makes goes to the API with the user's bearer token, and the API decides what the
/// caller's role may see and do.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The page's assets, under <c>/dashboard/</c>.</summary>
    public const string AssetsPath = "dashboard";

    private static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["msal-browser.min.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>Maps <c>GET /</c> (the page), <c>GET /dashboard/{asset}</c> and <c>GET /dashboard/config.json</c> (how to sign in).</summary>
    public static IEndpointConventionBuilder MapFerryDashboard(this IEndpointRouteBuilder endpoints, DashboardOptions options)
    {
        var group = endpoints.MapGroup("").WithTags("dashboard").AllowAnonymous();
        group.MapGet("/", () => Asset("index.html"));
        group.MapGet($"/{AssetsPath}/config.json", () => Results.Json(Config(options)));
        group.MapGet($"/{AssetsPath}/{{asset}}", (string asset) => Asset(asset));
        return group;
    }

    /// <summary>What the page needs to sign in; never a secret (a client id and an authority are public).</summary>
    internal static object Config(DashboardOptions options) => new
    {
        entra = options.ClientId is { Length: > 0 } && Has("msal-browser.min.js")
            ? new { clientId = options.ClientId, authority = options.Authority, scope = options.Scope }
            : null,
        developmentSignIn = options.DevelopmentSignIn,
    };

    private static IResult Asset(string name)
    {
        if (!ContentTypes.TryGetValue(name, out var type) || Open(name) is not { } stream)
        {
            return Results.NotFound();
        }

        return Results.Stream(stream, type);
    }

    private static bool Has(string name) => Assembly.GetManifestResourceInfo($"Ferry.Dashboard.{name}") is not null;

    private static Stream? Open(string name) => Assembly.GetManifestResourceStream($"Ferry.Dashboard.{name}");

    private static Assembly Assembly => typeof(DashboardEndpoints).Assembly;
}
