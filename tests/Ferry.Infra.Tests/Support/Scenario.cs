namespace Ferry.Infra.Tests.Support;

/// <summary>A set of main.bicep parameters the tests evaluate the deployment with.</summary>
internal sealed record Scenario(string Name, string Parameters)
{
    public const string SubscriptionId = "00000000-0000-4000-8000-00000000aaaa";
    public const string TenantId = "00000000-0000-4000-8000-00000000bbbb";
    public const string Location = "westeurope";
    public const string OperatorId = "11111111-2222-4333-8444-555555555555";
    public const string WorkerId = "aaaaaaaa-0000-4000-8000-000000000001";
    public const string WorkerName = "ferry-worker-d001";
    public const string ApiClientId = "99999999-8888-4777-8666-555555555555";

    /// <summary>Defaults (Flex Consumption, private networking) with an operator, two legacy sources and a worker.</summary>
    public static readonly Scenario Private = new("private", $$"""
        param environmentName = 'ferry-private'
        param location = '{{Location}}'
        param principalId = '{{OperatorId}}'
        param apiClientId = '{{ApiClientId}}'
        param legacySources = ['d001', 'sis-d002']
        param workerPrincipals = [{ objectId: '{{WorkerId}}', name: '{{WorkerName}}' }]
        param runLogRetentionDays = 45
        param targetDatabases = ['sis', 'assessment']
        """);

    /// <summary>Pilot: public endpoints with firewall rules for two address ranges, nothing else set.</summary>
    public static readonly Scenario Pilot = new("pilot", $$"""
        param environmentName = 'ferry-pilot'
        param location = '{{Location}}'
        param publicAccess = true
        param allowedIpRanges = ['203.0.113.7/32', '198.51.100.0/24']
        """);

    /// <summary>Elastic Premium, private networking, a site-to-site VPN gateway and one operator address.</summary>
    public static readonly Scenario PremiumWithVpn = new("premium-vpn", $$"""
        param environmentName = 'ferry-premium'
        param location = '{{Location}}'
        param hostingPlan = 'ElasticPremium'
        param onPremisesConnectivity = 'Vpn'
        param allowedIpRanges = ['203.0.113.7/32']
        """);

    /// <summary>Pilot mode that still needs the network: an ExpressRoute gateway to the district sites.</summary>
    public static readonly Scenario PilotWithExpressRoute = new("pilot-expressroute", $$"""
        param environmentName = 'ferry-er'
        param location = '{{Location}}'
        param publicAccess = true
        param onPremisesConnectivity = 'ExpressRoute'
        """);

    public static readonly IReadOnlyList<Scenario> All = [Private, Pilot, PremiumWithVpn, PilotWithExpressRoute];

    /// <summary>Scenario names for theories (xunit shows and re-runs them by name).</summary>
    public static TheoryData<string> Names => new(All.Select(s => s.Name));

    public static Scenario Named(string name) => All.Single(s => s.Name == name);

    public override string ToString() => Name;
}
