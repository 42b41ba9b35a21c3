using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Ferry.Api;

/// <summary>
/// Reads a JSON body strictly (camelCase, unknown members refused) and turns a malformed one into a 400 naming the
/// member at fault, as the JSON path of the error says it (<c>districts[1]</c>, <c>rollback.cascade</c>).
/// </summary>
public static class RequestBodies
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The body, or null when it is empty and <paramref name="required"/> is false; otherwise the 400 to answer.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool required, CancellationToken cancellationToken)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? (null, ApiProblems.BadRequest("body", "a JSON object is required")) : (null, null);
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(text, Options);
            return body is null ? (null, ApiProblems.BadRequest("body", "a JSON object is required, not null")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest(Field(e), Reason(e)));
        }
    }

    /// <summary>An optional JSON value of any shape (an event's payload); null when the body is empty.</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadAnyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest("body", $"not valid JSON: {e.Message.Split('.')[0]}"));
        }
    }

    private static string Field(JsonException e)
    {
        var path = e.Path ?? "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal) && Quoted(e.Message) is { } member)
        {
            field = field.Length == 0 ? member : field.EndsWith(member, StringComparison.Ordinal) ? field : $"{field}.{member}";
        }

        return field.Length == 0 ? "body" : field;
    }

    private static string Reason(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "not a member of this request"
        : e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) ? "wrong type of value"
        : $"not valid JSON: {e.Message.Split(". Path:", 2)[0].TrimEnd('.')}";

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }
}
