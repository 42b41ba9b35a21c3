namespace Ferry.Engine.Validation;

/// <summary>
/// What <see cref="Validator"/> found: <see cref="Problems"/> that would stop or spoil a run, one line each naming the
/// district, target, table or column at fault; <see cref="Notes"/> worth knowing that stop nothing (locking reads
/// accepted, reports not configured). <see cref="Ready"/> when there is no problem.
/// </summary>
public sealed record ValidationResult(
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    int Districts,
    int Entities,
    int Targets,
    TimeSpan Elapsed)
{
    public bool Ready => Problems.Count == 0;
}
