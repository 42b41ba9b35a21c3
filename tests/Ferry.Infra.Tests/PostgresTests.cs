using Ferry.Infra.Tests.Support;
using static Ferry.Infra.Tests.Support.DeploymentSnapshot;

namespace Ferry.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class PostgresTests(InfraFixture infra)
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Postgres_accepts_entra_tokens_only(string scenario)
    {
        var auth = infra.Snapshot(Scenario.Named(scenario)).PostgresServer["properties"]!["authConfig"]!;

        Assert.Equal("Enabled", Text(auth["activeDirectoryAuth"]));
        Assert.Equal("Disabled", Text(auth["passwordAuth"]));
        Assert.Equal(Scenario.TenantId, Text(auth["tenantId"]));
    }

    [Fact]
    public void Identity_and_workers_are_the_entra_administrators()
    {
        var snapshot = infra.Snapshot(Scenario.Private);
        var administrators = snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers/administrators");

        Assert.Equal(2, administrators.Count);
        var identity = Assert.Single(administrators, a => Text(a["properties"]!["principalName"]) == snapshot.IdentityName);
        Assert.True(snapshot.ReadsIdentity(Text(identity["name"]), "principalId"));
        var worker = Assert.Single(administrators, a => Text(a["properties"]!["principalName"]) == Scenario.WorkerName);
        Assert.EndsWith("/" + Scenario.WorkerId, Text(worker["name"]));
        Assert.All(administrators, a => Assert.Equal("ServicePrincipal", Text(a["properties"]!["principalType"])));
        Assert.All(administrators, a => Assert.Equal(Scenario.TenantId, Text(a["properties"]!["tenantId"])));
    }

    [Fact]
    public void Target_databases_come_from_the_parameter()
    {
        var databases = infra.Snapshot(Scenario.Private).OfType("Microsoft.DBforPostgreSQL/flexibleServers/databases");

        Assert.Equal(["assessment", "sis"], databases.Select(d => Text(d["name"])!.Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(databases, d => Assert.Equal("UTF8", Text(d["properties"]!["charset"])));
    }

    [Fact]
    public void One_target_database_by_default()
    {
        var databases = infra.Snapshot(Scenario.Pilot).OfType("Microsoft.DBforPostgreSQL/flexibleServers/databases");

        Assert.Equal(["target"], databases.Select(d => Text(d["name"])!.Split('/')[^1]));
    }
}
