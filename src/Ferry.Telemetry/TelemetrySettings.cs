namespace Ferry.Telemetry;

/// <summary>
/// Where traces and metrics go, from the standard settings names (environment variables, or the Values of
/// local.settings.json, or any configuration source of a host): <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> sends them to an
/// OpenTelemetry collector (the exporter also reads the other <c>OTEL_EXPORTER_OTLP_*</c> settings: protocol,
/// headers); <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> sends them to Azure Monitor. Both may be set; with neither,
/// nothing is exported and the engine's instruments cost next to nothing.
/// </summary>
public sealed record TelemetrySettings
{
    public const string OtlpEndpointName = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorName = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ServiceNameName = "OTEL_SERVICE_NAME";

    /// <summary>
    /// <c>Authorization=AAD</c> (optionally <c>;ClientId=</c> a user-assigned identity): the Azure Monitor exporters
    /// sign in with Entra ID, as an Application Insights resource with local authentication disabled requires. The
    /// Functions host reads the same setting for its own telemetry.
    /// </summary>
    public const string AzureMonitorAuthenticationName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public Uri? OtlpEndpoint { get; init; }

    public string? AzureMonitorConnectionString { get; init; }

    /// <summary>Whether the Azure Monitor exporters authenticate with Entra ID (<see cref="AzureMonitorAuthenticationName"/>).</summary>
    public bool AzureMonitorEntra { get; init; }

    /// <summary>The user-assigned identity's client id for that sign-in; null: the default credential chooses.</summary>
    public string? AzureMonitorClientId { get; init; }

    /// <summary>The service name the exporters report (<c>OTEL_SERVICE_NAME</c>; default given by the host: dm, ferry-host, ferry-functions).</summary>
    public string? ServiceName { get; init; }

    public bool Enabled => OtlpEndpoint is not null || AzureMonitorConnectionString is not null;

    /// <summary>Reads the settings through <paramref name="get"/> (the environment, a configuration); one clear line when the endpoint is not an absolute URL.</summary>
    /// <exception cref="ArgumentException">The OTLP endpoint is not an absolute http(s) URL.</exception>
    public static TelemetrySettings From(Func<string, string?> get)
    {
        Uri? endpoint = null;
        if (get(OtlpEndpointName) is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new TelemetrySettingsException($"{OtlpEndpointName}: '{text}' is not an absolute http(s) URL (e.g. http://localhost:4317)");
            }
        }

        var (entra, clientId) = Authentication(get(AzureMonitorAuthenticationName));
        return new TelemetrySettings
        {
            AzureMonitorEntra = entra,
            AzureMonitorClientId = clientId,
            OtlpEndpoint = endpoint,
            AzureMonitorConnectionString = get(AzureMonitorName) is { Length: > 0 } cs ? cs : null,
            ServiceName = get(ServiceNameName) is { Length: > 0 } name ? name : null,
        };
    }

    private static (bool Entra, string? ClientId) Authentication(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (false, null);
        }

        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new TelemetrySettingsException($"{AzureMonitorAuthenticationName}: '{text}' is not Authorization=AAD[;ClientId=<client id>]");
        }

        return (true, parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0 ? clientId : null);
    }
}

/// <summary>A telemetry setting that cannot be used; the message names it.</summary>
public sealed class TelemetrySettingsException(string message) : Exception(message);
