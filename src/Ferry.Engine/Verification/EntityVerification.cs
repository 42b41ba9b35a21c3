using System.Data.Common;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Hashing;
using Ferry.Core.Mapping;
using Ferry.Core.Planning;
using Ferry.Postgres;
using Npgsql;

namespace Ferry.Engine.Verification;

/// <summary>
/// Everything the verification of one (district, entity) needs, prepared once: the source query columns, the
/// target query, the canonical layout, key positions and the row-id derivation of the load.
/// </summary>
internal sealed class EntityVerification
{
    // SQL Server keeps 100 ns; PostgreSQL keeps microseconds. A key holding such a value derives its id from all
    // seven digits, which the target no longer has, so the id cannot be re-derived from the target's key.
    private static readonly HashSet<string> SubMicrosecondTypes = new(StringComparer.OrdinalIgnoreCase) { "datetime2", "datetimeoffset", "time" };

    public EntityVerification(EntityMapping entity, DistrictSettings district, MigrationConfig config, ISourceAdapter source, NpgsqlDataSource target, SourceFacts? facts = null)
    {
        Entity = entity;
        District = district;
        Source = source;
        Target = target;
        Layout = CanonicalLayout.For(entity, config.Policies);
        SelectColumns = SourceColumns.Expressions(entity, source.Dialect, facts);
        KeyOrdinals = entity.Key.Select(k => entity.Columns.ToList().FindIndex(c => string.Equals(c.Source, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (KeyOrdinals.Any(o => o < 0))
        {
            throw new ConfigException($"entity {entity.Name}: a key column is not mapped");
        }

        RowIds = new DeterministicUuid(config.UuidNamespace, district.Tenant, entity.Name);
        ColumnNames = entity.Columns.Select(c => c.Source).ToList();
        TargetTable = PgIdentifier.Qualified(entity.TargetSchema, entity.TargetTable);
        ChecksIds = !(district.Source.Provider == "sqlserver" && entity.Key.Any(k => SubMicrosecondTypes.Contains(entity.Column(k).SourceType)));
        KeyMayBeNull = entity.Key.Any(k => entity.Column(k).Nullable);
        _targetColumns = "\"id\", " + string.Join(", ", entity.Columns.Select(c => PgIdentifier.Quote(c.Target)));
    }

    private readonly string _targetColumns;

    public EntityMapping Entity { get; }

    public DistrictSettings District { get; }

    public ISourceAdapter Source { get; }

    public NpgsqlDataSource Target { get; }

    public CanonicalLayout Layout { get; }

    public IReadOnlyList<string> SelectColumns { get; }

    public int[] KeyOrdinals { get; }

    public DeterministicUuid RowIds { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public string TargetTable { get; }

    /// <summary>Whether a target row's id can be re-derived from its stored key (see <see cref="SubMicrosecondTypes"/>).</summary>
    public bool ChecksIds { get; }

    /// <summary>Whether rows with a NULL key column can exist in the source (they are counted apart: they can never load).</summary>
    public bool KeyMayBeNull { get; }

    public ColumnReader[] SourceReaders(DbDataReader reader) =>
        Entity.Columns.Select((_, i) => ColumnReaders.Source(reader, i, Layout.Columns[i].Kind)).ToArray();

    public ColumnReader[] TargetReaders() => Layout.Columns.Select(c => ColumnReaders.Target(c.Kind)).ToArray();

    /// <summary>The tenant's rows of the target table whose id lies in [$2, $3) (either bound optional).</summary>
    public string TargetSelect(bool hasLower, bool hasUpper)
    {
        var sql = $"SELECT {_targetColumns} FROM {TargetTable} WHERE \"tenant_id\" = $1";
        var next = 2;
        if (hasLower)
        {
            sql += $" AND \"id\" >= ${next++}";
        }

        if (hasUpper)
        {
            sql += $" AND \"id\" < ${next}";
        }

        return sql;
    }
}
