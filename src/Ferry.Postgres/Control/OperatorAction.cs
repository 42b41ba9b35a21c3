namespace Ferry.Postgres.Control;

/// <summary>
/// One operator action as <c>ferry.operator_action</c> records it: who, in which role, what, on which run and
/// districts, when, and its outcome (<c>requested</c> until it is known, then e.g. <c>accepted</c>, <c>refused</c>,
/// <c>failed</c>, with the reason in <see cref="Detail"/>).
/// </summary>
public sealed record OperatorAction(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Role,
    string Action,
    string? Run,
    IReadOnlyList<string> Districts,
    string Outcome,
    string? Detail);
