using Ferry.Core.Abstractions;

namespace Ferry.Core.Configuration;

/// <summary>
/// Whether a district may be read with the consistency its database offers. Snapshot and statement snapshots are
/// fine: each batch is one statement over one key range. Locking reads can miss or double-read rows whose keys change
/// during a scan, so they are refused unless the configuration accepts them (<c>source.isolation: locking</c>), and
/// then verification after the load is required.
/// </summary>
public static class IsolationPolicy
{
    /// <summary>
    /// Null when the reads are consistent; the line to tell the operator when locking reads were accepted. Throws
    /// <see cref="ConfigException"/> (one line, exit 2) when they were not.
    /// </summary>
    public static string? Check(DistrictSettings district, ReadConsistency consistency)
    {
        if (consistency != ReadConsistency.Locking)
        {
            return null;
        }

        if (district.Source.Isolation != SourceIsolation.Locking)
        {
            throw new ConfigException(
                $"district {district.Id}: the source database has neither ALLOW_SNAPSHOT_ISOLATION nor READ_COMMITTED_SNAPSHOT on, so a read can miss or repeat rows changed while it runs: "
                + "turn one on, or accept locking reads with source.isolation: locking (verification after the load is then required)");
        }

        return $"district {district.Id}: reading with locking READ COMMITTED (source.isolation: locking): rows changed during the load can be missed or read twice; run dm verify after the load, it is required";
    }
}
