using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

/// <summary>The settings contract between the deployment and the app (docs/deployment.md lists it).</summary>
[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(InfraFixture infra)
{
    private static readonly string[] Contract =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "AZURE_CLIENT_ID", "FERRY_CONFIG", "FERRY_DELTA_TICK", "FERRY_REPORTS_ACCOUNT_URL", "FERRY_REPORTS_CONTAINER",
        "FERRY_TARGET_HOST", "FERRY_TARGET_USER", "AzureAd__Instance", "AzureAd__TenantId", "AzureAd__ClientId",
        "AzureAd__Audience", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_FUNCTIONS_ENVIRONMENT",
    ];

    // The host's storage endpoints for the cloud deployed to (accountName alone means the public cloud's).
    private static readonly string[] HostStorageEndpoints =
    [
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
    ];

    [Fact]
    public void Flex_consumption_app_has_exactly_the_contract_settings_and_one_per_legacy_source()
    {
        var settings = infra.Snapshot(Scenario.Private).AppSettings;
        var expected = Contract.Concat(HostStorageEndpoints).Concat(["FERRY_SOURCE_D001", "FERRY_SOURCE_SIS_D002"]);

        Assert.Equal(expected.Order(StringComparer.Ordinal), settings.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Every_plan_and_network_mode_carries_the_contract_settings(string scenario)
    {
        var settings = infra.Snapshot(Scenario.Named(scenario)).AppSettings;

        foreach (var name in Contract)
        {
            Assert.True(settings.ContainsKey(name), $"{scenario}: {name} is missing");
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Host_storage_is_reached_with_the_identity(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var settings = snapshot.AppSettings;
        var account = Text(snapshot.StorageAccount["name"]);

        Assert.Equal(account, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(snapshot.ReadsIdentity(settings["AzureWebJobsStorage__clientId"], "clientId"));
        foreach (var (name, service) in HostStorageEndpoints.Zip(["blob", "queue", "table"]))
        {
            Assert.Equal($"[format('https://{{0}}.{service}.{{1}}', '{account}', environment().suffixes.storage)]", settings[name]);
        }
    }

    [Fact]
    public void App_clients_and_telemetry_use_the_identity()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var settings = snapshot.AppSettings;

        Assert.True(snapshot.ReadsIdentity(settings["AZURE_CLIENT_ID"], "clientId"));
        Assert.StartsWith("[format('Authorization=AAD;ClientId={0}', ", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True(snapshot.ReadsIdentity(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], "clientId"));
        Assert.Contains("Microsoft.Insights/components/", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.EndsWith(".ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("Production", settings["AZURE_FUNCTIONS_ENVIRONMENT"]);
    }

    [Fact]
    public void Reports_and_configuration_settings_point_at_the_storage_account()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var settings = snapshot.AppSettings;
        var blobUrl = $"format('https://{{0}}.blob.{{1}}', '{Text(snapshot.StorageAccount["name"])}', environment().suffixes.storage)";

        Assert.Equal($"[{blobUrl}]", settings["FERRY_REPORTS_ACCOUNT_URL"]);
        Assert.Equal("migration-reports", settings["FERRY_REPORTS_CONTAINER"]);
        Assert.Equal($"[format('{{0}}/{{1}}/{{2}}', {blobUrl}, 'config', 'migration.yaml')]", settings["FERRY_CONFIG"]);
        Assert.Equal("0 */1 * * * *", settings["FERRY_DELTA_TICK"]);
    }

    [Fact]
    public void Target_settings_name_the_server_and_the_identity_it_knows_as_administrator()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var settings = snapshot.AppSettings;
        var administrators = snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers/administrators");

        Assert.Equal(
            $"[reference('{Text(snapshot.PostgresServer["id"])}', '2024-08-01').fullyQualifiedDomainName]",
            settings["FERRY_TARGET_HOST"]);
        Assert.Equal(snapshot.IdentityName, settings["FERRY_TARGET_USER"]);
        Assert.Contains(administrators, a => Text(a["properties"]!["principalName"]) == settings["FERRY_TARGET_USER"]);
    }

    [Fact]
    public void Each_legacy_source_is_a_key_vault_reference_to_the_secret_of_its_name()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var settings = snapshot.AppSettings;
        var vault = Text(snapshot.KeyVault["name"]);

        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=d001)", settings["FERRY_SOURCE_D001"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=sis-d002)", settings["FERRY_SOURCE_SIS_D002"]);
        Assert.DoesNotContain(infra.Snapshot(Scenario.Pilot).AppSettings.Keys, k => k.StartsWith("FERRY_SOURCE_", StringComparison.Ordinal));
    }

    [Fact]
    public void Api_settings_name_the_tenant_the_registration_and_its_audience()
    {
        var settings = infra.Snapshot(Scenario.Private).AppSettings;

        Assert.Equal("[environment().authentication.loginEndpoint]", settings["AzureAd__Instance"]);
        Assert.Equal(Scenario.TenantId, settings["AzureAd__TenantId"]);
        Assert.Equal(Scenario.ApiClientId, settings["AzureAd__ClientId"]);
        Assert.Equal($"api://{Scenario.ApiClientId}", settings["AzureAd__Audience"]);
    }
}
