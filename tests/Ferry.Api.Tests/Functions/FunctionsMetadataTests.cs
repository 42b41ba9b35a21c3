using System.Reflection;
using System.Text.Json;
using Ferry.Api.Tests.Support;
using Ferry.Dashboard;
using Ferry.Orchestration;

namespace Ferry.Api.Tests.Functions;

public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<JsonElement> Declared = FunctionsApp.Functions();

    [Fact]
    public void Every_orchestration_name_has_exactly_one_function_with_the_right_trigger()
    {
        var names = typeof(OrchestrationNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var function = Assert.Single(Declared, f => FunctionsApp.Name(f) == name);
            var expected = OrchestrationNames.Orchestrators.Contains(name) ? "orchestrationTrigger" : "activityTrigger";
            Assert.Equal(expected, FunctionsApp.Trigger(function).GetProperty("type").GetString());
        }

        // Nothing orchestration-triggered that the library does not name: a replay must find the same code in either host.
        var durable = Declared.Where(f => FunctionsApp.Trigger(f).GetProperty("type").GetString() is "orchestrationTrigger" or "activityTrigger").Select(FunctionsApp.Name);
        Assert.Equal(names.Order(StringComparer.Ordinal), durable.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Http_triggers_are_anonymous_and_serve_exactly_the_routes_of_the_api_its_document_and_the_dashboard()
    {
        var http = Declared.Select(FunctionsApp.Trigger).Where(t => t.GetProperty("type").GetString() == "httpTrigger").ToList();
        Assert.All(http, t => Assert.Equal("Anonymous", t.GetProperty("authLevel").GetString(), ignoreCase: true));
        var expected = ApiRoutes.All.Append(("GET", ApiRoutes.OpenApi)).Concat(DashboardEndpoints.Routes).Order().ToList();
        Assert.Equal(expected, HttpRoutes());
    }

    [Fact]
    public async Task Http_routes_equal_the_self_hosted_hosts_including_the_openapi_document_and_the_dashboard()
    {
        await using var host = await SelfHostedApp.StartAsync();
        var hosted = host.Routes();
        Assert.Contains(("GET", ApiRoutes.OpenApi), hosted);
        Assert.Contains(("GET", DashboardEndpoints.PageRoute), hosted);
        Assert.Equal(hosted, HttpRoutes());
    }

    [Fact]
    public void Http_triggers_take_the_durable_client_binding_where_they_drive_runs()
    {
        foreach (var function in Declared.Where(f => FunctionsApp.Trigger(f).GetProperty("type").GetString() == "httpTrigger"))
        {
            var route = FunctionsApp.Trigger(function).GetProperty("route").GetString();
            var client = function.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient");
            Assert.Equal(route!.StartsWith("api/runs", StringComparison.Ordinal), client);
        }
    }

    [Fact]
    public void Delta_tick_is_a_timer_on_the_schedule_setting_with_a_durable_client()
    {
        var tick = Assert.Single(Declared, f => FunctionsApp.Name(f) == "DeltaTick");
        var trigger = FunctionsApp.Trigger(tick);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%FERRY_DELTA_TICK%", trigger.GetProperty("schedule").GetString());
        Assert.Contains(tick.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void Build_output_ships_host_json_from_the_repository_root_and_the_extensions()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(FunctionsApp.Root, "host.json")), File.ReadAllText(Path.Combine(FunctionsApp.Output, "host.json")));
        Assert.Contains("DurableTask", File.ReadAllText(Path.Combine(FunctionsApp.Output, "extensions.json")));
    }

    private static List<(string Method, string Route)> HttpRoutes() =>
        Declared.Select(FunctionsApp.Trigger).Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(t => t.GetProperty("methods").EnumerateArray().Select(m => (Method: m.GetString()!.ToUpperInvariant(), Route: t.GetProperty("route").GetString()!)))
            .Order()
            .ToList();
}
