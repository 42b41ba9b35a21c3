using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

public sealed class SimulatedWorkRefusalTests
{
    [Theory]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Simulated_work_outside_development_exits_2_naming_the_setting_before_anything_starts(string verb)
    {
        var config = Path.Combine(Path.GetTempPath(), $"ferry-simulate-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, """
            target: "Host=127.0.0.1;Port=1;Database=none;Username=postgres"
            uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
            districts:
              - id: d001
                tenant: "6a1f7c1e-0000-4000-8000-000000000001"
                source: { provider: postgres, connection: "Host=127.0.0.1;Port=1;Database=none;Username=postgres" }
            """);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["FerryHost__SimulateWork"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        string[] args = verb == "serve" ? ["serve", "--config", config, "--urls", "http://127.0.0.1:0"] : ["worker", "--config", config];

        var (exit, output) = await DmProcess.RunAsync(environment, TimeSpan.FromMinutes(1), args);

        Assert.Equal(2, exit);
        Assert.Contains("FerryHost__SimulateWork=true is honoured only in the Development environment", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
