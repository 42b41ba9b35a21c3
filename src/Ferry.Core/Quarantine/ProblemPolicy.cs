namespace Ferry.Core.Quarantine;

/// <summary>What to do with a row that has a given problem. Every action other than loading unchanged is recorded.</summary>
public enum ProblemAction
{
    /// <summary>The row goes to quarantine instead of the target.</summary>
    Reject,

    /// <summary>The offending reference or value is set to NULL and the row loads; the fix is recorded.</summary>
    Null,

    /// <summary>The offending characters are removed and the row loads; the fix is recorded.</summary>
    Strip,

    /// <summary>The value loads unchanged (sentinel dates only).</summary>
    Keep,
}
