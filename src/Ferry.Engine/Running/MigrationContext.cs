using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;

namespace Ferry.Engine.Running;

/// <summary>
/// A configuration made concrete: the mapping of every entity (from the reviewed mapping file when configured,
/// otherwise derived from the first district's schema), the load order, and the districts and entities in scope.
/// Every district in scope is checked to have every table in scope, readable by its login, before anything is written.
/// </summary>
public sealed class MigrationContext
{
    private MigrationContext(
        MigrationConfig config,
        MappingSet mappings,
        IReadOnlyList<DistrictSettings> districts,
        IReadOnlyList<EntityMapping> entities,
        IReadOnlyDictionary<string, SourceFacts> facts,
        IReadOnlyDictionary<string, SourceSchema> schemas)
    {
        Facts = facts;
        Config = config;
        _schemas = schemas;
        Mappings = mappings;
        Districts = districts;
        Entities = entities;
        Order = DependencyGraph.Order(mappings.Entities);
    }

    private readonly IReadOnlyDictionary<string, SourceSchema> _schemas;

    public MigrationConfig Config { get; }

    public MappingSet Mappings { get; }

    /// <summary>The load order over every mapped entity (in scope or not), so prerequisites are known.</summary>
    public LoadOrder Order { get; }

    public IReadOnlyList<DistrictSettings> Districts { get; }

    /// <summary>What each district's legacy database said about itself when this context was resolved, by district id.</summary>
    public IReadOnlyDictionary<string, SourceFacts> Facts { get; }
    /// <summary>Lines for the operator found while resolving (see <see cref="SourceChecks"/>): nothing refused, but worth knowing.</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>Entities in scope, in load order.</summary>
    public IReadOnlyList<EntityMapping> Entities { get; }

    public static async Task<MigrationContext> ResolveAsync(
        MigrationConfig config,
        IReadOnlyCollection<string> districtIds,
        IReadOnlyCollection<string> entityPatterns,
        CancellationToken cancellationToken,
        bool allowCollisions = false)
    {
        var districts = districtIds.Count == 0 ? config.Districts : districtIds.Select(config.District).ToList();
        var schemas = new Dictionary<string, SourceSchema>();
        var facts = new Dictionary<string, SourceFacts>();
        async Task<SourceSchema> SchemaOf(DistrictSettings d)
        {
            if (!schemas.TryGetValue(d.Id, out var schema))
            {
                (schema, facts[d.Id]) = await ReadSourceAsync(d, cancellationToken);
                schemas[d.Id] = schema;
            }

            return schema;
        }

        var mappings = config.Mapping is { } file
            ? MappingFile.Load(file)
            : MappingBuilder.Build(await SchemaOf(config.Districts[0]), config, config.Districts[0].Source.Provider);
        if (!allowCollisions && mappings.Collisions() is [var collision, ..] all)
        {
            throw new ConfigException(
                $"{config.File}: legacy names collide in snake_case: {collision}{(all.Count > 1 ? $" (and {all.Count - 1} more)" : "")}; " +
                "rename one in the mapping (`dm scaffold` writes it with every collision marked) and point mapping: at it");
        }

        var order = DependencyGraph.Order(mappings.Entities);
        var selected = mappings.Select(entityPatterns).Select(e => e.Source).ToHashSet();
        if (selected.Count == 0)
        {
            throw new ConfigException($"--entity {string.Join(" ", entityPatterns)}: no mapped entity matches");
        }

        var entities = order.Ordered.Where(e => selected.Contains(e.Source)).ToList();
        var warnings = new List<string>();
        foreach (var d in districts)
        {
            var schema = await SchemaOf(d);

            // Permissions first: a table the login cannot read may look missing or columnless in the catalog.
            var tables = entities.Select(e => schema.Find(e.Source)?.Name ?? e.Source).ToList();
            if (await SourceChecks.RequireAccessAsync(d, tables, cancellationToken) is { } warning)
            {
                warnings.Add(warning);
            }

            foreach (var e in entities)
            {
                var table = schema.Find(e.Source)
                    ?? throw new ConfigException($"district {d.Id}: table {e.Source} is missing from its source ({ConnectionStrings.Describe(d.Source.Connection)})");
                foreach (var c in e.Columns.Where(c => table.Column(c.Source) is null))
                {
                    throw new ConfigException($"district {d.Id}: column {e.Source}.{c.Source} is missing from its source");
                }
            }
        }

        if (Core.Tenancy.RegistrationCheck.SameDatabaseTwice(
                districts.Select(d => new Core.Tenancy.DistrictRegistration(d.Id, d.Tenant, config.UuidNamespace, facts[d.Id].Fingerprint, facts[d.Id].Server, facts[d.Id].Database)).ToList())
            .FirstOrDefault() is { } twice)
        {
            throw new ConfigException($"{config.File}: {twice}");
        }

        return new MigrationContext(config, mappings, districts, entities, facts, schemas) { Warnings = warnings };
    }

    /// <summary>
    /// The introspected schema of a district in scope: what its tables really are (key facets, collations), which the
    /// shared mapping, derived from one district, does not say.
    /// </summary>
    public SourceSchema Schema(string districtId) =>
        _schemas.TryGetValue(districtId, out var schema) ? schema : throw new ArgumentException($"district {districtId} is not in scope", nameof(districtId));

    public static async Task<SourceSchema> IntrospectAsync(DistrictSettings district, CancellationToken cancellationToken) =>
        (await ReadSourceAsync(district, cancellationToken)).Schema;

    private static async Task<(SourceSchema Schema, SourceFacts Facts)> ReadSourceAsync(DistrictSettings district, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        try
        {
            await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
            var schema = await adapter.IntrospectAsync(connection, cancellationToken);
            return (schema, await adapter.ReadFactsAsync(connection, cancellationToken));
        }
        catch (SourceUnavailableException e)
        {
            throw new SourceUnavailableException($"district {district.Id}: {e.Message}", e);
        }
    }
}
