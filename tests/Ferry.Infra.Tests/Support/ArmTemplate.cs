using System.Text.Json.Nodes;

namespace Ferry.Infra.Tests.Support;

/// <summary>Walks a compiled ARM template and the module templates nested in it.</summary>
internal static class ArmTemplate
{
    /// <summary>The template itself and, depth first, every nested deployment's template.</summary>
    public static IEnumerable<JsonObject> WithNested(JsonObject template)
    {
        yield return template;
        foreach (var resource in Resources(template))
        {
            // A resource's properties can be one expression (a union of parts) rather than an object.
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in WithNested(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Resources of one template: an array, or (language version 2.0) an object keyed by symbolic name.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject byName => byName.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    public static IEnumerable<KeyValuePair<string, JsonObject>> Parameters(JsonObject template) =>
        (template["parameters"] as JsonObject ?? []).Select(p => KeyValuePair.Create(p.Key, p.Value!.AsObject()));

    public static IEnumerable<KeyValuePair<string, JsonObject>> Outputs(JsonObject template) =>
        (template["outputs"] as JsonObject ?? []).Select(p => KeyValuePair.Create(p.Key, p.Value!.AsObject()));
}
