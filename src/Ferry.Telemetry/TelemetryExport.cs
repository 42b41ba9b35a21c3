using Azure.Monitor.OpenTelemetry.Exporter;
using Ferry.Engine.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ferry.Telemetry;

/// <summary>
/// Subscribes exporters to the engine's <c>Ferry</c> activity source and meter. Hosts with a service collection call
/// <see cref="AddFerryTelemetry"/>; a process without one (the command line) calls <see cref="Start"/> and disposes
/// the result before it exits, which flushes what is buffered.
/// </summary>
public static class TelemetryExport
{
    /// <summary>
    /// Adds OpenTelemetry tracing and metrics for the <c>Ferry</c> source and meter, exported as the configuration's
    /// settings say (<see cref="TelemetrySettings"/>); nothing when neither exporter is configured and the host adds
    /// nothing of its own. <paramref name="tracing"/> and <paramref name="metrics"/> let a host add its own sources,
    /// instruments or exporters (ASP.NET Core's, a test's in-memory exporter).
    /// </summary>
    /// <exception cref="TelemetrySettingsException">A setting cannot be used (the message names it).</exception>
    public static IServiceCollection AddFerryTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string defaultServiceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        var settings = TelemetrySettings.From(name => configuration[name]);
        if (!settings.Enabled && tracing is null && metrics is null)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName ?? defaultServiceName))
            .WithTracing(t => tracing?.Invoke(Traces(t, settings)))
            .WithMetrics(m => metrics?.Invoke(Metrics(m, settings)));
        return services;
    }

    /// <summary>Starts exporting for a process without a host; null when nothing is configured. Dispose to flush.</summary>
    public static IDisposable? Start(TelemetrySettings settings, string defaultServiceName)
    {
        if (!settings.Enabled)
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName ?? defaultServiceName);
        var tracer = Traces(Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource), settings).Build();
        var meter = Metrics(Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource), settings).Build();
        return new Providers(tracer, meter);
    }

    private static TracerProviderBuilder Traces(TracerProviderBuilder builder, TelemetrySettings settings)
    {
        builder.AddSource(FerryTelemetry.Name);
        if (settings.OtlpEndpoint is { } endpoint)
        {
            builder.AddOtlpExporter(o => o.Endpoint = endpoint);
        }

        if (settings.AzureMonitorConnectionString is { } cs)
        {
            builder.AddAzureMonitorTraceExporter(o =>
            {
                o.ConnectionString = cs;
                o.Credential = Credential(settings);
            });
        }

        return builder;
    }

    private static MeterProviderBuilder Metrics(MeterProviderBuilder builder, TelemetrySettings settings)
    {
        builder.AddMeter(FerryTelemetry.Name);
        if (settings.OtlpEndpoint is { } endpoint)
        {
            builder.AddOtlpExporter(o => o.Endpoint = endpoint);
        }

        if (settings.AzureMonitorConnectionString is { } cs)
        {
            builder.AddAzureMonitorMetricExporter(o =>
            {
                o.ConnectionString = cs;
                o.Credential = Credential(settings);
            });
        }

        return builder;
    }

    /// <summary>The Entra credential of the Azure Monitor exporters, or null for the connection string's key.</summary>
    public static Azure.Core.TokenCredential? Credential(TelemetrySettings settings) =>
        settings.AzureMonitorEntra
            ? new Azure.Identity.DefaultAzureCredential(new Azure.Identity.DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.AzureMonitorClientId })
            : null;

    private sealed class Providers(TracerProvider? tracer, MeterProvider? meter) : IDisposable
    {
        public void Dispose()
        {
            tracer?.Dispose();
            meter?.Dispose();
        }
    }
}
