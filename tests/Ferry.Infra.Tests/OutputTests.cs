using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

/// <summary>What azd stores in the environment after provisioning, for the hooks and for operators.</summary>
[Collection(InfraCollection.Name)]
public sealed class OutputTests(InfraFixture infra)
{
    [Fact]
    public void Outputs_name_the_app_url_storage_reports_container_postgres_host_and_identity()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var outputs = snapshot.Outputs;

        Assert.Equal($"[format('https://{{0}}', reference('{Text(snapshot.Site["id"])}', '2024-04-01').defaultHostName)]", Text(outputs["FERRY_APP_URL"]));
        Assert.Equal(Text(snapshot.StorageAccount["name"]), Text(outputs["AZURE_STORAGE_ACCOUNT_NAME"]));
        Assert.Equal("migration-reports", Text(outputs["FERRY_REPORTS_CONTAINER"]));
        Assert.Equal("config", Text(outputs["FERRY_CONFIG_CONTAINER"]));
        Assert.Equal(snapshot.AppSettings["FERRY_CONFIG"], Text(outputs["FERRY_CONFIG_URL"]));
        Assert.Equal(snapshot.AppSettings["FERRY_TARGET_HOST"], Text(outputs["FERRY_TARGET_HOST"]));
        Assert.True(snapshot.ReadsIdentity(Text(outputs["FERRY_IDENTITY_CLIENT_ID"]), "clientId"));
        Assert.Equal(Text(snapshot.Site["name"]), Text(outputs["AZURE_FUNCTION_APP_NAME"]));
        Assert.Equal(Text(snapshot.KeyVault["name"]), Text(outputs["AZURE_KEY_VAULT_NAME"]));
        Assert.Equal("rg-ferry-private", Text(outputs["AZURE_RESOURCE_GROUP"]));
    }

    [Fact]
    public void Every_output_the_hook_reads_is_declared()
    {
        var hook = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", "postprovision.sh"));
        var outputs = ArmTemplate.Outputs(infra.MainTemplate).Select(o => o.Key).ToHashSet();
        string[] read = ["AZURE_STORAGE_ACCOUNT_NAME", "FERRY_CONFIG_CONTAINER", "FERRY_CONFIG_URL", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME"];

        foreach (var name in read)
        {
            Assert.Contains("${" + name, hook);
            Assert.Contains(name, outputs);
        }
    }
}
