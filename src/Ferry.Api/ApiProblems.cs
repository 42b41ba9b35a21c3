using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ferry.Api;

/// <summary>
/// The API's errors as RFC 9457 problem details (<c>application/problem+json</c>): a status, a title per kind, one
/// line of detail, and where it helps an extension member naming the request <c>field</c> at fault or the <c>run</c>
/// in the way.
/// </summary>
public static class ApiProblems
{
    public static IResult BadRequest(string field, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "The request is not valid", $"{field}: {detail}", new() { ["field"] = field });

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Authentication required", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Not allowed for this role", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>409 naming the run in the way (a live district lease, or the run's own state).</summary>
    public static IResult Conflict(string detail, string? run = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflicts with the state of a run", detail, run is null ? null : new() { ["run"] = run });

    /// <summary>503: something the request needs (a database, storage, the configuration) cannot be reached; nothing was done.</summary>
    public static IResult Unavailable(string detail, Dictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "A dependency is unavailable", detail, extensions);

    private static IResult Problem(int status, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        };
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }
}
