namespace Ferry.Core.Tenancy;

/// <summary>
/// The rule that a district lands once, under one tenant: a configuration may not give an already-loaded district
/// another tenant or namespace, load it from another copy of its legacy database unless the operator says the database
/// moved, hand its tenant to another district, or map one legacy database to two districts. Pure: the caller reads the
/// registrations and the live databases, and turns a problem into a refusal.
/// </summary>
public static class RegistrationCheck
{
    /// <summary>
    /// Every problem with <paramref name="configured"/> (the districts in scope, as configured and as their databases
    /// say now) against <paramref name="registered"/> (what the target recorded), one line each; none means go ahead.
    /// </summary>
    /// <param name="acceptSourceChange">Districts whose database may have a new fingerprint.</param>
    /// <param name="configuredDatabase">The database name the configuration's connection string gives a district, if any.</param>
    public static IReadOnlyList<string> Problems(
        IReadOnlyList<DistrictRegistration> configured,
        IReadOnlyList<DistrictRegistration> registered,
        IReadOnlySet<string> acceptSourceChange,
        Func<string, string?> configuredDatabase)
    {
        var problems = new List<string>();
        problems.AddRange(SameDatabaseTwice(configured));
        var byId = registered.ToDictionary(r => r.DistrictId, StringComparer.Ordinal);
        foreach (var c in configured)
        {
            if (byId.TryGetValue(c.DistrictId, out var r))
            {
                if (r.Tenant != c.Tenant)
                {
                    problems.Add($"district {c.DistrictId} was loaded under tenant {r.Tenant}, the configuration gives tenant {c.Tenant}: " +
                        $"to move a district to another tenant, roll back its runs first (`dm rollback --run RUNID --district {c.DistrictId}`, `dm status` lists the runs), " +
                        "which clears its registration once no run is left");
                }

                if (r.Namespace != c.Namespace)
                {
                    problems.Add($"district {c.DistrictId} was loaded with uuidNamespace {r.Namespace}, the configuration gives {c.Namespace}: " +
                        $"every id would change; roll back its runs first (`dm rollback --run RUNID --district {c.DistrictId}`) to load it under another namespace");
                }

                if (r.Fingerprint != c.Fingerprint)
                {
                    if (!acceptSourceChange.Contains(c.DistrictId))
                    {
                        problems.Add($"district {c.DistrictId} was loaded from legacy database {r.Fingerprint}, its connection now reaches {c.Fingerprint}: " +
                            $"if the database was restored or failed over, run with --accept-source-change {c.DistrictId}");
                    }
                    else if (configuredDatabase(c.DistrictId) is { } name && !string.Equals(name, c.Database, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"district {c.DistrictId}: --accept-source-change: the connection reaches database {c.Database} on {c.Server}, " +
                            $"not {name} as the configuration names it");
                    }
                }
            }

            foreach (var other in registered.Where(o => o.DistrictId != c.DistrictId))
            {
                if (other.Tenant == c.Tenant)
                {
                    problems.Add($"district {c.DistrictId}: tenant {c.Tenant} is already registered to district {other.DistrictId}");
                }

                if (other.Fingerprint == c.Fingerprint)
                {
                    problems.Add($"district {c.DistrictId}: its legacy database {c.Fingerprint} was already loaded as district {other.DistrictId}");
                }
            }
        }

        return problems;
    }

    /// <summary>Two configured districts whose connections reach the same legacy database.</summary>
    public static IEnumerable<string> SameDatabaseTwice(IReadOnlyList<DistrictRegistration> configured) =>
        configured.GroupBy(c => c.Fingerprint, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"districts {string.Join(" and ", g.Select(c => c.DistrictId))} name the same legacy database ({g.Key}): a legacy database is one district");
}
