namespace Ferry.Core.Configuration;

/// <summary>
/// The <c>conflicts:</c> key. A conflict is a target row a delta would update or delete although a role other than the
/// toolkit's changed it since the toolkit last wrote it (the new services already writing during the transition).
/// </summary>
public enum ConflictPolicy
{
    /// <summary>The row is left as it is and listed as an open conflict (the default): nobody's write is lost silently.</summary>
    Report,

    /// <summary>The legacy row overwrites the target's (its before-image kept), and the conflict is recorded as resolved so.</summary>
    LegacyWins,
}
