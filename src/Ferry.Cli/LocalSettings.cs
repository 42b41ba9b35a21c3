using System.Text.Json;

namespace Ferry.Cli;

/// <summary>
/// Reads <c>local.settings.json</c> (the shape of <c>local.settings.sample.json</c>: <c>{"Values": {"NAME": "value"}}</c>)
/// from the current directory, or the file named by FERRY_SETTINGS, and exports each value as an environment
/// variable unless the environment already sets it. Secrets stay out of the repository and out of the YAML,
/// which refers to them as <c>${NAME}</c>.
/// </summary>
public static class LocalSettings
{
    public const string FileVariable = "FERRY_SETTINGS";

    public static void Apply()
    {
        var path = Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } explicitPath ? explicitPath : "local.settings.json";
        if (!File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new Core.Configuration.ConfigException($"{path}: expected an object \"Values\" of setting names and values");
        }

        foreach (var setting in values.EnumerateObject())
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(setting.Name)) && setting.Value.ValueKind == JsonValueKind.String)
            {
                Environment.SetEnvironmentVariable(setting.Name, setting.Value.GetString());
            }
        }
    }
}
