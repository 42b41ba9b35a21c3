namespace Ferry.Core.Reconciliation;

/// <summary>
/// When an entity has parity: every legacy row is in the target or accounted for by the quarantine
/// (source = target + quarantined), no row is missing, extra or changed, and the content checksums of the rows
/// loaded agree (same count, same sum). The checksum condition is what proves content; the counts say where to look.
/// </summary>
public static class Parity
{
    public const string Pass = "pass";
    public const string Differs = "differs";

    public static bool Holds(long source, long target, long quarantined, long missing, long extra, long changed, ContentChecksum sourceChecksum, ContentChecksum targetChecksum) =>
        source == target + quarantined && missing == 0 && extra == 0 && changed == 0 && sourceChecksum == targetChecksum;

    public static string Status(bool holds) => holds ? Pass : Differs;
}
