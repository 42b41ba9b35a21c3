using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

public sealed class SimulatedWorkRefusalTests
{
    [Theory]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Simulated_work_outside_development_exits_2_naming_the_setting_before_anything_starts(string verb)
    {
        var config = await UnreachableConfig.WriteAsync("ferry-simulate");
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
