using Ferry.Core.Quarantine;

namespace Ferry.Reports.Html;

/// <summary>
/// What each quarantine reason and action means, in words an auditor who has not read the code understands. The
/// recorded reason of one row (its column and value) is shown beside it as an example.
/// </summary>
internal static class ReasonText
{
    public static string Reason(string reasonCode) => reasonCode switch
    {
        ReasonCode.Orphan => "The row refers to a parent row that does not exist in the legacy database.",
        ReasonCode.ParentQuarantined => "The row refers to a parent row that was itself quarantined, so loading it would leave a broken reference.",
        ReasonCode.OrphanAtValidation => "When the foreign keys were checked at the end of the load, the row's parent was not in the target (it was rejected after this row loaded); the row was moved out of the target.",
        ReasonCode.BadValue => "A value does not convert to the type of its target column.",
        ReasonCode.NulCharacter => "A text value contains a NUL character, which PostgreSQL text cannot hold.",
        ReasonCode.SentinelDate => "A date such as 1900-01-01 that the legacy system used to mean \"unknown\".",
        ReasonCode.DuplicateKey => "Another row has the same key; the first one loaded.",
        ReasonCode.NullKey => "A key column is empty (NULL), so the row has no identity in the target.",
        ReasonCode.TargetRejected => "PostgreSQL refused the row: it breaks a rule of the target that the legacy database did not enforce.",
        _ => $"Reason code {reasonCode}.",
    };

    public static string Action(string action) => action switch
    {
        "rejected" => "Not loaded: the original row is kept in quarantine.csv.",
        "nulled" => "Loaded with the value set to NULL, as the policy says; the original row is in quarantine.csv.",
        "stripped" => "Loaded with the NUL characters removed, as the policy says; the original row is in quarantine.csv.",
        _ => $"Action {action}.",
    };
}
