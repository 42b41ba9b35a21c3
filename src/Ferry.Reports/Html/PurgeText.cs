using System.Text.Json;

namespace Ferry.Reports.Html;

/// <summary>A purge's summary in words: per kind of data, the rows emptied or removed and the checksum of what they held.</summary>
internal static class PurgeText
{
    public static string Of(string summary)
    {
        using var document = JsonDocument.Parse(summary);
        if (!document.RootElement.TryGetProperty("Kinds", out var kinds) || kinds.ValueKind != JsonValueKind.Object)
        {
            return "nothing recorded";
        }

        var parts = kinds.EnumerateObject().Select(k =>
        {
            var rows = k.Value.TryGetProperty("Rows", out var r) && r.TryGetInt64(out var n) ? n : 0;
            var checksum = k.Value.TryGetProperty("Checksum", out var c) && c.ValueKind == JsonValueKind.String ? $" (md5 {c.GetString()})" : "";
            return $"{k.Name.Replace('_', ' ')} {Format.N(rows)} row(s){checksum}";
        }).ToList();
        return parts.Count == 0 ? "nothing to purge" : string.Join(", ", parts);
    }
}
