using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class KeyVaultAndMonitoringTests(InfraFixture infra)
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Key_vault_authorises_with_azure_rbac_and_keeps_deleted_secrets(string scenario)
    {
        var properties = infra.Snapshot(Scenario.Named(scenario)).KeyVault["properties"]!;

        Assert.True(properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(properties["accessPolicies"]);
        Assert.True(properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Equal(Scenario.TenantId, Text(properties["tenantId"]));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Application_insights_takes_entra_authenticated_telemetry_only(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var insights = snapshot.Single("Microsoft.Insights/components")["properties"]!;

        Assert.True(insights["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Equal(
            Text(snapshot.Single("Microsoft.OperationalInsights/workspaces")["id"]),
            Text(insights["WorkspaceResourceId"]));
    }
}
