using System.Text.Json;
using System.Text.Json.Nodes;
using Ferry.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Tests.Functions;

public sealed class OpenApiDocumentTests
{
    /// <summary>Set to 1 to write the self-hosted host's live document over the published one (then build again).</summary>
    private const string UpdateSetting = "FERRY_UPDATE_OPENAPI";

    private static string PublishedPath => Path.Combine(FunctionsApp.Root, "src", "Ferry.Api", "OpenApi", "v1.json");

    [Fact]
    public async Task Published_document_equals_the_self_hosted_hosts_live_document()
    {
        await using var host = await SelfHostedApp.StartAsync();
        var live = JsonNode.Parse(await host.Http.GetStringAsync("/" + ApiRoutes.OpenApi.Replace("{documentName}", "v1", StringComparison.Ordinal)))!.AsObject();

        // The servers list names the address the request came in on: not part of the contract.
        live.Remove("servers");
        if (Environment.GetEnvironmentVariable(UpdateSetting) == "1")
        {
            await File.WriteAllTextAsync(PublishedPath, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        await using var stream = PublishedOpenApi.Open("v1");
        Assert.NotNull(stream);
        var published = await JsonNode.ParseAsync(stream);
        Assert.True(
            JsonNode.DeepEquals(live, published),
            $"{PublishedPath} differs from the document the self-hosted host generates: run these tests with {UpdateSetting}=1, build again and commit the file");
        Assert.True(live["paths"]!.AsObject().Count >= ApiRoutes.All.Select(r => r.Route).Distinct().Count());
    }

    [Fact]
    public async Task Functions_handler_serves_the_published_document_and_404_for_another_name()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var served = await ExecuteAsync(PublishedOpenApi.Document("v1"), services);
        var missing = await ExecuteAsync(PublishedOpenApi.Document("v2"), services);

        Assert.Equal(StatusCodes.Status200OK, served.StatusCode);
        Assert.StartsWith("application/json", served.ContentType, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(PublishedPath), served.Body);
        Assert.Equal(StatusCodes.Status404NotFound, missing.StatusCode);
        Assert.Contains("v2", missing.Body, StringComparison.Ordinal);
    }

    private static async Task<(int StatusCode, string? ContentType, string Body)> ExecuteAsync(IResult result, IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.ContentType, await new StreamReader(http.Response.Body).ReadToEndAsync());
    }
}
