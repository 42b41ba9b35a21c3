using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ferry.Core.Hashing;

/// <summary>
/// JSON in one form per document, so legacy JSON text and the <c>jsonb</c> it became compare equal: no
/// insignificant whitespace, object members sorted by name (ordinal) with the last of duplicate names winning (as
/// jsonb keeps it), strings re-escaped one fixed way, numbers as canonical decimals (1.50, 1.5 and 15e-1 are one
/// number; jsonb itself rewrites 1e2 as 100). Numbers beyond the decimal range keep their text.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Writes the canonical form of <paramref name="json"/>; false (nothing written) when it is not JSON.</summary>
    public static bool TryWrite(string json, IBufferWriter<byte> output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            Write(document.RootElement, writer);
        }

        return true;
    }

    /// <summary>The canonical text, for tests and samples.</summary>
    public static string? Canonical(string json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return TryWrite(json, buffer) ? System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    members[p.Name] = p.Value;
                }

                writer.WriteStartObject();
                foreach (var name in members.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(members[name], writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    writer.WriteNumberValue(CanonicalDecimal.Normalise(number, null));
                }
                else
                {
                    writer.WriteRawValue(raw.ToLowerInvariant(), skipInputValidation: true);
                }

                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
