namespace Ferry.Core.Planning;

/// <summary>
/// The unit of work: one key range of one entity of one district within a run. Small and serialisable, so any
/// process holding the configuration can execute it. Bounds are JSON arrays of the exact key values (see
/// <see cref="KeyBounds"/>); the range is (Lower, Upper], a null bound is open. <see cref="NullKeys"/> marks the
/// batch of rows whose configured key has a NULL column: they cannot be keyed and go to quarantine.
/// </summary>
public sealed record BatchDescriptor(
    Guid RunId,
    string District,
    Guid Tenant,
    string Entity,
    int BatchNo,
    string? Lower,
    string? Upper,
    bool NullKeys = false)
{
    public override string ToString() => $"{District}/{Entity}#{BatchNo}";
}
