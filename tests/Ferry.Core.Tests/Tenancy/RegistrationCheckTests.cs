using Ferry.Core.Tenancy;

namespace Ferry.Core.Tests.Tenancy;

public sealed class RegistrationCheckTests
{
    private static readonly Guid Ns = Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341");
    private static readonly Guid T1 = Guid.Parse("6a1f7c1e-0000-4000-8000-000000000001");
    private static readonly Guid T2 = Guid.Parse("6a1f7c1e-0000-4000-8000-000000000002");

    private static DistrictRegistration D(string id, Guid tenant, string fingerprint = "fp1", Guid? ns = null, string database = "legacy") =>
        new(id, tenant, ns ?? Ns, fingerprint, "server", database);

    private static IReadOnlyList<string> Check(IReadOnlyList<DistrictRegistration> configured, IReadOnlyList<DistrictRegistration> registered, params string[] accept) =>
        RegistrationCheck.Problems(configured, registered, accept.ToHashSet(), _ => "legacy");

    [Fact]
    public void A_district_configured_as_registered_passes() => Assert.Empty(Check([D("d001", T1)], [D("d001", T1)]));

    [Fact]
    public void An_unregistered_district_passes() => Assert.Empty(Check([D("d001", T1)], []));

    [Fact]
    public void Another_tenant_for_a_loaded_district_is_refused_naming_both()
    {
        var problem = Assert.Single(Check([D("d001", T2, "fp1")], [D("d001", T1)]));
        Assert.Contains("district d001", problem);
        Assert.Contains(T1.ToString(), problem);
        Assert.Contains(T2.ToString(), problem);
    }

    [Fact]
    public void Another_namespace_is_refused()
    {
        var other = Guid.NewGuid();
        Assert.Contains(other.ToString(), Assert.Single(Check([D("d001", T1, ns: other)], [D("d001", T1)])));
    }

    [Fact]
    public void Another_copy_of_the_legacy_database_is_refused_unless_accepted()
    {
        Assert.Contains("--accept-source-change d001", Assert.Single(Check([D("d001", T1, "fp2")], [D("d001", T1)])));
        Assert.Empty(Check([D("d001", T1, "fp2")], [D("d001", T1)], "d001"));
    }

    [Fact]
    public void Accepting_a_source_change_still_checks_the_database_is_the_configured_one()
    {
        var problems = RegistrationCheck.Problems([D("d001", T1, "fp2", database: "other")], [D("d001", T1)], new HashSet<string> { "d001" }, _ => "legacy");
        Assert.Contains("not legacy", Assert.Single(problems));
    }

    [Fact]
    public void A_tenant_registered_to_another_district_is_refused() =>
        Assert.Contains("already registered to district d002", Assert.Single(Check([D("d001", T1, "fpA")], [D("d002", T1, "fpB")])));

    [Fact]
    public void One_legacy_database_as_two_districts_is_refused()
    {
        Assert.Contains("same legacy database", Assert.Single(Check([D("d001", T1, "fp"), D("d002", T2, "fp")], [])));
        Assert.Contains("already loaded as district d002", Assert.Single(Check([D("d001", T1, "fp")], [D("d002", T2, "fp")])));
    }
}
