namespace Ferry.Api.Payloads;

/// <summary>One dependency <c>GET /api/ready</c> checked: a target or legacy database, or the report storage.</summary>
public sealed record ReadinessCheck(string Name, bool Ready, string? Detail = null);

/// <summary><c>GET /api/ready</c>: ready when every check is.</summary>
public sealed record Readiness(bool Ready, IReadOnlyList<ReadinessCheck> Checks);
