using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Naming;

namespace Ferry.Core.Planning;

/// <summary>
/// Derives the default mapping of every selected legacy table from an introspected schema and the configuration.
/// Naming: schema and table snake_case; the row's UUID is <c>id</c>; each reference becomes a UUID column named
/// after its legacy column (<c>StudentId</c> to <c>student_id</c>, <c>StudentUSI</c> to <c>student_id</c>) or, for a
/// composite reference, after its parent table; legacy key and reference columns keep their values under a
/// <c>legacy_</c> prefix (as does any legacy column whose name the new columns take). Problems throw <see cref="ConfigException"/> naming the table.
/// </summary>
public static class MappingBuilder
{
    private static readonly string[] Reserved = ["tenant_id", "id", "ferry_run_id"];

    public static MappingSet Build(SourceSchema schema, MigrationConfig config, string provider)
    {
        // Names in the configuration are written by people; from here on every name is spelt as the catalog spells
        // it, so names that differ only in case (a case-sensitive catalog) stay distinct.
        var relationships = config.Relationships.Select(rel =>
        {
            var (from, fromColumns) = Resolve(schema, rel.From, rel.FromColumns, config, "relationships");
            var (to, toColumns) = Resolve(schema, rel.To, rel.ToColumns, config, "relationships");
            return new RelationshipSettings(from, fromColumns, to, toColumns);
        }).ToList();
        var configuredKeys = config.Keys.Select(key =>
        {
            var (table, columns) = Resolve(schema, key.Table, key.Columns, config, "keys");
            return new KeySettings(table, columns);
        }).ToList();

        var selected = schema.Tables.Where(t => config.Entities.Matches(t.Name.ToString())).OrderBy(t => t.Name).ToList();
        if (selected.Count == 0)
        {
            throw new ConfigException($"{config.File}: entities: no table of the source matches include [{string.Join(", ", config.Entities.Include)}]");
        }

        var names = selected.Select(t => t.Name).ToHashSet();
        var keys = selected.ToDictionary(t => t.Name, t => ChooseKey(t, configuredKeys, config));
        var entities = selected.Select(t => BuildEntity(t, keys, names, relationships, schema, config, provider)).ToList();
        return new MappingSet(MarkTableCollisions(entities));
    }

    /// <summary>The table and columns as the catalog spells them; one line naming what does not exist (or is ambiguous).</summary>
    private static (TableName Table, IReadOnlyList<string> Columns) Resolve(
        SourceSchema schema, TableName table, IReadOnlyList<string> columns, MigrationConfig config, string section)
    {
        var t = schema.Find(table) ?? throw new ConfigException($"{config.File}: {section}: table {table} does not exist in the source{Ambiguity(schema.Tables.Select(x => x.Name.ToString()), table.ToString())}");
        var resolved = columns.Select(c => t.Column(c)?.Name
            ?? throw new ConfigException($"{config.File}: {section}: column {table}.{c} does not exist in the source{Ambiguity(t.Columns.Select(x => x.Name), c)}")).ToList();
        return (t.Name, resolved);
    }

