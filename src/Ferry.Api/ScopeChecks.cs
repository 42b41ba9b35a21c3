using Ferry.Core.Configuration;
using Ferry.Postgres.Control;
using Microsoft.AspNetCore.Http;

namespace Ferry.Api;

/// <summary>
/// The checks a request to start work makes before anything starts: every district is configured and every entity
/// pattern matches a mapped entity (400 naming the item), and no district in scope is held by a live operation (409
/// naming the run that holds it: the engine's district lease, the same one that would refuse the work later).
/// </summary>
public static class ScopeChecks
{
    public static IResult? CheckDistricts(MigrationConfig config, IReadOnlyList<string>? districts, string field = "districts")
    {
        var configured = config.Districts.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (districts?.Count ?? 0); i++)
        {
            if (districts![i] is not { Length: > 0 } district || !configured.Contains(district))
            {
                return ApiProblems.BadRequest($"{field}[{i}]", $"unknown district '{districts[i]}' (configured: {string.Join(", ", configured.Order(StringComparer.Ordinal))})");
            }
        }

        return null;
    }

    public static async Task<IResult?> CheckEntitiesAsync(MigrationConfig config, IEntityCatalog catalog, IReadOnlyList<string>? patterns, CancellationToken cancellationToken)
    {
        if (patterns is not { Count: > 0 })
        {
            return null;
        }

        var entities = await catalog.EntitiesAsync(config, cancellationToken);
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i] is not { Length: > 0 } pattern || !entities.Any(e => Glob.IsMatch(pattern, e)))
            {
                return ApiProblems.BadRequest($"entities[{i}]", $"'{patterns[i]}' matches no mapped entity (patterns are globs over schema.table)");
            }
        }

        return null;
    }

    /// <summary>The 409 when a live operation holds one of <paramref name="districts"/> in any target database, else null.</summary>
    public static async Task<IResult?> CheckLeasesAsync(ConfiguredMigration migration, IReadOnlyCollection<string> districts, CancellationToken cancellationToken)
    {
        if (districts.Count == 0)
        {
            return null;
        }

        foreach (var target in await migration.TargetsAsync(cancellationToken))
        {
            if ((await DistrictLeaseHolders.LiveAsync(target, districts, cancellationToken)).FirstOrDefault() is { District: not null } held)
            {
                return ApiProblems.Conflict(
                    $"district {held.District} is held by run {held.Run} ({held.Holder}), which is still working on it: wait for it to finish, or terminate it",
                    held.Run.ToString("D"));
            }
        }

        return null;
    }
}
