using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ferry.Infra.Tests.Support;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed partial class AzureYamlTests(InfraFixture infra)
{
    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_a_dotnet_function_app()
    {
        var yaml = AzureYaml.Load();

        Assert.Equal("functions", yaml.ServiceName);
        Assert.Equal("function", AzureYaml.Scalar(yaml.Service, "host"));
        Assert.Equal("dotnet", AzureYaml.Scalar(yaml.Service, "language"));
        // The project is written alongside this deployment; only the path is checked here.
        Assert.Equal("./src/Ferry.Functions", AzureYaml.Scalar(yaml.Service, "project"));
    }

    [Fact]
    public void Azure_yaml_provisions_main_bicep_from_the_infra_folder()
    {
        var yaml = AzureYaml.Load();

        Assert.Equal("bicep", AzureYaml.Scalar(yaml.Root, "infra", "provider"));
        Assert.Equal("infra", AzureYaml.Scalar(yaml.Root, "infra", "path"));
        Assert.Equal("main", AzureYaml.Scalar(yaml.Root, "infra", "module"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json")));
        // azd creates the resource group itself from a subscription-scope template.
        Assert.Contains("subscriptionDeploymentTemplate", Text(infra.MainTemplate["$schema"]));
    }

    [Fact]
    public void Azure_yaml_runs_the_postprovision_hook_that_exists()
    {
        var yaml = AzureYaml.Load();
        var run = AzureYaml.Scalar(yaml.Root, "hooks", "postprovision", "posix", "run");

        Assert.Equal("./infra/hooks/postprovision.sh", run);
        Assert.True(File.Exists(RepositoryPaths.Of(run!)));
        Assert.Equal("false", AzureYaml.Scalar(yaml.Root, "hooks", "postprovision", "posix", "continueOnError"));
    }

    [Fact]
    public void Parameters_file_maps_only_declared_parameters_and_every_required_one()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!;
        var mapped = file["parameters"]!.AsObject();
        var declared = ArmTemplate.Parameters(infra.MainTemplate).ToDictionary(p => p.Key, p => p.Value);

        foreach (var (name, _) in mapped)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare");
        }

        foreach (var (name, declaration) in declared.Where(d => !d.Value.ContainsKey("defaultValue")))
        {
            Assert.True(mapped.ContainsKey(name), $"required parameter {name} is not in main.parameters.json");
        }
    }

    [Fact]
    public void Parameters_file_takes_every_value_from_the_azd_environment()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!;

        foreach (var (name, parameter) in file["parameters"]!.AsObject())
        {
            var value = parameter!["value"]!.GetValue<string>();
            Assert.True(AzdReference().IsMatch(value), $"{name} is '{value}', not a ${{VARIABLE}} of the azd environment");
        }
    }

    private static string? Text(JsonNode? node) => DeploymentSnapshot.Text(node);

    // ${NAME} or ${NAME=default}; the default is a plain word or number, never a secret.
    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*(=[A-Za-z0-9_.]*)?\}$")]
    private static partial Regex AzdReference();
}