    private static string Ambiguity(IEnumerable<string> names, string wanted)
    {
        var alike = names.Where(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return alike.Count > 1 ? $" (names differing only in case: {string.Join(", ", alike)}; write the exact one)" : "";
    }

    private static (IReadOnlyList<string> Columns, KeyOrigin Origin) ChooseKey(SourceTable table, IReadOnlyList<KeySettings> configuredKeys, MigrationConfig config)
    {
        var configured = configuredKeys.FirstOrDefault(k => k.Table.Equals(table.Name));
        var unique = table.UniqueKeys.FirstOrDefault(u => u.All(c => table.Column(c) is { Nullable: false }));
        if (configured is not null)
        {
            // A configured key beside a declared one would derive ids from columns the database does not keep unique,
            // and fail only once rows collide mid-load: refuse it up front.
            if ((table.PrimaryKey is { Count: > 0 } ? table.PrimaryKey : unique) is { } declared)
            {
                throw new ConfigException(
                    $"{config.File}: keys: {table.Name} already has a {(table.PrimaryKey is { Count: > 0 } ? "primary key" : "unique index")} ({string.Join(", ", declared)}); remove it from keys:");
            }

            return (configured.Columns.Select(c => table.Column(c)!.Name).ToList(), KeyOrigin.Configured);
        }

        if (table.PrimaryKey is { Count: > 0 } pk)
        {
            return (pk, KeyOrigin.PrimaryKey);
        }

        return unique is not null
            ? (unique, KeyOrigin.UniqueIndex)
            : throw new ConfigException($"{config.File}: entity {table.Name} has no primary key or unique index: add \"{table.Name}(Column, ...)\" under keys:");
    }

    private static EntityMapping BuildEntity(
        SourceTable table,
        Dictionary<TableName, (IReadOnlyList<string> Columns, KeyOrigin Origin)> keys,
        HashSet<TableName> selected,
        IReadOnlyList<RelationshipSettings> relationships,
        SourceSchema schema,
        MigrationConfig config,
        string provider)
    {
        var targetDb = config.TargetFor(table.Name.ToString()).Name;
        var targetTable = IdentifierLimits.Fit(SnakeCase.Convert(table.Name.Name));
        var taken = new HashSet<string>(Reserved, StringComparer.Ordinal);

        var foreignKeys = table.ForeignKeys
            .Concat(relationships.Where(r => r.From.Equals(table.Name)).Select(r => r.ToForeignKey()))
            .Where(fk => selected.Contains(fk.Referenced))
            .GroupBy(fk => string.Join('\0', fk.Columns) + "->" + fk.Referenced)
            .Select(g => g.First())
            .ToList();

        var references = new List<ReferenceMap>();
        foreach (var fk in foreignKeys)
        {
            var parentKey = keys[fk.Referenced].Columns;
            var alternate = IsParentKey(fk, parentKey) ? null : AlternateKey(fk, schema.Find(fk.Referenced), parentKey, config);
            var ordered = alternate is null ? OrderByParentKey(fk, parentKey, config) : fk.Columns;
            var column = UniqueName(ReferenceColumnName(fk), taken);
            var nullable = fk.Columns.Any(c => table.Column(c)?.Nullable ?? true);
            var sameDb = config.TargetFor(fk.Referenced.ToString()).Name == targetDb;
            var constraint = sameDb ? IdentifierLimits.Fit($"fk_{targetTable}_{column}") : null;
            references.Add(new ReferenceMap(fk.Name, ordered, fk.Referenced, column, nullable, fk.Declared, constraint, fk.Enforced, alternate));
        }

        var (key, origin) = keys[table.Name];
        var legacyKeys = key.Concat(foreignKeys.SelectMany(fk => fk.Columns)).ToHashSet(StringComparer.Ordinal);
        // Two legacy columns with one snake_case name ("OrderDate" and "order_date") must not be told apart by a
        // silent suffix: both keep the name and the mapping says why it cannot load until one is renamed.
        var snakeOwners = table.Columns.GroupBy(c => IdentifierLimits.Fit(SnakeCase.Convert(c.Name)), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Name).ToList(), StringComparer.Ordinal);
        var columns = new List<ColumnMap>();
        foreach (var c in table.Columns)
        {
            var type = TypeRules.Map(provider, c)
                ?? throw new ConfigException($"{config.File}: column {table.Name}.{c.Name}: type '{c.DataType}' has no mapping rule");
            var snake = IdentifierLimits.Fit(SnakeCase.Convert(c.Name));
            if (snakeOwners.TryGetValue(snake, out var owners))
            {
                var others = string.Join(", ", owners.Where(o => o != c.Name).Select(o => $"{table.Name}.{o}"));
                columns.Add(new ColumnMap(c.Name, snake, c.DataType, type.TargetType, type.Kind, c.Nullable, type.SelectAs,
                    $"{table.Name}.{c.Name} and {others} both become column {snake}: rename one"));
                continue;
            }

            // Legacy key and reference values are kept for traceability under an explicit prefix, so that
            // student_id always means the new uuid and legacy_student_id the old integer.
            var target = taken.Contains(snake) || legacyKeys.Contains(c.Name) ? UniqueName(IdentifierLimits.Fit("legacy_" + snake), taken) : UniqueName(snake, taken);
            columns.Add(new ColumnMap(c.Name, target, c.DataType, type.TargetType, type.Kind, c.Nullable, type.SelectAs));
        }

        return new EntityMapping
        {
            Source = table.Name,
            Target = targetDb,
            TargetSchema = SnakeCase.Convert(table.Name.Schema),
            TargetTable = targetTable,
            Columns = columns,
            Key = key,
            KeyOrigin = origin,
            References = references,
        };
    }

