namespace Ferry.Orchestration.Steps;

/// <summary>
/// Scaffolds the target from one district's legacy schema (<see cref="District"/>; null: the first configured), for
/// the entity patterns given (none: the configuration's selection), and applies it.
/// </summary>
public sealed record ScaffoldInput(string Instance, string? District, IReadOnlyList<string>? Entities)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// What scaffolding did: the district introspected, the entities mapped, the references left outside the load order
/// (self-references and cycles, checked when a load ends), the target databases the schema was applied to, where the
/// DDL and the mapping were written (paths in the reports storage; none without <c>reports:</c>), warnings, and the
/// reason nothing was applied (legacy names colliding in snake_case), each list cut to a bounded length.
/// </summary>
public sealed record ScaffoldOutput(
    string District,
    int Entities,
    int OutsideOrder,
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Warnings,
    string? Failure);
