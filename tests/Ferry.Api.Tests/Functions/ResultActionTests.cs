using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Tests.Functions;

public sealed class ResultActionTests
{
    [Fact]
    public async Task Functions_answer_is_the_handlers_problem_unchanged()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var action = await ResultAction.Of(Task.FromResult(ApiProblems.BadRequest("districts[0]", "unknown district 'd9'")));
        await action.ExecuteResultAsync(new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("districts[0]", problem.RootElement.GetProperty("field").GetString());
        Assert.Equal("districts[0]: unknown district 'd9'", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Functions_answer_keeps_the_accepted_status_and_location()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var action = new ResultAction(TypedResults.Accepted("http://host/api/runs/r1", new { id = "r1" }));
        await action.ExecuteResultAsync(new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.Equal("http://host/api/runs/r1", http.Response.Headers.Location.ToString());
    }
}
