using System.Data.Common;
using Ferry.Core.Hashing;
using Ferry.Core.Mapping;

namespace Ferry.Engine.Verification;

/// <summary>
/// Reads source rows: every mapped column in mapping order, then the canonical key and the row id derived from it,
/// exactly as the load derives them; the canonical form is built only when asked (<see cref="Encode"/>), so rows a
/// pass does not need cost no hashing. One instance per scan; not thread-safe.
/// </summary>
internal sealed class SourceRowReader(EntityVerification entity, DbDataReader reader)
{
    private readonly ColumnReader[] _columns = entity.SourceReaders(reader);
    private readonly CanonicalKey _key = new();
    private readonly CanonicalRow _row = new(entity.Layout, CanonicalSide.Source);

    /// <summary>False when a key column is NULL or unreadable: such a row can never be loaded.</summary>
    public bool Keyed { get; private set; }

    public Guid Id { get; private set; }

    public string KeyText => _key.ToString();

    public void Read(DbDataReader reader)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Read(reader, i);
        }

        Keyed = true;
        _key.Begin();
        for (var i = 0; i < entity.KeyOrdinals.Length; i++)
        {
            var k = entity.KeyOrdinals[i];
            if (_columns[k].IsNull)
            {
                Keyed = false;
                return;
            }

            _columns[k].AppendKey(_key, entity.KeyInsensitive[i]);
        }

        Id = entity.RowIds.For(_key.Text);
    }

    public UInt128 Encode()
    {
        _row.Begin(Id);
        foreach (var c in _columns)
        {
            c.Write(_row);
        }

        return _row.Hash();
    }

    public ulong[] Segments() => _row.SegmentHashes();

    /// <summary>A column's value as a report shows it; <see cref="Core.Reconciliation.SegmentDiff.IdColumn"/> is the derived row id.</summary>
    public string? Display(int column) => column < 0 ? Id.ToString("D") : _columns[column].Display();
}

/// <summary>
/// Reads target rows (<c>id</c>, then every mapped column) and encodes them with the stored id, so an id that is
/// not the one its key derives shows as a difference. <see cref="ExpectedId"/> derives the id from the stored key.
/// </summary>
internal sealed class TargetRowReader(EntityVerification entity)
{
    private readonly ColumnReader[] _columns = entity.TargetReaders();
    private readonly CanonicalKey _key = new();
    private readonly CanonicalRow _row = new(entity.Layout, CanonicalSide.Target);

    public Guid StoredId { get; private set; }

    public void Read(DbDataReader reader)
    {
        StoredId = reader.GetGuid(0);
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Read(reader, i + 1);
        }
    }

    /// <summary>The id the row's legacy key derives; the stored id when the key cannot be checked (see <see cref="EntityVerification.ChecksIds"/>).</summary>
    public Guid ExpectedId(IReadOnlySet<Guid> keyFixed)
    {
        if (!entity.ChecksIds || keyFixed.Contains(StoredId) || !BuildKey())
        {
            return StoredId;
        }

        return entity.RowIds.For(_key.Text);
    }

    /// <summary>The legacy key's canonical text, for reporting a difference.</summary>
    public string KeyText => BuildKey() ? _key.ToString() : $"(id {StoredId})";

    public UInt128 Encode()
    {
        _row.Begin(StoredId);
        foreach (var c in _columns)
        {
            c.Write(_row);
        }

        return _row.Hash();
    }

    public ulong[] Segments() => _row.SegmentHashes();

    /// <summary>A column's value as a report shows it; <see cref="Core.Reconciliation.SegmentDiff.IdColumn"/> is the stored row id.</summary>
    public string? Display(int column) => column < 0 ? StoredId.ToString("D") : _columns[column].Display();

    private bool BuildKey()
    {
        _key.Begin();
        for (var i = 0; i < entity.KeyOrdinals.Length; i++)
        {
            var k = entity.KeyOrdinals[i];
            if (_columns[k].IsNull)
            {
                return false;
            }

            _columns[k].AppendKey(_key, entity.KeyInsensitive[i]);
        }

        return true;
    }
}
