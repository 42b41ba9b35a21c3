using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Configuration;

/// <summary>Typed access to YAML nodes with errors that carry the file and line.</summary>
internal sealed class YamlReader(string file, Func<string, string?> environment)
{
    public ConfigException Error(YamlNode node, string message) => new($"{file}:{node.Start.Line}: {message}");

    public void RejectUnknown(YamlMappingNode map, IReadOnlyCollection<string> known, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name))
            {
                throw Error(key, $"unknown key '{name}' in {where} (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public YamlNode Required(YamlMappingNode map, string key, string where) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node
            : throw Error(map, $"{where}: missing required key '{key}'");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what}: expected a mapping");

    public IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlSequenceNode seq => seq.Children,
            YamlScalarNode { Value: null or "" or "~" or "null" } => [],
            _ => throw Error(node, $"{key}: expected a list"),
        };
    }

    public string String(YamlNode node, string what)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            throw Error(node, $"{what}: expected a text value");
        }

        return EnvironmentInterpolation.Expand(value, environment, $"{file}:{node.Start.Line}: {what}");
    }

    public string? OptionalString(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? String(node, key) : null;

    public TimeSpan OptionalDuration(YamlMappingNode map, string key, TimeSpan fallback, string what)
    {
        var text = OptionalString(map, key);
        if (text is null)
        {
            return fallback;
        }

        return Durations.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw Error(map.Children[new YamlScalarNode(key)], $"{what}: '{text}' is not a duration such as {Durations.Examples}");
    }

    public int OptionalInt(YamlMappingNode map, string key, int fallback, int min, int max)
    {
        var text = OptionalString(map, key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw Error(map.Children[new YamlScalarNode(key)], $"{key}: '{text}' is not a whole number from {min} to {max}");
        }

        return value;
    }

    public Guid Guid(YamlNode node, string what)
    {
        var text = String(node, what);
        return System.Guid.TryParse(text, out var g)
            ? g
            : throw Error(node, $"{what}: '{text}' is not a UUID");
    }
}
