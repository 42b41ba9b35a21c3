namespace Ferry.Api.Payloads;

/// <summary>One dependency <c>GET /api/ready</c> checked: a target or legacy database, or the report storage.</summary>
public sealed record ReadinessCheck(string Name, bool Ready, string? Detail = null);
