namespace Ferry.Api.Payloads;

/// <summary><c>GET /api/ready</c>: ready when every check is.</summary>
public sealed record Readiness(bool Ready, IReadOnlyList<ReadinessCheck> Checks);
