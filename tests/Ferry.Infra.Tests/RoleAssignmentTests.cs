using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(InfraFixture infra)
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Identity_holds_the_storage_data_roles_on_the_account(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var storage = Text(snapshot.StorageAccount["id"])!;

        Assert.Equal(
            new[] { Roles.StorageBlobDataOwner, Roles.StorageQueueDataContributor, Roles.StorageTableDataContributor, Roles.StorageBlobDelegator }.Order(),
            IdentityRoles(snapshot, storage).Order());
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Identity_reads_key_vault_secrets_and_publishes_telemetry(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));

        Assert.Equal([Roles.KeyVaultSecretsUser], IdentityRoles(snapshot, Text(snapshot.KeyVault["id"])!));
        Assert.Equal(
            [Roles.MonitoringMetricsPublisher],
            IdentityRoles(snapshot, Text(snapshot.Single("Microsoft.Insights/components")["id"])!));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Every_role_is_granted_on_one_resource_never_on_the_group_or_subscription(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var scopes = new[] { snapshot.StorageAccount, snapshot.KeyVault, snapshot.Single("Microsoft.Insights/components") }
            .Select(r => Text(r["id"])!)
            .ToHashSet();

        Assert.NotEmpty(snapshot.RoleAssignments);
        Assert.All(snapshot.RoleAssignments, grant => Assert.Contains(grant.Scope, scopes));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Identity_grants_go_to_a_service_principal(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var grants = snapshot.RoleAssignments.Where(g => snapshot.ReadsIdentity(g.PrincipalId, "principalId")).ToList();

        Assert.Equal(6, grants.Count);
        Assert.All(grants, g => Assert.Equal("ServicePrincipal", g.PrincipalType));
    }

    [Fact]
    public void Operator_may_upload_configuration_and_set_connection_strings_but_nothing_more()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var grants = snapshot.RoleAssignments.Where(g => g.PrincipalId == Scenario.OperatorId).ToList();

        Assert.Equal(2, grants.Count);
        Assert.Contains(grants, g => g.Scope == Text(snapshot.StorageAccount["id"]) && g.RoleId == Roles.StorageBlobDataContributor);
        Assert.Contains(grants, g => g.Scope == Text(snapshot.KeyVault["id"]) && g.RoleId == Roles.KeyVaultSecretsOfficer);
        Assert.All(grants, g => Assert.Equal("User", g.PrincipalType));
    }

    [Fact]
    public void No_operator_grant_without_an_operator()
    {
        var snapshot = infra.Snapshot(Scenario.Pilot);

        Assert.All(snapshot.RoleAssignments, g => Assert.True(snapshot.ReadsIdentity(g.PrincipalId, "principalId")));
    }

    [Fact]
    public void On_premises_worker_gets_the_task_hub_and_report_roles()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var grants = snapshot.RoleAssignments.Where(g => g.PrincipalId == Scenario.WorkerId).ToList();

        Assert.All(grants, g => Assert.Equal(Text(snapshot.StorageAccount["id"]), g.Scope));
        Assert.Equal(
            new[] { Roles.StorageBlobDataContributor, Roles.StorageQueueDataContributor, Roles.StorageTableDataContributor, Roles.StorageBlobDelegator }.Order(),
            grants.Select(g => g.RoleId).Order());
    }

    private static List<string> IdentityRoles(DeploymentSnapshot snapshot, string scope) =>
        snapshot.RoleAssignments
            .Where(g => g.Scope == scope && snapshot.ReadsIdentity(g.PrincipalId, "principalId"))
            .Select(g => g.RoleId)
            .ToList();
}
