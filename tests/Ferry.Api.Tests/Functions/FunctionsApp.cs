using System.Text.Json;

namespace Ferry.Api.Tests.Functions;

/// <summary>The Functions app as built: its project directory, its build output, and the functions its metadata declares.</summary>
public static class FunctionsApp
{
    public static string Root { get; } = FindRoot();

    public static string Project => Path.Combine(Root, "src", "Ferry.Functions");

    /// <summary>The build output of the same configuration as these tests (the solution builds both).</summary>
    public static string Output
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return Path.Combine(Project, "bin", configuration, "net10.0");
        }
    }

    public static IReadOnlyList<JsonElement> Functions()
    {
        var path = Path.Combine(Output, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public static string Name(JsonElement function) => function.GetProperty("name").GetString()!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above the test's directory");
    }
}
