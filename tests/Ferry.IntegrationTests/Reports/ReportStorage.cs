using Azure.Storage.Blobs;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// The Azurite emulator the test command starts, named by <c>FERRY_BLOB_CONNECTION</c>. Without the variable every
/// report test fails, loudly, rather than passing by skipping. Each test class uses its own container.
/// </summary>
internal static class ReportStorage
{
    public const string EnvironmentVariable = "FERRY_BLOB_CONNECTION";

    public static string Connection() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Report tests need Azurite: run scripts/azurite.sh start and set "
                + $"{EnvironmentVariable}=\"$(source scripts/local-env.sh; ferry_azurite_connection)\" (scripts/test.sh does both).");

    /// <summary>A fresh, valid container name.</summary>
    public static string NewContainer(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 13)];

    /// <summary>The reports section of a configuration writing to <paramref name="container"/> through the environment's connection.</summary>
    public static string Section(string container, string connection = "${FERRY_BLOB_CONNECTION}") =>
        $"reports:\n  connection: \"{connection}\"\n  container: \"{container}\"";

    /// <summary>The emulator's connection string with its endpoint moved to a port where nothing listens.</summary>
    public static string Unreachable() =>
        System.Text.RegularExpressions.Regex.Replace(Connection(), @"BlobEndpoint=http://127\.0\.0\.1:\d+/", "BlobEndpoint=http://127.0.0.1:9/");

    public static BlobContainerClient Container(string name) => new BlobServiceClient(Connection()).GetBlobContainerClient(name);

    public static async Task<List<string>> BlobNamesAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Container(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public static async Task DeleteAsync(string container) => await Container(container).DeleteIfExistsAsync();

    /// <summary>The files <c>dm reports</c> listed: path to link, one line each ("path  N bytes  link").</summary>
    public static Dictionary<string, string> Links(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("runs/", StringComparison.Ordinal))
            .ToDictionary(l => l.Split(' ')[0], l => l.Split(' ')[^1]);
}
