namespace Ferry.Core.Quarantine;

/// <summary>Why a row was quarantined or fixed. The text form (snake_case) is what reports and the quarantine table show.</summary>
public static class ReasonCode
{
    public const string Orphan = "orphan";
    public const string ParentQuarantined = "parent_quarantined";
    public const string OrphanAtValidation = "orphan_at_validation";
    public const string BadValue = "bad_value";
    public const string NulCharacter = "nul_character";
    public const string SentinelDate = "sentinel_date";
    public const string DuplicateKey = "duplicate_key";
    public const string NullKey = "null_key";
    public const string TargetRejected = "target_rejected";
}
