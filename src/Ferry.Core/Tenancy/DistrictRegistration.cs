namespace Ferry.Core.Tenancy;

/// <summary>
/// Which tenant, UUID namespace and legacy database a district was loaded with (as the target records it), or is
/// configured with now (as the configuration and the live database say).
/// </summary>
public sealed record DistrictRegistration(string DistrictId, Guid Tenant, Guid Namespace, string Fingerprint, string Server, string Database);
