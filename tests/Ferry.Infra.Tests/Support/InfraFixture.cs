using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Ferry.Infra.Tests.Support;

/// <summary>
/// Runs the Bicep CLI once per need for all infrastructure tests: the lint of every file, the compiled main
/// template, and a deployment snapshot per scenario. Each is computed on first use and shared.
/// </summary>
public sealed class InfraFixture : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("ferry-infra-tests-").FullName;
    private readonly Lazy<IReadOnlyList<BicepDiagnostic>> lint;
    private readonly Lazy<JsonObject> mainTemplate;
    private readonly ConcurrentDictionary<string, Lazy<DeploymentSnapshot>> snapshots = new();

    public InfraFixture()
    {
        lint = new(() => BicepCli.Lint(RepositoryPaths.Infra, "**/*.bicep"));
        mainTemplate = new(() => BicepCli.Build(Path.Combine(RepositoryPaths.Infra, "main.bicep")));
    }

    internal IReadOnlyList<BicepDiagnostic> LintDiagnostics => lint.Value;

    internal JsonObject MainTemplate => mainTemplate.Value;

    internal string Scratch => scratch;

    internal DeploymentSnapshot Snapshot(Scenario scenario) =>
        snapshots.GetOrAdd(scenario.Name, _ => new Lazy<DeploymentSnapshot>(() => Evaluate(scenario))).Value;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private DeploymentSnapshot Evaluate(Scenario scenario)
    {
        var directory = Directory.CreateDirectory(Path.Combine(scratch, scenario.Name)).FullName;
        // A parameters file must name its template by a relative path.
        var main = Path.GetRelativePath(directory, Path.Combine(RepositoryPaths.Infra, "main.bicep")).Replace('\\', '/');
        var file = Path.Combine(directory, scenario.Name + ".bicepparam");
        File.WriteAllText(file, $"using '{main}'\n\n{scenario.Parameters}\n");
        var root = BicepCli.Snapshot(file, Scenario.SubscriptionId, Scenario.TenantId, Scenario.Location);
        return new DeploymentSnapshot(scenario, root);
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "Bicep";
}
