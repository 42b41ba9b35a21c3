namespace Ferry.Orchestration.Tests.Support;

/// <summary>A valid configuration whose databases cannot be reached: for refusals that must come before any connection.</summary>
public static class UnreachableConfig
{
    public static async Task<string> WriteAsync(string prefix)
    {
        var config = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, """
            target: "Host=127.0.0.1;Port=1;Database=none;Username=postgres"
            uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
            districts:
              - id: d001
                tenant: "6a1f7c1e-0000-4000-8000-000000000001"
                source: { provider: postgres, connection: "Host=127.0.0.1;Port=1;Database=none;Username=postgres" }
            """);
        return config;
    }
}
