using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ferry.Dashboard;

/// <summary>
/// The operator dashboard: a static page and its script over the HTTP API (<c>api/runs</c>...), served at <c>/</c> by
/// whichever host maps it (the self-hosted host, the Functions app). The page and its assets hold no data and need no
/// sign-in; every call the script makes goes to the API with the user's bearer token, and the API decides what the
/// caller's role may see and do. The Functions app's HTTP triggers call <see cref="Page"/> and <see cref="Asset(string, DashboardOptions)"/>
/// on the same <see cref="Routes"/>.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The page's assets, under <c>/dashboard/</c>.</summary>
    public const string AssetsPath = "dashboard";

    /// <summary>
    /// The page's route: the root only. An empty template is what it means, but a Functions HTTP trigger cannot declare
    /// one; an optional segment that must be empty matches the root alone on either host, so both declare this.
    /// </summary>
    public const string PageRoute = "{page:maxlength(0)?}";

    /// <summary>An asset of the page, or <c>config.json</c> (how to sign in).</summary>
    public const string AssetRoute = AssetsPath + "/{asset}";

    /// <summary>Each route with its HTTP method, upper case, as both hosts serve them.</summary>
    public static IReadOnlyList<(string Method, string Route)> Routes { get; } = [("GET", PageRoute), ("GET", AssetRoute)];

    private const string ConfigAsset = "config.json";

    private static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["msal-browser.min.js"] = "text/javascript; charset=utf-8",
        ["redirect.html"] = "text/html; charset=utf-8",
        ["msal-redirect-bridge.min.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>
    /// Maps <see cref="Routes"/>: <c>GET /</c> (the page) and <c>GET /dashboard/{asset}</c> (its assets and
    /// <c>config.json</c>), left out of the API's OpenAPI document.
    /// </summary>
    public static IEndpointConventionBuilder MapFerryDashboard(this IEndpointRouteBuilder endpoints, DashboardOptions options)
    {
        var group = endpoints.MapGroup("").WithTags("dashboard").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/" + PageRoute, Page);
        group.MapGet("/" + AssetRoute, (string asset) => Asset(asset, options));
        return group;
    }

    /// <summary>The page (<c>index.html</c>).</summary>
    public static IResult Page() => Asset("index.html");

    /// <summary>An asset of the page by name, <c>config.json</c> built from <paramref name="options"/>; 404 for any other name.</summary>
    public static IResult Asset(string asset, DashboardOptions options) =>
        asset == ConfigAsset ? Results.Json(Config(options)) : Asset(asset);

    /// <summary>What the page needs to sign in; never a secret (a client id and an authority are public).</summary>
    internal static object Config(DashboardOptions options) => new
    {
        entra = options.ClientId is { Length: > 0 } && Has("msal-browser.min.js") && Has("msal-redirect-bridge.min.js")
            ? new { clientId = options.ClientId, authority = options.Authority, scope = options.Scope, knownAuthorities = options.KnownAuthorities }
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
