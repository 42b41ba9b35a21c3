namespace Ferry.Api.Payloads;

/// <summary>
/// The body of <c>POST /api/runs/{id}/rollback</c> (every member optional: every district of the run, no cascade, for
/// real), and the <c>rollback</c> member of a <c>POST /api/runs</c> in mode <c>rollback</c>, where <see cref="Run"/>
/// names the run to undo.
/// </summary>
public sealed record RollbackRunRequest
{
    public Guid? Run { get; init; }

    public IReadOnlyList<string>? Districts { get; init; }

    public bool Cascade { get; init; }

    public bool DryRun { get; init; }
}
