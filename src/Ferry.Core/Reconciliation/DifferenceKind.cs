namespace Ferry.Core.Reconciliation;

/// <summary>How a legacy row and the target disagree.</summary>
public enum DifferenceKind
{
    /// <summary>A source row that is neither in the target nor accounted for by the quarantine.</summary>
    Missing,

    /// <summary>A target row of the tenant whose legacy key has no source row.</summary>
    Extra,

    /// <summary>Both sides have the key, with different content (see <see cref="RowDifference.Columns"/>).</summary>
    Changed,
}
