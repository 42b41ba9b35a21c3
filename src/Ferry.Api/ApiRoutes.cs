namespace Ferry.Api;

/// <summary>
/// Every route of the API, the contract both hosts serve: the self-hosted host maps them (<see cref="FerryApiEndpoints"/>),
/// the Functions app declares one HTTP trigger each with the same method and template (a test compares them).
/// </summary>
public static class ApiRoutes
{
    public const string Runs = "api/runs";
    public const string Run = "api/runs/{id}";
    public const string Terminate = "api/runs/{id}/terminate";
    public const string Suspend = "api/runs/{id}/suspend";
    public const string Resume = "api/runs/{id}/resume";
    public const string Event = "api/runs/{id}/events/{name}";
    public const string Rollback = "api/runs/{id}/rollback";
    public const string Reports = "api/runs/{id}/reports";
    public const string History = "api/runs/{id}/history";
    public const string Health = "api/health";
    public const string Ready = "api/ready";

    /// <summary>The OpenAPI document (<c>v1</c>).</summary>
    public const string OpenApi = "api/openapi/{documentName}.json";

    /// <summary>Each route with its HTTP method, upper case.</summary>
    public static IReadOnlyList<(string Method, string Route)> All { get; } =
    [
        ("POST", Runs),
        ("GET", Runs),
        ("GET", Run),
        ("DELETE", Run),
        ("POST", Terminate),
        ("POST", Suspend),
        ("POST", Resume),
        ("POST", Event),
        ("POST", Rollback),
        ("GET", Reports),
        ("GET", History),
        ("GET", Health),
        ("GET", Ready),
    ];
}