    /// <summary>Marks the entities whose target table another entity also becomes (<c>dbo."Order"</c> and <c>dbo."order"</c>).</summary>
    private static List<EntityMapping> MarkTableCollisions(List<EntityMapping> entities)
    {
        var groups = entities.GroupBy(e => (e.Target, e.TargetSchema, e.TargetTable)).Where(g => g.Count() > 1).ToList();
        var marks = new Dictionary<EntityMapping, string>(ReferenceEqualityComparer.Instance);
        foreach (var g in groups)
        {
            foreach (var e in g)
            {
                marks[e] = $"{string.Join(" and ", g.Select(x => x.Name))} all become table {e.TargetSchema}.{e.TargetTable}: rename one";
            }
        }

        return entities.Select(e => marks.TryGetValue(e, out var why) ? e with { Collision = why } : e).ToList();
    }

    private static bool IsParentKey(ForeignKeyInfo fk, IReadOnlyList<string> parentKey) =>
        fk.ReferencedColumns.Count == parentKey.Count && fk.ReferencedColumns.All(c => parentKey.Contains(c, StringComparer.Ordinal));

    /// <summary>
    /// The referenced columns when they are another unique key of the parent (a foreign key may reference any unique
    /// constraint, not only the primary key); the reference then goes through that key to the parent's own. Anything
    /// else is not a key, and the mapping stops naming the reference.
    /// </summary>
    private static IReadOnlyList<string> AlternateKey(ForeignKeyInfo fk, SourceTable? parent, IReadOnlyList<string> parentKey, MigrationConfig config)
    {
        var candidates = (parent?.UniqueKeys ?? []).Concat(parent?.PrimaryKey is { } pk ? [pk] : []);
        if (fk.Columns.Count == fk.ReferencedColumns.Count
            && candidates.Any(u => u.Count == fk.ReferencedColumns.Count && u.All(c => fk.ReferencedColumns.Contains(c, StringComparer.Ordinal))))
        {
            return fk.ReferencedColumns;
        }

        throw new ConfigException(
            $"{config.File}: reference {fk.Table}({string.Join(", ", fk.Columns)}) -> {fk.Referenced}({string.Join(", ", fk.ReferencedColumns)}) " +
            $"does not target the parent's key ({string.Join(", ", parentKey)}) or another unique key of it; ids are derived from that key");
    }

    /// <summary>The child's columns rearranged into the order of the parent's key, so both sides canonicalise alike.</summary>
    private static IReadOnlyList<string> OrderByParentKey(ForeignKeyInfo fk, IReadOnlyList<string> parentKey, MigrationConfig config)
    {
        var result = new List<string>();
        foreach (var keyColumn in parentKey)
        {
            var i = fk.ReferencedColumns.ToList().FindIndex(c => string.Equals(c, keyColumn, StringComparison.Ordinal));
            if (i < 0 || fk.ReferencedColumns.Count != parentKey.Count)
            {
                throw new ConfigException(
                    $"{config.File}: reference {fk.Table}({string.Join(", ", fk.Columns)}) -> {fk.Referenced}({string.Join(", ", fk.ReferencedColumns)}) " +
                    $"does not target the parent's key ({string.Join(", ", parentKey)}); ids are derived from that key");
            }

            result.Add(fk.Columns[i]);
        }

        return result;
    }

    private static string ReferenceColumnName(ForeignKeyInfo fk)
    {
        if (fk.Columns.Count > 1)
        {
            return IdentifierLimits.Fit(SnakeCase.Convert(fk.Referenced.Name) + "_id");
        }

        var snake = SnakeCase.Convert(fk.Columns[0]);
        if (snake.EndsWith("_usi", StringComparison.Ordinal))
        {
            snake = snake[..^4];
        }
        else if (snake.EndsWith("_id", StringComparison.Ordinal))
        {
            snake = snake[..^3];
        }

        return IdentifierLimits.Fit(snake + "_id");
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = IdentifierLimits.Fit($"{name}_{i}");
        }

        return candidate;
    }
}
