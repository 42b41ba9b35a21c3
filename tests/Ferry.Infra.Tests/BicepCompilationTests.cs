using System.Text.Json.Nodes;
using Ferry.Infra.Tests.Support;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class BicepCompilationTests(InfraFixture infra)
{
    public static TheoryData<string> BicepFiles => new(Files());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_file_has_no_compiler_or_linter_diagnostic(string file)
    {
        var path = Path.Combine(RepositoryPaths.Infra, file);
        var found = infra.LintDiagnostics.Where(d => d.File == path).ToList();
        Assert.True(found.Count == 0, "diagnostics:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Lint_reports_nothing_for_any_file_under_infra()
    {
        Assert.True(infra.LintDiagnostics.Count == 0, "diagnostics:\n" + string.Join('\n', infra.LintDiagnostics));
    }

    [Fact]
    public void Every_bicep_file_compiles_to_an_arm_template_without_warnings()
    {
        var output = Path.Combine(infra.Scratch, "build");
        var result = BicepCli.BuildAll(RepositoryPaths.Infra, "**/*.bicep", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Warning", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", result.Stderr, StringComparison.Ordinal);
        foreach (var file in Files())
        {
            var json = Path.Combine(output, Path.ChangeExtension(file, ".json"));
            Assert.True(File.Exists(json), $"{file} produced no template");
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(json))?["$schema"]);
        }
    }

    [Fact]
    public void Linter_configuration_turns_the_recommended_rules_into_errors()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        Assert.True(core["enabled"]!.GetValue<bool>());
        var rules = core["rules"]!.AsObject();
        string[] recommended =
        [
            "no-hardcoded-env-urls", "no-unused-params", "no-unused-vars", "outputs-should-not-contain-secrets",
            "secure-parameter-default", "secure-secrets-in-params", "use-secure-value-for-secure-inputs",
            "protect-commandtoexecute-secrets", "secure-params-in-nested-deploy", "use-resource-symbol-reference",
            "no-unnecessary-dependson", "use-stable-resource-identifiers", "prefer-interpolation",
        ];
        foreach (var rule in recommended)
        {
            Assert.True(rules.ContainsKey(rule), $"rule {rule} is not configured");
        }

        foreach (var (rule, setting) in rules)
        {
            Assert.True(setting!["level"]!.GetValue<string>() == "error", $"rule {rule} is not at level error");
        }
    }

    [Fact]
    public void Linter_configuration_rejects_a_file_that_breaks_its_rules()
    {
        // The same configuration, applied to a file with an unused parameter and a hard-coded cloud host name, must
        // report both as errors: proof that the clean lint above is the configuration passing, not it being ignored.
        var probe = Directory.CreateDirectory(Path.Combine(infra.Scratch, "lint-probe")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json"), Path.Combine(probe, "bicepconfig.json"), true);
        File.WriteAllText(Path.Combine(probe, "probe.bicep"), """
            param unused string
            output endpoint string = 'https://example.blob.core.windows.net'
            """);

        var found = BicepCli.Lint(probe, "*.bicep");

        Assert.Contains(found, d => d.Code == "no-unused-params" && d.Level == "error");
        Assert.Contains(found, d => d.Code == "no-hardcoded-env-urls" && d.Level == "error");
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Deployment_evaluates_offline_without_diagnostics(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));

        Assert.Empty(snapshot.Diagnostics);
        Assert.NotEmpty(snapshot.Resources);
    }

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Infra, f))
            .Order(StringComparer.Ordinal);
}
