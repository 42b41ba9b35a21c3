using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ferry.Api.Tests.Functions;

public sealed partial class FunctionsSettingsTests
{
    [Fact]
    public void Host_json_names_the_hub_an_empty_route_prefix_and_short_visibility_timeouts()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Root, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var durable = extensions.GetProperty("durableTask");
        Assert.Equal("ferry", durable.GetProperty("hubName").GetString());
        var storage = durable.GetProperty("storageProvider");
        foreach (var timeout in new[] { "controlQueueVisibilityTimeout", "workItemQueueVisibilityTimeout" })
        {
            Assert.True(TimeSpan.Parse(storage.GetProperty(timeout).GetString()!) <= TimeSpan.FromMinutes(1), $"{timeout} brings a dead worker's work back within a minute");
        }

        Assert.True(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_of_the_solution()
    {
        var azure = File.ReadAllText(Path.Combine(FunctionsApp.Root, "azure.yaml"));
        var project = ProjectLine().Match(azure).Groups[1].Value;
        Assert.Equal("./src/Ferry.Functions", project);
        var directory = Path.GetFullPath(Path.Combine(FunctionsApp.Root, project));
        var csproj = Assert.Single(Directory.GetFiles(directory, "*.csproj"));
        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", File.ReadAllText(csproj));
        Assert.Contains(@"src\Ferry.Functions\Ferry.Functions.csproj", File.ReadAllText(Path.Combine(FunctionsApp.Root, "Functions.sln")));
        Assert.True(File.Exists(Path.Combine(FunctionsApp.Output, "Ferry.Functions.dll")), "the solution's build produced the app");
        Assert.True(File.Exists(Path.Combine(FunctionsApp.Output, "worker.config.json")));
    }

    [Fact]
    public void Sample_settings_are_in_the_functions_shape_with_the_timer_default()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Root, "local.settings.sample.json")));
        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = sample.RootElement.GetProperty("Values");
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        // The Functions host resolves the timer's %FERRY_DELTA_TICK% from the settings, not from the app's code: the
        // sample carries the default the self-hosted host applies when the setting is absent.
        Assert.Equal(Ferry.Orchestration.Scheduling.TickSchedule.Default, values.GetProperty("FERRY_DELTA_TICK").GetString());
        foreach (var setting in new[] { "AzureWebJobsStorage", "FERRY_CONFIG", "AzureAd__TenantId", "AzureAd__ClientId" })
        {
            Assert.True(values.TryGetProperty(setting, out _), $"{setting} is missing");
        }
    }

    [GeneratedRegex(@"^\s+project:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
