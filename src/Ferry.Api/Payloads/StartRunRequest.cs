namespace Ferry.Api.Payloads;

/// <summary>
/// The body of <c>POST /api/runs</c>: the mode, the districts (none: every configured one), the entity patterns (none:
/// the configuration's selection), and for mode <c>rollback</c> the run to undo.
/// </summary>
public sealed record StartRunRequest
{
    public string? Mode { get; init; }

    public IReadOnlyList<string>? Districts { get; init; }

    public IReadOnlyList<string>? Entities { get; init; }

    public RollbackRunRequest? Rollback { get; init; }
}
