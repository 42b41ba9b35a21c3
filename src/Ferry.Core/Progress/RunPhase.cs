namespace Ferry.Core.Progress;

/// <summary>What a run or a verification is doing now, in the order a run goes through them.</summary>
public enum RunPhase
{
    Planning,
    Loading,
    BuildingIndexes,
    ValidatingForeignKeys,
    Verifying,
    WritingReports,
    Done,
}

public static class RunPhases
{
    /// <summary>The words an operator reads: <c>building indexes</c>, <c>validating foreign keys</c>.</summary>
    public static string Describe(this RunPhase phase) => phase switch
    {
        RunPhase.Planning => "planning",
        RunPhase.Loading => "loading",
        RunPhase.BuildingIndexes => "building indexes",
        RunPhase.ValidatingForeignKeys => "validating foreign keys",
        RunPhase.Verifying => "verifying",
        RunPhase.WritingReports => "writing reports",
        _ => "done",
    };
}
