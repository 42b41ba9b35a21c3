using Ferry.Core.Configuration;
using Ferry.Core.Tenancy;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Running;

/// <summary>
/// Applies <see cref="RegistrationCheck"/> for a run or a verification: the districts in scope as configured and as
/// their databases said when the context was resolved, against what every target database recorded.
/// </summary>
internal static class Registrations
{
    public static IReadOnlyList<DistrictRegistration> Configured(MigrationContext context) =>
        context.Districts
            .Where(d => context.Facts.ContainsKey(d.Id))
            .Select(d =>
            {
                var facts = context.Facts[d.Id];
                return new DistrictRegistration(d.Id, d.Tenant, context.Config.UuidNamespace, facts.Fingerprint, facts.Server, facts.Database);
            })
            .ToList();

    /// <summary>Throws <see cref="ConfigException"/> (nothing written) when the configuration contradicts a registration.</summary>
    public static async Task CheckAsync(MigrationContext context, TargetDatabases targets, IReadOnlySet<string> acceptSourceChange, CancellationToken cancellationToken)
    {
        var registered = new List<DistrictRegistration>();
        foreach (var name in targets.Names)
        {
            registered.AddRange(await DistrictRegistry.ReadAsync(targets[name], cancellationToken));
        }

        var problems = RegistrationCheck.Problems(
            Configured(context),
            registered.DistinctBy(r => (r.DistrictId, r.Tenant, r.Namespace, r.Fingerprint)).ToList(),
            acceptSourceChange,
            id => ConnectionStrings.Database(context.Config.District(id).Source.Connection));
        if (problems.Count > 0)
        {
            throw new ConfigException(problems[0] + (problems.Count > 1 ? $" (and {problems.Count - 1} more problem(s) of the same kind)" : ""));
        }
    }

    /// <summary>Records the districts in every target database; returns the districts whose database moved.</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(MigrationContext context, TargetDatabases targets, Guid runId, CancellationToken cancellationToken)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in targets.Names)
        {
            moved.UnionWith(await DistrictRegistry.RecordAsync(targets[name], Configured(context), runId, cancellationToken));
        }

        return moved.Order(StringComparer.Ordinal).ToList();
    }
}
