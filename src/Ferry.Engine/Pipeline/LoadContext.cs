using Ferry.Core.Abstractions;
using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Postgres;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Everything a batch of one (district, entity) needs, prepared once: the source query, column and key
/// positions, the UUID derivations of the row and of each reference, the COPY statement and the orphan index.
/// <c>schema</c> is the district's own introspected schema, for what districts may not share: key column facets and
/// collations; <c>mappings</c> gives each reference's parent key. Without them keys take the mapping's types and
/// compare exactly.
/// </summary>
internal sealed class LoadContext
{
    public LoadContext(
        EntityMapping entity,
        DistrictSettings district,
        ISourceAdapter source,
        NpgsqlDataSource target,
        MigrationConfig config,
        OrphanIndex orphans,
        SourceSchema? schema = null,
        MappingSet? mappings = null,
        SourceFacts? facts = null,
        Func<ColumnMap, ColumnTransfer, ColumnTransfer>? fault = null)
    {
        _fault = fault;
        _facts = facts;
        Entity = entity;
        District = district;
        Source = source;
        Target = target;
        Policies = config.Policies;
        Orphans = orphans;
        var dialect = SourceReads.Dialect(source, schema);
        Dialect = dialect;
        ReadTables = SourceReads.Tables(schema, entity.References.Where(r => r.Via is not null).Select(r => r.Parent).Prepend(entity.Source));
        var selectColumns = entity.Columns.Select(c => ReadAs(c, dialect.Quote(c.Source))).ToList();
        KeyOrdinals = entity.Key.Select(Ordinal).ToArray();
        KeyKinds = entity.Key.Select(k => entity.Column(k).Kind).ToArray();
        KeyColumns = SourceColumns.Key(schema, entity);
        KeyInsensitive = KeyColumns.Select(c => c.Insensitive).ToArray();
        ReferenceInsensitive = entity.References.Select(r => SourceColumns.ReferenceInsensitive(schema, mappings, r)).ToArray();
        var resolvedKinds = new List<ValueKind>();
        int[] ParentKeyThrough(ReferenceMap reference)
        {
            // The parent's key columns, looked up through the alternate key and read after the mapped columns.
            var parent = mappings?.Find(reference.Parent)
                ?? throw new ConfigException($"entity {entity.Name}: reference {reference.Name} goes through a unique key of {reference.Parent}, whose mapping is not known");
            return parent.Key.Select(k =>
            {
                selectColumns.Add(ReadAs(parent.Column(k), dialect.SelectThrough(entity.Source, reference.Columns, reference.Parent, reference.Via!, k)));
                resolvedKinds.Add(parent.Column(k).Kind);
                return selectColumns.Count - 1;
            }).ToArray();
        }

        ReferenceOrdinals = entity.References.Select(r => r.Via is null ? r.Columns.Select(Ordinal).ToArray() : ParentKeyThrough(r)).ToArray();
        ReferenceChildOrdinals = entity.References.Select(r => r.Via is null ? null : r.Columns.Select(Ordinal).ToArray()).ToArray();
        ResolvedKinds = [.. resolvedKinds];
        SelectColumns = selectColumns;
        RowIds = new DeterministicUuid(config.UuidNamespace, district.Tenant, entity.Name);
        ReferenceIds = entity.References.Select(r => new DeterministicUuid(config.UuidNamespace, district.Tenant, r.Parent.ToString())).ToArray();
        TargetKinds = entity.Columns.Select(c => Core.Casting.TargetKinds.Of(c.TargetType)).ToArray();
        var targetColumns = new[] { "tenant_id", "id" }
            .Concat(entity.References.Select(r => r.TargetColumn))
            .Concat(entity.Columns.Select(c => c.Target))
            .Select(PgIdentifier.Quote);
        CopyColumns = string.Join(", ", targetColumns);
        TargetTable = PgIdentifier.Qualified(entity.TargetSchema, entity.TargetTable);
    }

    public EntityMapping Entity { get; }

    public DistrictSettings District { get; }

    public ISourceAdapter Source { get; }

    /// <summary>The district's own dialect (see <see cref="SourceReads"/>).</summary>
    public ISourceDialect Dialect { get; }

    /// <summary>The tables a batch reads: the entity's, and the parents it looks keys up in.</summary>
    public IReadOnlyCollection<SourceTable> ReadTables { get; }

    public NpgsqlDataSource Target { get; }

    public Core.Quarantine.QuarantinePolicies Policies { get; }

    public OrphanIndex Orphans { get; }

    /// <summary>The mapped columns, then the parent keys that references through an alternate key look up.</summary>
    public IReadOnlyList<string> SelectColumns { get; }

    /// <summary>The kinds of the looked-up parent key columns that follow the mapped columns in <see cref="SelectColumns"/>.</summary>
    public ValueKind[] ResolvedKinds { get; }

    public int[] KeyOrdinals { get; }

    public ValueKind[] KeyKinds { get; }

    /// <summary>The district's key columns, which key bounds are typed like.</summary>
    public SourceColumn[] KeyColumns { get; }

    /// <summary>Per key column, what its collation ignores: the row's id is derived with those differences folded.</summary>
    public TextInsensitivity[] KeyInsensitive { get; }

    /// <summary>Per reference and column, what the parent's key collation ignores, so a reference derives its parent's id.</summary>
    public TextInsensitivity[][] ReferenceInsensitive { get; }

    /// <summary>Per reference, the ordinals of the values its parent id derives from, in the parent's key order.</summary>
    public int[][] ReferenceOrdinals { get; }

    /// <summary>
    /// Per reference through an alternate key, the child's own columns (whose values show in messages and whose NULLs
    /// mean "no reference"); null for a reference to the parent's key.
    /// </summary>
    public int[]?[] ReferenceChildOrdinals { get; }

    public DeterministicUuid RowIds { get; }

    public DeterministicUuid[] ReferenceIds { get; }

    public ValueKind[] TargetKinds { get; }

    public string CopyColumns { get; }

    public string TargetTable { get; }

    private readonly Func<ColumnMap, ColumnTransfer, ColumnTransfer>? _fault;

    /// <summary>The transfer of column <paramref name="ordinal"/> for the batch's reader.</summary>
    public ColumnTransfer Transfer(System.Data.Common.DbDataReader reader, int ordinal)
    {
        var transfer = TransferFactory.Create(reader, ordinal, TargetKinds[ordinal]);
        return _fault is null ? transfer : _fault(Entity.Columns[ordinal], transfer);
    }

    public string CopyInto(string table) => BinaryCopyWriter.Statement(table, CopyColumns);

    private string ReadAs(ColumnMap column, string expression) => SourceSelect.Expression(column, expression, _facts);

    private readonly SourceFacts? _facts;

    private int Ordinal(string column)
    {
        var i = NameMatch.IndexOf(Entity.Columns.Select(c => c.Source).ToList(), column);
        return i >= 0 ? i : throw new ConfigException($"entity {Entity.Name}: column {column} is not mapped");
    }
}
