namespace Ferry.Orchestration.Steps;

/// <summary>Validates the whole configuration without loading (the engine's validator).</summary>
public sealed record ValidateInput(string Instance)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// What validation found: <see cref="Problems"/> (one line each naming the district, target, table or column at
/// fault) and <see cref="Notes"/> that stop nothing, with how much was checked; <see cref="Ready"/> when there is no
/// problem. Lists are cut to a bounded length, the last line saying how many more there were; <see cref="ProblemCount"/>
/// counts them all.
/// </summary>
public sealed record ValidateOutput(
    bool Ready,
    int ProblemCount,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    int Districts,
    int Entities,
    int Targets,
    long ElapsedMs)
{
    /// <summary>The lines <c>dm validate</c> prints: each problem, each note, then <c>ready: ...</c> or <c>not ready: ...</c>.</summary>
    public IReadOnlyList<string> Lines()
    {
        var checkedWhat = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{Districts} district(s), {Entities} entities, {Targets} target database(s) checked in {ElapsedMs / 1000.0:N1} s");
        return
        [
            .. Problems,
            .. Notes.Select(n => $"note: {n}"),
            Ready ? $"ready: {checkedWhat}" : $"not ready: {ProblemCount} problem(s); {checkedWhat}",
        ];
    }
}
