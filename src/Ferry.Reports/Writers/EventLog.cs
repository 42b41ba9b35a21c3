using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>The run log as newline-delimited JSON: one event per line, fields that do not apply left out.</summary>
public static class EventLog
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One event as its line, with the newline.</summary>
    public static byte[] Line(AuditEvent e) => [.. JsonSerializer.SerializeToUtf8Bytes(e, Options), (byte)'\n'];

    public static async Task WriteAsync(IAsyncEnumerable<AuditEvent> events, Stream output, CancellationToken cancellationToken)
    {
        var newline = "\n"u8.ToArray();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(output, e, Options, cancellationToken);
            await output.WriteAsync(newline, cancellationToken);
        }
    }
}
