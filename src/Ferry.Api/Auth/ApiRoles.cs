namespace Ferry.Api.Auth;

/// <summary>
/// The app roles of the API's Entra ID application. An operator drives runs (start, terminate, suspend, resume, raise
/// events, purge, rollback) and may read what it drives; an auditor reads status, history and reports only.
/// </summary>
public static class ApiRoles
{
    public const string Operator = "Migration.Operator";

    public const string Auditor = "Migration.Auditor";

    public static IReadOnlyList<string> All { get; } = [Operator, Auditor];

    /// <summary>The roles allowed to read: both, since an operator watches the runs it starts.</summary>
    public static IReadOnlyList<string> Readers { get; } = [Auditor, Operator];

    public static IReadOnlyList<string> Operators { get; } = [Operator];
}
