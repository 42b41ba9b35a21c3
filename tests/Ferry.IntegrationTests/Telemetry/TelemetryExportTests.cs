using Ferry.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ferry.IntegrationTests.Telemetry;

public sealed class TelemetryExportTests
{
    [Fact]
    public void Nothing_is_exported_when_neither_an_otlp_endpoint_nor_an_azure_monitor_connection_is_set()
    {
        var services = new ServiceCollection().AddFerryTelemetry(Configuration([]), "test");

        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(TelemetryExport.Start(TelemetrySettings.From(_ => null), "dm"));
    }

    [Fact]
    public void An_otlp_endpoint_in_the_configuration_adds_tracing_and_metrics_for_the_Ferry_source_and_meter()
    {
        var services = new ServiceCollection().AddFerryTelemetry(Configuration(new() { [TelemetrySettings.OtlpEndpointName] = "http://127.0.0.1:4317" }), "test");

        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void Both_exporters_can_be_configured_at_once_for_a_process_without_a_host()
    {
        var settings = TelemetrySettings.From(name => name switch
        {
            TelemetrySettings.OtlpEndpointName => "https://collector.example:4318",
            TelemetrySettings.AzureMonitorName => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/",
            _ => null,
        });

        using var started = TelemetryExport.Start(settings, "dm");
        Assert.NotNull(started);
    }

    [Theory]
    [InlineData("localhost:4317")]
    [InlineData("ftp://collector/")]
    public void An_otlp_endpoint_that_is_not_an_http_url_is_refused_naming_the_setting(string endpoint)
    {
        var e = Assert.Throws<TelemetrySettingsException>(() => TelemetrySettings.From(name => name == TelemetrySettings.OtlpEndpointName ? endpoint : null));
        Assert.StartsWith($"OTEL_EXPORTER_OTLP_ENDPOINT: '{endpoint}' is not an absolute http(s) URL", e.Message);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true, "11111111-2222-3333-4444-555555555555")]
    [InlineData("authorization=aad", true, null)]
    [InlineData(null, false, null)]
    public void Azure_monitor_signs_in_with_entra_when_the_authentication_string_says_so(string? authentication, bool entra, string? clientId)
    {
        var settings = TelemetrySettings.From(name => name switch
        {
            TelemetrySettings.AzureMonitorName => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/",
            TelemetrySettings.AzureMonitorAuthenticationName => authentication,
            _ => null,
        });

        Assert.Equal(entra, settings.AzureMonitorEntra);
        Assert.Equal(clientId, settings.AzureMonitorClientId);
        Assert.Equal(entra, TelemetryExport.Credential(settings) is not null);
    }

    [Fact]
    public void An_authentication_string_that_is_not_entra_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<TelemetrySettingsException>(() => TelemetrySettings.From(name => name == TelemetrySettings.AzureMonitorAuthenticationName ? "Authorization=Key" : null));
        Assert.StartsWith("APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=Key' is not Authorization=AAD", e.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
