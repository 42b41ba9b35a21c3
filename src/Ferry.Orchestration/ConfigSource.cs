using Azure.Identity;
using Azure.Storage.Blobs;
using Ferry.Core.Configuration;

namespace Ferry.Orchestration;

/// <summary>
/// Where a host finds the migration configuration: the setting <see cref="Setting"/> holds a file path, or an
/// http(s) URL of a blob read with the host's identity (a URL carrying a SAS is read with it). A missing or unreadable
/// configuration is a <see cref="ConfigException"/> naming the setting and the place.
/// </summary>
public static class ConfigSource
{
    public const string Setting = "FERRY_CONFIG";

    public static async Task<MigrationConfig> LoadAsync(string? location, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ConfigException($"{Setting} is not set: give the migration configuration's file path or blob URL");
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ConfigLoader.Load(location);
        }

        try
        {
            var blob = string.IsNullOrEmpty(uri.Query) ? new BlobClient(uri, new DefaultAzureCredential()) : new BlobClient(uri);
            var content = await blob.DownloadContentAsync(cancellationToken);
            return ConfigLoader.Parse(content.Value.Content.ToString(), uri.GetLeftPart(UriPartial.Path));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AuthenticationFailedException)
        {
            throw new ConfigException($"{Setting}: {uri.GetLeftPart(UriPartial.Path)} cannot be read: {e.Message.Split('\n')[0]}");
        }
    }
}
