using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageTests(InfraFixture infra)
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Storage_account_disallows_shared_key_access(string scenario)
    {
        var properties = infra.Snapshot(Scenario.Named(scenario)).StorageAccount["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", Text(properties["minimumTlsVersion"]));
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Storage_account_holds_the_reports_config_and_package_containers_all_private()
    {
        var containers = infra.Snapshot(Scenario.Private).OfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal(
            ["app-package", "config", "migration-reports"],
            containers.Select(c => Text(c["name"])!.Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", Text(c["properties"]!["publicAccess"])));
    }

    [Fact]
    public void Lifecycle_rule_deletes_run_logs_under_runs_after_the_configured_days()
    {
        var policy = infra.Snapshot(Scenario.Private).Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        var definition = rule["definition"]!;

        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal("migration-reports/runs/", Text(Assert.Single(definition["filters"]!["prefixMatch"]!.AsArray())));
        Assert.Equal(45, definition["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [Fact]
    public void Lifecycle_rule_keeps_run_logs_180_days_by_default()
    {
        var policy = infra.Snapshot(Scenario.Pilot).Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var delete = policy["properties"]!["policy"]!["rules"]![0]!["definition"]!["actions"]!["baseBlob"]!["delete"]!;

        Assert.Equal(180, delete["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [Fact]
    public void Private_storage_has_no_public_endpoint_without_allowed_addresses()
    {
        var properties = infra.Snapshot(Scenario.Private).StorageAccount["properties"]!;

        Assert.Equal("Disabled", Text(properties["publicNetworkAccess"]));
        Assert.Equal("Deny", Text(properties["networkAcls"]!["defaultAction"]));
    }

    [Fact]
    public void Private_storage_admits_only_the_allowed_addresses_through_its_firewall()
    {
        var properties = infra.Snapshot(Scenario.PremiumWithVpn).StorageAccount["properties"]!;
        var rule = Assert.Single(properties["networkAcls"]!["ipRules"]!.AsArray())!;

        Assert.Equal("Enabled", Text(properties["publicNetworkAccess"]));
        Assert.Equal("Deny", Text(properties["networkAcls"]!["defaultAction"]));
        // Storage takes a single address, not a /32.
        Assert.Equal("203.0.113.7", Text(rule["value"]));
        Assert.Equal("Allow", Text(rule["action"]));
    }

    [Fact]
    public void Pilot_storage_is_public_but_still_keyless()
    {
        var properties = infra.Snapshot(Scenario.Pilot).StorageAccount["properties"]!;

        Assert.Equal("Enabled", Text(properties["publicNetworkAccess"]));
        Assert.Equal("Allow", Text(properties["networkAcls"]!["defaultAction"]));
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
    }
}
