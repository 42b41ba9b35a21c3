using Microsoft.AspNetCore.Http;

namespace Ferry.Api;

/// <summary>
/// The OpenAPI document of the API as the self-hosted host generates it from its endpoints, checked in
/// (<c>OpenApi/{name}.json</c>, embedded) for the Functions app, whose triggers carry no endpoint metadata to generate
/// it from: both hosts serve the same document at <see cref="ApiRoutes.OpenApi"/>. A test compares it with the
/// self-hosted host's live document, so a route or payload changed without it fails the build's tests.
/// </summary>
public static class PublishedOpenApi
{
    /// <summary>The document named (<c>v1</c>), or 404.</summary>
    public static IResult Document(string documentName) =>
        Open(documentName) is { } stream
            ? Results.Stream(stream, "application/json; charset=utf-8")
            : ApiProblems.NotFound($"no OpenAPI document '{documentName}' (there is v1)");

    /// <summary>The document's bytes, or null when there is no document of that name.</summary>
    public static Stream? Open(string documentName) =>
        typeof(PublishedOpenApi).Assembly.GetManifestResourceStream($"Ferry.Api.OpenApi.{documentName}.json");
}
