using YamlDotNet.RepresentationModel;

namespace Ferry.Infra.Tests.Support;

/// <summary>azure.yaml, the Azure Developer CLI project file, read as YAML.</summary>
internal sealed class AzureYaml(YamlMappingNode root)
{
    public YamlMappingNode Root { get; } = root;

    public YamlMappingNode Services => (YamlMappingNode)Root["services"];

    /// <summary>The one service the project deploys.</summary>
    public string ServiceName => Services.Children.Keys.Cast<YamlScalarNode>().Single().Value!;

    public YamlMappingNode Service => (YamlMappingNode)Services[ServiceName];

    public static AzureYaml Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryPaths.Of("azure.yaml")));
        stream.Load(reader);
        return new AzureYaml((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public static string? Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return (node as YamlScalarNode)?.Value;
    }
}
