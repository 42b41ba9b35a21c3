using Ferry.Core.Mapping;

namespace Ferry.Core.Tests.Mapping;

public class DeterministicUuidTests
{
    private static readonly Guid Namespace = Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341");
    private static readonly Guid Tenant = Guid.Parse("6a1f7c1e-0000-4000-8000-000000000001");

    [Fact]
    public void V5_matches_the_rfc_example_for_the_dns_namespace()
    {
        // The RFC 9562 / RFC 4122 namespace for DNS names and the value every conforming library gives.
        var dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicUuid.V5(dns, "www.example.com"));
    }

    [Fact]
    public void Row_id_is_the_v5_uuid_of_tenant_entity_and_canonical_key()
    {
        var ids = new DeterministicUuid(Namespace, Tenant, "dbo.Student");
        var expected = DeterministicUuid.V5(Namespace, $"{Tenant:D}/dbo.student/1");
        Assert.Equal(expected, ids.For("1"));
        // Value from an independent implementation (Python's uuid.uuid5) of the same name.
        Assert.Equal(Guid.Parse("887f0145-4c43-5b8a-b74d-1ac40b0b071d"), ids.For("1"));
    }

    [Fact]
    public void Same_key_in_two_tenants_gives_two_ids()
    {
        var a = new DeterministicUuid(Namespace, Tenant, "dbo.Student").For("1");
        var b = new DeterministicUuid(Namespace, Guid.Parse("6a1f7c1e-0000-4000-8000-000000000002"), "dbo.Student").For("1");
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Same_key_in_two_entities_gives_two_ids()
    {
        Assert.NotEqual(
            new DeterministicUuid(Namespace, Tenant, "dbo.Student").For("7"),
            new DeterministicUuid(Namespace, Tenant, "dbo.Staff").For("7"));
    }

    [Fact]
    public void Entity_name_case_does_not_change_the_id()
    {
        Assert.Equal(
            new DeterministicUuid(Namespace, Tenant, "dbo.Student").For("7"),
            new DeterministicUuid(Namespace, Tenant, "DBO.STUDENT").For("7"));
    }

    [Fact]
    public void Ids_carry_version_5_and_the_rfc_variant()
    {
        var id = new DeterministicUuid(Namespace, Tenant, "dbo.Student").For("42");
        var bytes = id.ToByteArray(bigEndian: true);
        Assert.Equal(0x50, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
    }

    [Fact]
    public void Long_keys_hash_like_short_ones()
    {
        var key = new string('x', 5000);
        var ids = new DeterministicUuid(Namespace, Tenant, "dbo.Note");
        Assert.Equal(DeterministicUuid.V5(Namespace, $"{Tenant:D}/dbo.note/{key}"), ids.For(key));
    }
}
