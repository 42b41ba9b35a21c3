using System.Runtime.CompilerServices;
using System.Text.Json;
using Json.Schema;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// The JSON Schemas in docs/schemas (report, verify, status, plan): documents the tool writes are validated against them,
/// formats (uuid, date-time) included, so an undocumented key, a missing one or a wrong type fails a test.
/// </summary>
internal static class DocumentSchemas
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    public static string Directory => Path.Combine(Root(), "docs", "schemas");

    /// <summary>The validation errors of <paramref name="json"/> against docs/schemas/<paramref name="name"/>.schema.json; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schemas.Value[name].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid")
                .ToList();
    }

    public static void AssertValid(string name, string json)
    {
        var errors = Errors(name, json);
        Assert.True(errors.Count == 0, $"{name}.schema.json: {string.Join("; ", errors)}");
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        // The verify schema refers to the report schema by its file name: both are built into one registry.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new[] { "report", "verify", "status", "plan" }.ToDictionary(
            n => n,
            n => JsonSchema.FromFile(Path.Combine(Directory, $"{n}.schema.json"), options));
    }

    private static string Root([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Functions.sln not found above " + source);
    }
}
