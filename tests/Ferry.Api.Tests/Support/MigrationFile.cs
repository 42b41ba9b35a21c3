namespace Ferry.Api.Tests.Support;

/// <summary>A migration configuration file for the API tests: two districts on the test database, reports optional.</summary>
public static class MigrationFile
{
    public static string Write(string target, string? reports = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ferry-api-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $$"""
            target: "{{target}}"
            uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
            districts:
              - id: d001
                tenant: "6a1f7c1e-0000-4000-8000-000000000001"
                source: { provider: postgres, connection: "{{target}}" }
              - id: d002
                tenant: "6a1f7c1e-0000-4000-8000-000000000002"
                source: { provider: postgres, connection: "{{target}}" }
            {{reports ?? ""}}
            """);
        return path;
    }
}
