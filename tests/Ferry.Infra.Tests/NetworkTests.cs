using System.Text.Json.Nodes;
using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class NetworkTests(InfraFixture infra)
{
    [Fact]
    public void Flex_consumption_app_integrates_with_a_subnet_delegated_to_container_apps_environments()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");

        Assert.Equal($"{Text(vnet["id"])}/subnets/snet-app", Text(snapshot.Site["properties"]!["virtualNetworkSubnetId"]));
        Assert.Equal("Microsoft.App/environments", Delegation(Subnet(vnet, "snet-app")));
    }

    [Fact]
    public void Elastic_premium_app_integrates_with_a_server_farm_subnet_and_routes_all_traffic_through_it()
    {
        var snapshot = infra.Snapshot(Scenario.PremiumWithVpn);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");
        var site = snapshot.Site["properties"]!;

        Assert.Equal($"{Text(vnet["id"])}/subnets/snet-app", Text(site["virtualNetworkSubnetId"]));
        Assert.Equal("Microsoft.Web/serverFarms", Delegation(Subnet(vnet, "snet-app")));
        Assert.True(site["siteConfig"]!["vnetRouteAllEnabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("blob")]
    [InlineData("queue")]
    [InlineData("table")]
    [InlineData("vault")]
    public void Private_endpoint_with_its_dns_zone_serves_each_storage_service_and_key_vault(string service)
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var vnet = Text(snapshot.Single("Microsoft.Network/virtualNetworks")["id"]);
        var endpoint = Assert.Single(snapshot.OfType("Microsoft.Network/privateEndpoints"), e => GroupId(e) == service);
        var connection = endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!;
        var target = service == "vault" ? snapshot.KeyVault : snapshot.StorageAccount;
        var zoneGroup = Assert.Single(
            snapshot.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups"),
            g => Text(g["id"])!.StartsWith(Text(endpoint["id"]) + "/", StringComparison.Ordinal));
        var zoneId = Text(zoneGroup["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]);
        var zone = Assert.Single(snapshot.OfType("Microsoft.Network/privateDnsZones"), z => Text(z["id"]) == zoneId);

        Assert.Equal(Text(target["id"]), Text(connection["privateLinkServiceId"]));
        Assert.Equal($"{vnet}/subnets/snet-private-endpoints", Text(endpoint["properties"]!["subnet"]!["id"]));
        // Zone names come from the cloud's own suffixes, never a hard-coded public-cloud host.
        Assert.Equal(
            service == "vault"
                ? "[format('privatelink{0}', replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.'))]"
                : $"[format('privatelink.{service}.{{0}}', environment().suffixes.storage)]",
            Text(zone["name"]));
        Assert.Contains(
            snapshot.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"),
            link => Text(link["name"])!.Contains(Text(zone["name"])![1..^1], StringComparison.Ordinal)
                && Text(link["properties"]!["virtualNetwork"]!["id"]) == vnet);
    }

    [Fact]
    public void Private_postgres_lives_in_a_delegated_subnet_with_its_own_dns_zone()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");
        var network = snapshot.PostgresServer["properties"]!["network"]!;
        var zone = Assert.Single(
            snapshot.OfType("Microsoft.Network/privateDnsZones"),
            z => Text(z["name"])!.Contains(".private.", StringComparison.Ordinal));

        Assert.Equal("Microsoft.DBforPostgreSQL/flexibleServers", Delegation(Subnet(vnet, "snet-postgres")));
        Assert.Equal($"{Text(vnet["id"])}/subnets/snet-postgres", Text(network["delegatedSubnetResourceId"]));
        Assert.Equal("Disabled", Text(network["publicNetworkAccess"]));
        Assert.Contains(Text(zone["name"])!.TrimStart('[').TrimEnd(']'), Text(network["privateDnsZoneArmResourceId"]));
        // The zone must end in the PostgreSQL suffix of the cloud deployed to.
        Assert.Contains("'AzureCloud', 'postgres.database.azure.com'", Text(zone["name"]));
        Assert.Contains("'AzureUSGovernment', 'postgres.database.usgovcloudapi.net'", Text(zone["name"]));
        Assert.Contains("'AzureChinaCloud', 'postgres.database.chinacloudapi.cn'", Text(zone["name"]));
        Assert.Empty(snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"));
    }

    [Fact]
    public void Private_key_vault_has_no_public_endpoint()
    {
        var properties = infra.Snapshot(Scenario.Private).KeyVault["properties"]!;

        Assert.Equal("Disabled", Text(properties["publicNetworkAccess"]));
        Assert.Equal("Deny", Text(properties["networkAcls"]!["defaultAction"]));
    }

    [Fact]
    public void Pilot_mode_has_public_endpoints_and_no_private_networking()
    {
        var snapshot = infra.Snapshot(Scenario.Pilot);

        Assert.Empty(snapshot.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Empty(snapshot.OfType("Microsoft.Network/privateEndpoints"));
        Assert.Empty(snapshot.OfType("Microsoft.Network/privateDnsZones"));
        Assert.Null(snapshot.Site["properties"]!["virtualNetworkSubnetId"]);
        Assert.Equal("Enabled", Text(snapshot.KeyVault["properties"]!["publicNetworkAccess"]));
        var network = snapshot.PostgresServer["properties"]!["network"]!;
        Assert.Equal("Enabled", Text(network["publicNetworkAccess"]));
        Assert.Null(network["delegatedSubnetResourceId"]);
    }

    [Fact]
    public void Pilot_postgres_firewall_admits_the_allowed_ranges_and_azure_services()
    {
        var rules = infra.Snapshot(Scenario.Pilot).OfType("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules")
            .Select(r => (Text(r["properties"]!["startIpAddress"]), Text(r["properties"]!["endIpAddress"])))
            .Order()
            .ToList();

        Assert.Equal(
            [("0.0.0.0", "0.0.0.0"), ("198.51.100.0", "198.51.100.255"), ("203.0.113.7", "203.0.113.7")],
            rules);
    }

    [Fact]
    public void Vpn_option_adds_a_route_based_gateway_in_the_gateway_subnet()
    {
        var snapshot = infra.Snapshot(Scenario.PremiumWithVpn);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");
        var gateway = snapshot.Single("Microsoft.Network/virtualNetworkGateways")["properties"]!;
        var gatewaySubnet = Subnet(vnet, "GatewaySubnet");

        Assert.Equal("10.40.3.0/27", Text(gatewaySubnet["properties"]!["addressPrefix"]));
        Assert.Null(gatewaySubnet["properties"]!["networkSecurityGroup"]);
        Assert.Equal("Vpn", Text(gateway["gatewayType"]));
        Assert.Equal("RouteBased", Text(gateway["vpnType"]));
        Assert.Equal("VpnGw1AZ", Text(gateway["sku"]!["name"]));
        Assert.Equal(
            $"{Text(vnet["id"])}/subnets/GatewaySubnet",
            Text(gateway["ipConfigurations"]![0]!["properties"]!["subnet"]!["id"]));
        Assert.Equal("Standard", Text(snapshot.Single("Microsoft.Network/publicIPAddresses")["sku"]!["name"]));
        Assert.Equal("gw-" + Text(vnet["name"]), Text(snapshot.Outputs["FERRY_GATEWAY_NAME"]));
    }

    [Fact]
    public void Expressroute_option_keeps_the_network_in_pilot_mode_without_private_endpoints()
    {
        var snapshot = infra.Snapshot(Scenario.PilotWithExpressRoute);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");
        var gateway = snapshot.Single("Microsoft.Network/virtualNetworkGateways")["properties"]!;

        Assert.Equal("ExpressRoute", Text(gateway["gatewayType"]));
        Assert.Equal("ErGw1AZ", Text(gateway["sku"]!["name"]));
        Assert.Null(gateway["vpnType"]);
        Assert.Equal(
            ["GatewaySubnet", "snet-app"],
            vnet["properties"]!["subnets"]!.AsArray().Select(s => Text(s!["name"])).Order(StringComparer.Ordinal));
        Assert.Equal($"{Text(vnet["id"])}/subnets/snet-app", Text(snapshot.Site["properties"]!["virtualNetworkSubnetId"]));
        Assert.Empty(snapshot.OfType("Microsoft.Network/privateEndpoints"));
    }

    [Fact]
    public void No_gateway_without_the_on_premises_option()
    {
        var snapshot = infra.Snapshot(Scenario.Private);

        Assert.Empty(snapshot.OfType("Microsoft.Network/virtualNetworkGateways"));
        Assert.DoesNotContain(
            snapshot.Single("Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray(),
            s => Text(s!["name"]) == "GatewaySubnet");
        Assert.Equal("", Text(snapshot.Outputs["FERRY_GATEWAY_NAME"]));
    }

    private static JsonNode Subnet(JsonObject vnet, string name) =>
        Assert.Single(vnet["properties"]!["subnets"]!.AsArray(), s => Text(s!["name"]) == name)!;

    private static string? Delegation(JsonNode subnet) =>
        Text(Assert.Single(subnet["properties"]!["delegations"]!.AsArray())!["properties"]!["serviceName"]);

    private static string? GroupId(JsonObject endpoint) =>
        Text(endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]);
}
