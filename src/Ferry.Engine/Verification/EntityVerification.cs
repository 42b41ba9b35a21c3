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

    public EntityVerification(
        EntityMapping entity, DistrictSettings district, MigrationConfig config, ISourceAdapter source, NpgsqlDataSource target,
        Core.Model.SourceSchema? schema = null, SourceFacts? facts = null)
    {
        Entity = entity;
        District = district;
        Source = source;
        Target = target;
        Layout = CanonicalLayout.For(entity, config.Policies);
        var dialect = Pipeline.SourceReads.Dialect(source, schema);
        Dialect = dialect;
        ReadTables = Pipeline.SourceReads.Tables(schema, [entity.Source]);
        SelectColumns = entity.Columns.Select(c => SourceSelect.Expression(c, dialect.Quote(c.Source), facts)).ToList();
        KeyOrdinals = entity.Key.Select(k => Core.Model.NameMatch.IndexOf(entity.Columns.Select(c => c.Source).ToList(), k)).ToArray();
        if (KeyOrdinals.Any(o => o < 0))
        {
            throw new ConfigException($"entity {entity.Name}: a key column is not mapped");
        }

        RowIds = new DeterministicUuid(config.UuidNamespace, district.Tenant, entity.Name);
        KeyColumns = Pipeline.SourceColumns.Key(schema, entity);
        KeyInsensitive = KeyColumns.Select(c => c.Insensitive).ToArray();
        ColumnNames = entity.Columns.Select(c => c.Source).ToList();
        TargetTable = PgIdentifier.Qualified(entity.TargetSchema, entity.TargetTable);
        ChecksIds = !(district.Source.Provider == "sqlserver" && entity.Key.Any(k => SubMicrosecondTypes.Contains(entity.Column(k).SourceType)));
        KeyMayBeNull = entity.Key.Any(k => entity.Column(k).Nullable);
        TargetColumns = entity.Columns.Select(c => c.Target).ToList();
    }

    public EntityMapping Entity { get; }

    public DistrictSettings District { get; }

    public ISourceAdapter Source { get; }

    /// <summary>The district's own dialect (see <see cref="Pipeline.SourceReads"/>).</summary>
    public ISourceDialect Dialect { get; }

    /// <summary>The tables a source scan reads, for the isolation it needs.</summary>
    public IReadOnlyCollection<Core.Model.SourceTable> ReadTables { get; }

    public NpgsqlDataSource Target { get; }

    public CanonicalLayout Layout { get; }

    public IReadOnlyList<string> SelectColumns { get; }

    public int[] KeyOrdinals { get; }

    public DeterministicUuid RowIds { get; }

    /// <summary>The district's key columns, which key bounds are typed like.</summary>
    public Core.Model.SourceColumn[] KeyColumns { get; }

    /// <summary>Per key column, what its collation ignores: ids are derived as the load derived them.</summary>
    public Core.Model.TextInsensitivity[] KeyInsensitive { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public string TargetTable { get; }

    /// <summary>The target columns that hold the entity's columns, in their order (after the row's id).</summary>
    public IReadOnlyList<string> TargetColumns { get; }

    /// <summary>Whether a target row's id can be re-derived from its stored key (see <see cref="SubMicrosecondTypes"/>).</summary>
    public bool ChecksIds { get; }

    /// <summary>Whether rows with a NULL key column can exist in the source (they are counted apart: they can never load).</summary>
    public bool KeyMayBeNull { get; }

    public ColumnReader[] SourceReaders(DbDataReader reader) =>
        Entity.Columns.Select((_, i) => ColumnReaders.Source(reader, i, Layout.Columns[i].Kind)).ToArray();

    public ColumnReader[] TargetReaders() => Layout.Columns.Select(c => ColumnReaders.Target(c.Kind)).ToArray();
}
