namespace Ferry.Core.Hashing;

/// <summary>
/// Which side a row is read from. Fixes that the load applies by policy (sentinel dates and unconvertible values
/// set to NULL) are applied to the source side only, so a target that holds exactly the fix matches, while a
/// sentinel or a stray NULL appearing in the target is still a difference.
/// </summary>
public enum CanonicalSide
{
    Source,
    Target,
}
