using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(InfraFixture infra)
{
    // Flex Consumption refuses these as app settings: the runtime lives in functionAppConfig, the package in blob
    // storage, and there is no Azure Files content share.
    private static readonly string[] FlexForbiddenSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTOVERVNET", "WEBSITE_VNET_ROUTE_ALL", "WEBSITE_NODE_DEFAULT_VERSION", "SCM_DO_BUILD_DURING_DEPLOYMENT",
    ];

    [Fact]
    public void Default_plan_is_flex_consumption()
    {
        var plan = infra.Snapshot(Scenario.Private).Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", Text(plan["sku"]!["name"]));
        Assert.Equal("FlexConsumption", Text(plan["sku"]!["tier"]));
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void Flex_consumption_app_runs_dotnet_isolated_from_its_function_app_config()
    {
        var site = infra.Snapshot(Scenario.Private).Site;
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("functionapp,linux", Text(site["kind"]));
        Assert.Equal("dotnet-isolated", Text(runtime["name"]));
        Assert.Equal("10.0", Text(runtime["version"]));
        Assert.Null(site["properties"]!["siteConfig"]!["linuxFxVersion"]);
    }

    [Fact]
    public void Flex_consumption_app_has_none_of_the_settings_the_plan_forbids()
    {
        var settings = infra.Snapshot(Scenario.Private).AppSettings;

        foreach (var name in FlexForbiddenSettings)
        {
            Assert.False(settings.ContainsKey(name), $"{name} is set on a Flex Consumption app");
        }
    }

    [Fact]
    public void Flex_consumption_deployment_package_is_read_with_the_identity_from_its_container()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var storage = snapshot.Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", Text(storage["type"]));
        Assert.Contains($"'{Text(snapshot.StorageAccount["name"])}'", Text(storage["value"]));
        Assert.EndsWith("'app-package')]", Text(storage["value"]));
        Assert.Equal("UserAssignedIdentity", Text(storage["authentication"]!["type"]));
        Assert.Equal(snapshot.IdentityId, Text(storage["authentication"]!["userAssignedIdentityResourceId"]));
        Assert.Contains(
            snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Text(c["name"])!.EndsWith("/app-package", StringComparison.Ordinal));
    }

    [Fact]
    public void Elastic_premium_plan_is_used_when_asked_with_the_classic_runtime_settings()
    {
        var snapshot = infra.Snapshot(Scenario.PremiumWithVpn);
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        var site = snapshot.Site["properties"]!;
        var settings = snapshot.AppSettings;

        Assert.Equal("EP1", Text(plan["sku"]!["name"]));
        Assert.Equal("ElasticPremium", Text(plan["sku"]!["tier"]));
        Assert.Null(site["functionAppConfig"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", Text(site["siteConfig"]!["linuxFxVersion"]));
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        // Azure Files would need the storage account's shared key, which is disabled.
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTSHARE", settings.Keys);
        Assert.DoesNotContain(snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Text(c["name"])!.EndsWith("/app-package", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void App_runs_as_the_user_assigned_identity_only(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var identity = snapshot.Site["identity"]!;

        Assert.Equal("UserAssigned", Text(identity["type"]));
        Assert.Equal([snapshot.IdentityId], identity["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(snapshot.IdentityId, Text(snapshot.Site["properties"]!["keyVaultReferenceIdentity"]));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void App_accepts_https_only_and_no_publishing_passwords(string scenario)
    {
        var snapshot = infra.Snapshot(Scenario.Named(scenario));
        var properties = snapshot.Site["properties"]!;
        var policies = snapshot.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", Text(properties["siteConfig"]!["minTlsVersion"]));
        Assert.Equal("Disabled", Text(properties["siteConfig"]!["ftpsState"]));
        Assert.Equal(["ftp", "scm"], policies.Select(p => Text(p["name"])!.Split('/')[^1]).Order());
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void App_is_tagged_with_the_service_name_azd_deploys_to()
    {
        var tags = infra.Snapshot(Scenario.Private).Site["tags"]!;

        Assert.Equal(AzureYaml.Load().ServiceName, Text(tags["azd-service-name"]));
        Assert.Equal("ferry-private", Text(tags["azd-env-name"]));
    }

    [Fact]
    public void App_sends_its_platform_logs_to_log_analytics()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var diagnostics = snapshot.Single("Microsoft.Insights/diagnosticSettings");
        var workspace = snapshot.Single("Microsoft.OperationalInsights/workspaces");

        Assert.StartsWith(Text(snapshot.Site["id"])!, Text(diagnostics["id"]));
        Assert.Equal(Text(workspace["id"]), Text(diagnostics["properties"]!["workspaceId"]));
    }
}
