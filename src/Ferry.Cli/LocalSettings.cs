using Ferry.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Ferry.Cli;

/// <summary>
/// Reads <c>local.settings.json</c> (the shape of <c>local.settings.sample.json</c>, which is also the Functions app's:
/// <c>{"IsEncrypted": false, "Values": {"NAME": "value"}}</c>) from the current directory, or the file named by
/// FERRY_SETTINGS, and exports each value as an environment variable unless the environment already sets it. Secrets
/// stay out of the repository and out of the YAML, which refers to them as <c>${NAME}</c>.
/// </summary>
public static class LocalSettings
{
    public const string FileVariable = "FERRY_SETTINGS";

    private const string ValuesSection = "Values";

    /// <summary>Exports the file's values that the environment does not set; nothing when there is no file.</summary>
    /// <exception cref="ConfigException">The file is not JSON, or has no <c>Values</c> object.</exception>
    public static void Apply() =>
        Apply(
            Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } explicitPath ? explicitPath : "local.settings.json",
            Environment.GetEnvironmentVariable,
            Environment.SetEnvironmentVariable);

    /// <summary>As <see cref="Apply()"/>, with the file and the environment given.</summary>
    internal static void Apply(string path, Func<string, string?> get, Action<string, string> set)
    {
        foreach (var (name, value) in Read(path))
        {
            if (string.IsNullOrEmpty(get(name)))
            {
                set(name, value);
            }
        }
    }

    /// <summary>The setting names and values of the file; empty when it does not exist.</summary>
    /// <exception cref="ConfigException">The file is not JSON, or has no <c>Values</c> object.</exception>
    internal static IReadOnlyList<(string Name, string Value)> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return [];
        }

        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            // The provider wraps the parser's error ("... is an invalid start of a value. LineNumber: 2 ..."): that one says where.
            throw new ConfigException($"{path}: not valid JSON: {FirstLine(e.GetBaseException().Message)}");
        }

        // Values are flat (the Functions host reads them as environment variables): a nested object is not a setting.
        var values = file.GetSection(ValuesSection);
        var settings = values.GetChildren().Where(s => s.Value is not null).Select(s => (s.Key, s.Value!)).ToList();
        if (settings.Count == 0 && (values.Value is not null || !file.AsEnumerable().Any(kv => kv.Key.Equals(ValuesSection, StringComparison.OrdinalIgnoreCase))))
        {
            throw new ConfigException($"{path}: expected an object \"{ValuesSection}\" of setting names and values");
        }

        return settings;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
