using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ferry.Infra.Tests.Support;

namespace Ferry.Infra.Tests;

/// <summary>Nothing secret goes into the deployment or comes out of it: no key, password or connection string.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class TemplateSecretTests(InfraFixture infra)
{
    [Fact]
    public void No_parameter_named_like_a_secret_has_a_default()
    {
        var parameters = AllParameters();

        Assert.NotEmpty(parameters);
        foreach (var (name, parameter) in parameters)
        {
            Assert.False(
                (IsSecure(parameter) || SecretName().IsMatch(name)) && parameter.ContainsKey("defaultValue"),
                $"parameter {name} looks like a secret and has a default value");
        }
    }

    [Fact]
    public void No_parameter_takes_a_secret_at_all()
    {
        // With Entra ID everywhere the deployment needs no secret input, not even a secure one.
        foreach (var (name, parameter) in AllParameters())
        {
            Assert.False(IsSecure(parameter), $"parameter {name} is secure, so a secret would be an input");
            Assert.DoesNotMatch(SecretName(), name);
        }
    }

    [Fact]
    public void No_output_is_secure_or_computed_from_a_list_function()
    {
        var outputs = ArmTemplate.WithNested(infra.MainTemplate).SelectMany(ArmTemplate.Outputs).ToList();

        Assert.NotEmpty(outputs);
        foreach (var (name, output) in outputs)
        {
            Assert.False(IsSecure(output), $"output {name} is secure");
            Assert.DoesNotMatch(ListFunction(), output["value"]?.ToJsonString() ?? "");
        }
    }

    [Fact]
    public void Deployment_outputs_carry_no_connection_string()
    {
        // The Application Insights connection string passes from the monitoring module to the app settings (it
        // names the component; with local authentication off it grants nothing), but is never a deployment output.
        var outputs = ArmTemplate.Outputs(infra.MainTemplate).ToList();

        Assert.NotEmpty(outputs);
        foreach (var (name, output) in outputs)
        {
            Assert.DoesNotContain("connectionstring", output["value"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("CONNECTION", name, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", name, StringComparison.Ordinal);
            Assert.DoesNotContain("PASSWORD", name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_never_lists_keys_or_secrets()
    {
        var text = infra.MainTemplate.ToJsonString();

        Assert.DoesNotMatch(ListFunction(), text);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("administratorLoginPassword", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void No_app_setting_holds_a_credential(string scenario)
    {
        var settings = infra.Snapshot(Scenario.Named(scenario)).AppSettings;

        // The classic connection-string settings carry an account key.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        foreach (var value in settings.Values)
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Password=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(ListFunction(), value);
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Deployment_creates_no_secret_and_no_password(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));

        Assert.Empty(snapshot.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Null(snapshot.PostgresServer["properties"]!["administratorLogin"]);
        Assert.Null(snapshot.PostgresServer["properties"]!["administratorLoginPassword"]);
    }

    private List<KeyValuePair<string, JsonObject>> AllParameters() =>
        ArmTemplate.WithNested(infra.MainTemplate).SelectMany(ArmTemplate.Parameters).ToList();

    private static bool IsSecure(JsonObject declaration) =>
        (declaration["type"]?.GetValue<string>() ?? "") is var type
        && (type.Equals("securestring", StringComparison.OrdinalIgnoreCase)
            || type.Equals("secureObject", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("password|passwd|secret|key|connection|token|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\blist[A-Z]\w*\(|\blist\(")]
    private static partial Regex ListFunction();
}
