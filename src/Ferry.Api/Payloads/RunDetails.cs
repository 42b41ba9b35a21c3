using System.Text.Json;
using Ferry.Core.Status;
using Ferry.Orchestration;
using Ferry.Orchestration.Status;
using Ferry.Postgres.Control;

namespace Ferry.Api.Payloads;

/// <summary>
/// <c>GET /api/runs/{id}</c>: the orchestration's runtime status, its input, its custom status (the per-district
/// summary), its output and failure reason, the per-entity progress read from the toolkit's tables, and the operator
/// actions on it, and the whole run's <see cref="Overall"/> progress (rate over a moving window, ETA once the totals are
/// known). <see cref="ProgressError"/> says why the progress is missing when the target database could not be read.
/// </summary>
public sealed record RunDetails
{
    public required string Id { get; init; }

    public required string RuntimeStatus { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public RunInput? Input { get; init; }

    public RunStatus? CustomStatus { get; init; }

    public JsonElement? Output { get; init; }

    public string? Failure { get; init; }

    public IReadOnlyList<EntityStatus> Progress { get; init; } = [];

    public OverallProgress? Overall { get; init; }

    public string? ProgressError { get; init; }

    public IReadOnlyList<OperatorAction> OperatorActions { get; init; } = [];

    public required ManagementPayload Links { get; init; }
}
