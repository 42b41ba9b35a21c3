namespace Ferry.Engine.Work;

/// <summary>A started (or resumed) run: its id, whether it resumes an unfinished run of the same scope, and lines for the operator.</summary>
public sealed record RunTicket(Guid RunId, bool Resumed, bool DryRun, IReadOnlyList<string> Messages);
