using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Core.Planning;
using Ferry.Core.Values;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// The original source row as JSON for the quarantine table. PostgreSQL jsonb cannot hold U+0000, so a NUL inside
/// text is written as the six characters <c>\u0000</c> (escaped once more), which reads back unambiguously.
/// Binary values are base64; dates and times ISO 8601.
/// </summary>
internal static class RowJson
{
    public static string Write(EntityMapping entity, IReadOnlyList<ColumnTransfer> columns, IReadOnlyDictionary<int, string>? raw = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                var name = entity.Columns[i].Source;
                if (raw is not null && raw.TryGetValue(i, out var rawText))
                {
                    json.WriteString(name, rawText);
                    continue;
                }

                WriteValue(json, name, columns[i].Boxed);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case string s: json.WriteString(name, s.Replace("\0", "\\u0000", StringComparison.Ordinal)); break;
            case bool b: json.WriteBoolean(name, b); break;
            case short n: json.WriteNumber(name, n); break;
            case int n: json.WriteNumber(name, n); break;
            case long n: json.WriteNumber(name, n); break;
            case decimal d: json.WriteNumber(name, d); break;
            case double d when double.IsFinite(d): json.WriteNumber(name, d); break;
            case float f when float.IsFinite(f): json.WriteNumber(name, f); break;
            case byte[] bytes: json.WriteBase64String(name, bytes); break;
            case DateOnly d: json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime dt: json.WriteString(name, dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case TimeSpan ts: json.WriteString(name, ts.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid g: json.WriteString(name, g.ToString("D")); break;
            case NumericString n when n.IsFinite: json.WritePropertyName(name); json.WriteRawValue(n.Canonical); break;
            case PgDate or PgTimestamp or PgInterval or NumericString: json.WriteString(name, value.ToString()); break;
            default: json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
