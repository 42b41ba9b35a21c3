using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ferry.Infra.Tests.Support;

/// <summary>One diagnostic (compiler error or linter finding) the Bicep CLI reported.</summary>
internal sealed record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public override string ToString() =>
        $"{Path.GetRelativePath(RepositoryPaths.Root, File)}({Line}): {Level} {Code}: {Message}";
}

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (its path is recorded at build time from the
/// package's BicepPath property). Everything it does here is offline: no module registry, no Azure.
/// </summary>
internal static class BicepCli
{
    public static string Executable { get; } = Locate();

    /// <summary>Lints the files matching a glob under a folder and returns every diagnostic of every level.</summary>
    public static IReadOnlyList<BicepDiagnostic> Lint(string directory, string pattern)
    {
        var result = Run(directory, "lint", "--pattern", pattern, "--diagnostics-format", "sarif");
        var diagnostics = ParseSarif(result.Stdout);
        if (result.ExitCode != 0 && diagnostics.Count == 0)
        {
            throw new InvalidOperationException("bicep lint failed without diagnostics: " + result);
        }

        return diagnostics;
    }

    /// <summary>Compiles one file to its ARM template; throws with the compiler's output when it fails.</summary>
    public static JsonObject Build(string file)
    {
        var result = Run(Path.GetDirectoryName(file)!, "build", file, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {file} failed: {result}");
        }

        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>Compiles every file matching a glob into a folder; returns the compiler's result.</summary>
    public static ProcessResult BuildAll(string directory, string pattern, string outputDirectory) =>
        Run(directory, "build", "--pattern", pattern, "--outdir", outputDirectory);

    /// <summary>
    /// Evaluates a deployment offline from a .bicepparam file: the resources it would create, with parameters,
    /// variables, conditions, loops and modules resolved. Values known only in Azure (a principal id, a host name)
    /// stay ARM expressions.
    /// </summary>
    public static JsonObject Snapshot(string parametersFile, string subscriptionId, string tenantId, string location)
    {
        var result = Run(
            Path.GetDirectoryName(parametersFile)!,
            "snapshot", parametersFile, "--mode", "overwrite",
            "--subscription-id", subscriptionId, "--tenant-id", tenantId, "--location", location);
        var snapshotFile = Path.ChangeExtension(parametersFile, ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(snapshotFile))
        {
            throw new InvalidOperationException($"bicep snapshot {parametersFile} failed: {result}");
        }

        return JsonNode.Parse(File.ReadAllText(snapshotFile))!.AsObject();
    }

    private static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run(Executable, arguments, workingDirectory, timeout: TimeSpan.FromMinutes(3));

    // With --pattern the CLI prints one SARIF document per file, one after the other.
    private static List<BicepDiagnostic> ParseSarif(string output)
    {
        var diagnostics = new List<BicepDiagnostic>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                foreach (var result in run.GetProperty("results").EnumerateArray())
                {
                    var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                    diagnostics.Add(new BicepDiagnostic(
                        new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath,
                        location.GetProperty("region").GetProperty("startLine").GetInt32(),
                        result.GetProperty("level").GetString()!,
                        result.GetProperty("ruleId").GetString()!,
                        result.GetProperty("message").GetProperty("text").GetString()!));
                }
            }
        }

        return diagnostics;
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package was not found (BicepPath '{path}').");
        }

        // NuGet extracts the executable without its execute bit on some machines.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
