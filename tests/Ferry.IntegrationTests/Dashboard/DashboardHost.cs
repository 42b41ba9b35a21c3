using System.Text;
using Ferry.Api.Auth;
using Ferry.Dashboard;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;

namespace Ferry.IntegrationTests.Dashboard;

/// <summary>
/// A host that maps the dashboard beside a small stand-in of the HTTP API's run routes, with the API's payload
/// shapes: a run started through it advances one entity per status read until it completes, and its reports route
/// lists a summary page served by the same host. Calls without the expected bearer token get 401, as from the API;
/// or, started with <see cref="StartWithEntraAsync"/>, every call is checked as the API checks it.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, int> _reads = [];
    private readonly Lock _gate = new();

    private DashboardHost(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public List<string> Started { get; } = [];

    /// <summary>An unsigned token of the API's shape (name and roles claims): the page only reads it, the stand-in only compares it.</summary>
    public static string TokenFor(string name, params string[] roles)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var claims = System.Text.Json.JsonSerializer.Serialize(new { name, roles });
        return $"{Part("{\"alg\":\"none\"}")}.{Part(claims)}.x";
    }

    public static async Task<DashboardHost> StartAsync(string token, DashboardOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        return await StartAsync(builder, options, (context, next) =>
            context.HttpContext.Request.Headers.Authorization == $"Bearer {token}" ? next(context) : ValueTask.FromResult<object?>(Results.Unauthorized()));
    }

    /// <summary>
    /// The stand-in with the API's own bearer check instead of a token comparison: the schemes
    /// <see cref="ApiAuthentication"/> registers from <paramref name="settings"/> (the <c>AzureAd</c> section an
    /// operator sets), in the Production environment (Entra ID tokens only), and the role check of
    /// <see cref="Access"/> (reads for an auditor or an operator, starting a run for an operator). The API reaches the
    /// authority's metadata and keys through <paramref name="backchannel"/>.
    /// </summary>
    public static async Task<DashboardHost> StartWithEntraAsync(DashboardOptions options, IReadOnlyDictionary<string, string?> settings, Func<HttpMessageHandler> backchannel)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        ApiAuthentication.Add(builder.Services, builder.Configuration, builder.Environment);
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = backchannel());
        // Microsoft.Identity.Web reads the issuer's metadata again to validate it, through the HTTP client this names.
        builder.Services.AddHttpClient(nameof(LocalOpenIdAuthority)).ConfigurePrimaryHttpMessageHandler(backchannel);
        builder.Services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = nameof(LocalOpenIdAuthority));
        return await StartAsync(builder, options, async (context, next) =>
        {
            var http = context.HttpContext;
            var (_, refusal) = await Access.RequireAsync(http, HttpMethods.IsGet(http.Request.Method) ? ApiRoles.Readers : ApiRoles.Operators);
            return refusal ?? await next(context);
        });
    }

    private static async Task<DashboardHost> StartAsync(WebApplicationBuilder builder, DashboardOptions options, Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> check)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new DashboardHost(app);
        app.MapFerryDashboard(options);
        var api = app.MapGroup("/api").AddEndpointFilter((context, next) => check(context, next));
        api.MapGet("/runs", host.List);
        api.MapPost("/runs", host.Start);
        api.MapGet("/runs/{id}", (string id) => host.Details(id));
        api.MapGet("/runs/{id}/reports", (HttpContext http, string id) => Results.Json(new
        {
            id,
            run = Guid.Empty,
            location = "test",
            files = new[] { new { path = $"runs/{id}/summary.html", bytes = 10, link = $"{http.Request.Scheme}://{http.Request.Host}/files/{id}/summary.html" } },
        }));
        app.MapGet("/files/{id}/summary.html", (string id) => Results.Content($"<html><body><h1>report {id}</h1></body></html>", "text/html"));
        await app.StartAsync();
        return host;
    }

    private const int Entities = 3;

    private static readonly string[] EntityNames = ["dbo.School", "dbo.Student", "dbo.StudentSchoolAssociation"];

    private IResult List()
    {
        lock (_gate)
        {
            return Results.Json(new { runs = Started.Select(id => new { id, runtimeStatus = Status(id), mode = "run", districts = new[] { "d001" }, createdAt = DateTimeOffset.UtcNow, lastUpdatedAt = DateTimeOffset.UtcNow }), continuationToken = (string?)null });
        }
    }

    private IResult Start() => Results.Json(new { id = AddRun() }, statusCode: 202);

    /// <summary>A run as if started through the API: it is listed and advances from then on.</summary>
    public string AddRun()
    {
        lock (_gate)
        {
            var id = $"run-{Started.Count + 1}";
            Started.Add(id);
            _reads[id] = 0;
            return id;
        }
    }

    private IResult Details(string id)
    {
        lock (_gate)
        {
            if (!_reads.TryGetValue(id, out var reads))
            {
                return Results.NotFound();
            }

            _reads[id] = reads + 1;
            var done = Math.Min(Entities, reads / 2);
            return Results.Json(new
            {
                id,
                runtimeStatus = Status(id),
                customStatus = new
                {
                    mode = "run",
                    phase = done == Entities ? "completed" : "loading",
                    districts = new Dictionary<string, object> { ["d001"] = new { state = done == Entities ? "completed" : "loading", entitiesDone = done, entitiesPlanned = Entities, rowsLoaded = done * 100, rowsQuarantined = done, failure = (string?)null } },
                },
                overall = new { doneRows = done * 101, plannedRows = (long?)(Entities * 101), percent = (int?)(done * 100 / Entities), rowsPerSecond = 42.0, etaSeconds = done == Entities ? 0L : (long?)(Entities - done) * 3, windowSeconds = 10 },
                progress = Enumerable.Range(1, Entities).Select(i => new { district = "d001", entity = EntityNames[i - 1], state = i <= done ? "loaded" : "pending", planned = 101, loaded = i <= done ? 100 : 0, quarantined = i <= done ? 1 : 0, remaining = i <= done ? 0 : 101, batches = 1, batchesDone = i <= done ? 1 : 0 }),
            });
        }
    }

    private string Status(string id) => _reads[id] / 2 >= Entities ? "Completed" : "Running";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
