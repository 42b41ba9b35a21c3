using System.Text.Json.Nodes;
using Ferry.Infra.Tests.Support;

namespace Ferry.Infra.Tests;

/// <summary>The deployment scripts, run against stand-ins for the Azure CLI and azd.</summary>
public sealed class HookScriptTests : IDisposable
{
    private const string Hook = "infra/hooks/postprovision.sh";
    private const string Register = "infra/scripts/register-api-app.sh";
    private const string ConfigUrl = "https://stferrytest.blob.core.windows.net/config/migration.yaml";

    private readonly string work = Directory.CreateTempSubdirectory("ferry-hook-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Hook_uploads_nothing_when_no_configuration_is_named()
    {
        using var stub = new CommandStub(HookAz(currentConfig: ""));

        var result = stub.Run("sh", Hook, ProvisionedEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(stub.CallsOf("az", "storage", "blob", "upload"));
        Assert.Contains("FERRY_MIGRATION_CONFIG is not set", result.Stdout);
    }

    [Fact]
    public void Hook_uploads_the_configuration_and_its_mapping_signed_in_as_the_operator()
    {
        using var stub = new CommandStub(HookAz(currentConfig: ConfigUrl));
        var config = WriteConfiguration();

        var result = stub.Run("sh", Hook, ProvisionedEnvironment(("FERRY_MIGRATION_CONFIG", config)));

        Assert.True(result.ExitCode == 0, result.ToString());
        var uploads = stub.CallsOf("az", "storage", "blob", "upload");
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, call =>
        {
            Assert.Equal("login", Option(call, "--auth-mode"));
            Assert.Equal("stferrytest", Option(call, "--account-name"));
            Assert.Equal("config", Option(call, "--container-name"));
        });
        Assert.Equal(("migration.yaml", config), (Option(uploads[0], "--name"), Option(uploads[0], "--file")));
        Assert.Equal(
            ("scaffold/mapping.yaml", Path.Combine(work, "scaffold/mapping.yaml")),
            (Option(uploads[1], "--name"), Option(uploads[1], "--file")));
    }

    [Fact]
    public void Hook_leaves_ferry_config_alone_when_provisioning_set_it()
    {
        using var stub = new CommandStub(HookAz(currentConfig: ConfigUrl));

        var result = stub.Run("sh", Hook, ProvisionedEnvironment(("FERRY_MIGRATION_CONFIG", WriteConfiguration())));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(stub.CallsOf("az", "functionapp", "config", "appsettings", "list"));
        Assert.Empty(stub.CallsOf("az", "functionapp", "config", "appsettings", "set"));
    }

    [Fact]
    public void Hook_sets_ferry_config_to_the_blob_url_when_the_app_lacks_it()
    {
        using var stub = new CommandStub(HookAz(currentConfig: ""));

        var result = stub.Run("sh", Hook, ProvisionedEnvironment(("FERRY_MIGRATION_CONFIG", WriteConfiguration())));

        Assert.True(result.ExitCode == 0, result.ToString());
        var set = Assert.Single(stub.CallsOf("az", "functionapp", "config", "appsettings", "set"));
        Assert.Equal("FERRY_CONFIG=" + ConfigUrl, Option(set, "--settings"));
        Assert.Equal("func-ferry-test", Option(set, "--name"));
        Assert.Equal("rg-ferry-test", Option(set, "--resource-group"));
    }

    [Fact]
    public void Hook_fails_before_any_call_when_the_named_configuration_is_missing()
    {
        using var stub = new CommandStub(HookAz(currentConfig: ""));

        var result = stub.Run("sh", Hook, ProvisionedEnvironment(("FERRY_MIGRATION_CONFIG", Path.Combine(work, "absent.yaml"))));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("absent.yaml", result.Stderr);
        Assert.Empty(stub.Calls);
    }

    [Fact]
    public void Registration_script_declares_both_app_roles_and_stores_the_client_id()
    {
        using var stub = RegistrationStub(existingAppId: "");

        var result = stub.Run("bash", Register, new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(stub.CallsOf("az", "ad", "app", "create"));
        var patches = stub.CallsOf("az", "rest").Where(c => Option(c, "--method") == "PATCH").ToList();
        var application = JsonNode.Parse(Option(patches[0], "--body")!)!;
        Assert.EndsWith("/v1.0/applications/object-1", Option(patches[0], "--uri"));
        Assert.Equal("api://app-1", application["identifierUris"]![0]!.GetValue<string>());
        var roles = application["appRoles"]!.AsArray();
        Assert.Equal(["Migration.Auditor", "Migration.Operator"], roles.Select(r => r!["value"]!.GetValue<string>()).Order());
        Assert.All(roles, r => Assert.True(r!["isEnabled"]!.GetValue<bool>()));
        Assert.All(roles, r => Assert.Contains("User", r!["allowedMemberTypes"]!.AsArray().Select(t => t!.GetValue<string>())));
        var scope = Assert.Single(application["api"]!["oauth2PermissionScopes"]!.AsArray())!;
        Assert.Equal("user_impersonation", scope["value"]!.GetValue<string>());

        // The Azure CLI is pre-authorised for that scope, so operators get tokens with az account get-access-token.
        var preAuthorised = JsonNode.Parse(Option(patches[1], "--body")!)!["api"]!["preAuthorizedApplications"]![0]!;
        Assert.Equal("04b07795-8ddb-461a-bbee-02f9e1bf7b46", preAuthorised["appId"]!.GetValue<string>());
        Assert.Equal(scope["id"]!.GetValue<string>(), preAuthorised["delegatedPermissionIds"]![0]!.GetValue<string>());

        var servicePrincipal = JsonNode.Parse(Option(patches[2], "--body")!)!;
        Assert.True(servicePrincipal["appRoleAssignmentRequired"]!.GetValue<bool>());
        Assert.Equal(["env", "set", "FERRY_API_CLIENT_ID", "app-1"], Assert.Single(stub.CallsOf("azd", "env", "set")).Skip(1));
    }

    [Fact]
    public void Registration_script_updates_an_existing_registration_with_the_same_role_ids()
    {
        using var first = RegistrationStub(existingAppId: "");
        using var second = RegistrationStub(existingAppId: "app-1");

        var created = first.Run("bash", Register, new Dictionary<string, string>());
        var updated = second.Run("bash", Register, new Dictionary<string, string>());

        Assert.True(created.ExitCode == 0 && updated.ExitCode == 0, created + "\n" + updated);
        Assert.Empty(second.CallsOf("az", "ad", "app", "create"));
        Assert.Equal(RoleIds(first), RoleIds(second));
    }

    [Fact]
    public void Registration_script_refuses_an_unknown_role_to_assign()
    {
        using var stub = RegistrationStub(existingAppId: "");

        var result = stub.Run("bash", Register, new Dictionary<string, string>(), "--assign-me", "Migration.Admin");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(stub.Calls);
    }

    private static string HookAz(string currentConfig) => $"""
          "storage blob upload"*) ;;
          "cloud show"*) echo core.windows.net ;;
          "functionapp config appsettings list"*) echo '{currentConfig}' ;;
          "functionapp config appsettings set"*) ;;
        """;

    private static CommandStub RegistrationStub(string existingAppId) => new(
        $"""
          "cloud show"*) echo https://graph.microsoft.com/ ;;
          "ad app list"*) echo '{existingAppId}' ;;
          "ad app create"*) echo app-1 ;;
          "ad app show"*) echo object-1 ;;
          "ad sp list"*) echo '' ;;
          "ad sp create"*) echo sp-1 ;;
          "rest"*) ;;
        """,
        """
          "env get-value AZURE_ENV_NAME") echo test ;;
          "env set"*) ;;
        """);

    private static List<string> RoleIds(CommandStub stub)
    {
        var patch = stub.CallsOf("az", "rest").First(c => Option(c, "--method") == "PATCH");
        return JsonNode.Parse(Option(patch, "--body")!)!["appRoles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
    }

    private Dictionary<string, string> ProvisionedEnvironment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["AZURE_STORAGE_ACCOUNT_NAME"] = "stferrytest",
            ["FERRY_CONFIG_CONTAINER"] = "config",
            ["FERRY_CONFIG_URL"] = ConfigUrl,
            ["AZURE_RESOURCE_GROUP"] = "rg-ferry-test",
            ["AZURE_FUNCTION_APP_NAME"] = "func-ferry-test",
            ["FERRY_API_CLIENT_ID"] = "app-1",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    private string WriteConfiguration()
    {
        Directory.CreateDirectory(Path.Combine(work, "scaffold"));
        File.WriteAllText(Path.Combine(work, "scaffold", "mapping.yaml"), "entities: []\n");
        var config = Path.Combine(work, "migration.yaml");
        File.WriteAllText(config, "target:\n  connection: \"Host=${FERRY_TARGET_HOST}\"\nmapping: \"scaffold/mapping.yaml\"  # reviewed\n");
        return config;
    }

    private static string? Option(string[] call, string name)
    {
        var index = Array.IndexOf(call, name);
        return index >= 0 && index + 1 < call.Length ? call[index + 1] : null;
    }
}
