using System.Text.RegularExpressions;
using Ferry.Core.Casting;

namespace Ferry.Core.Tests.Documentation;

public partial class ReadmeTests
{
    [Theory]
    [InlineData("sqlserver")]
    [InlineData("postgres")]
    public void Type_mapping_table_in_the_readme_matches_the_rules(string provider)
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf($"<!-- types:{provider} -->", StringComparison.Ordinal);
        var end = readme.IndexOf($"<!-- /types:{provider} -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README has no types:{provider} block");
        var rows = readme[start..end].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToList();
        Assert.Equal(TypeRules.Describe(provider).ToList(), rows);
    }

    [Fact]
    public void Readme_opens_with_the_two_setup_commands_that_ci_uses()
    {
        var readme = RepositoryFiles.Read("README.md");
        Assert.Contains("bash scripts/demo.sh", readme);
        Assert.Contains("bash scripts/test.sh", readme);
        Assert.Contains("bash scripts/test.sh", RepositoryFiles.Read(".ci/run"));
    }

    [Fact]
    public void Sample_settings_list_every_environment_variable_the_code_reads()
    {
        var sample = RepositoryFiles.Read("local.settings.sample.json");
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => EnvironmentName().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(used);
        foreach (var name in used)
        {
            Assert.Contains($"\"{name}\"", sample);
        }
    }

    [GeneratedRegex(@"\bFERRY_[A-Z_]+\b")]
    private static partial Regex EnvironmentName();
}
