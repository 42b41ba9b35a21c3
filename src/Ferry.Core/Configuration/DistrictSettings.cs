namespace Ferry.Core.Configuration;

/// <summary>One legacy district: its short id, the tenant it becomes, and its source database.</summary>
public sealed record DistrictSettings(string Id, Guid Tenant, SourceSettings Source);
