using System.Data.Common;
using Ferry.Core.Casting;
using Ferry.Core.Mapping;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Ferry.Core.Values;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// The hot path: turns one source row into one target row, or into a quarantine entry. Detection never mutates
/// the row, so the quarantine keeps the original; fixes (NULLed references, stripped NULs) are applied after the
/// original was recorded. One instance per batch; not thread-safe.
/// </summary>
internal sealed class RowProcessor
{
    private readonly LoadContext _ctx;
    private readonly ColumnTransfer[] _columns;

    // The mapped columns, then the parent keys looked up for references through an alternate key: every value a
    // reference's id can derive from. Its first part is _columns itself.
    private readonly ColumnTransfer[] _keyValues;
    private readonly int[] _textColumns;
    private readonly int[] _dateColumns;
    private readonly Guid[] _refIds;
    private readonly bool[] _refNull;
    private readonly CanonicalKey _key = new();
    private readonly HashSet<Guid> _seen = [];
    private readonly HashSet<int> _sentinels;
    private readonly List<Problem> _problems = [];
    private readonly Dictionary<int, string> _raw = [];
    private readonly ReferenceIdCache?[] _referenceCaches;
    private readonly short _fieldCount;
    private readonly bool _checkDuplicates;

    public RowProcessor(LoadContext ctx, DbDataReader reader)
    {
        _ctx = ctx;
        var entity = ctx.Entity;
        _columns = new ColumnTransfer[entity.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = ctx.Transfer(reader, i);
        }

        _keyValues = [.. _columns, .. ctx.ResolvedKinds.Select((kind, j) => TransferFactory.Create(reader, _columns.Length + j, kind))];
        _textColumns = Enumerable.Range(0, _columns.Length).Where(i => _columns[i] is ColumnTransfer<string>).ToArray();
        _dateColumns = ctx.Policies.SentinelDate == ProblemAction.Null
            ? Enumerable.Range(0, _columns.Length).Where(i => entity.Columns[i].Nullable && ctx.TargetKinds[i] is ValueKind.Date or ValueKind.Timestamp).ToArray()
            : [];
        _sentinels = [.. ctx.Policies.SentinelDates.Select(d => PgDate.From(d).Days)];
        _fieldCount = (short)(2 + entity.References.Count + _columns.Length);
        // A primary key or unique index guarantees distinct keys, and distinct non-text keys give distinct ids.
        // Keys from configuration can repeat, and text keys can canonicalise alike ("AB" and "AB "): check those.
        _checkDuplicates = entity.KeyOrigin == KeyOrigin.Configured || ctx.KeyOrdinals.Any(k => _columns[k] is ColumnTransfer<string>);
        _refIds = new Guid[entity.References.Count];
        _refNull = new bool[entity.References.Count];
        _referenceCaches = ctx.ReferenceOrdinals
            .Select(o => o.Length == 1 && _keyValues[o[0]] is ColumnTransfer<int> or ColumnTransfer<long> or ColumnTransfer<short> ? new ReferenceIdCache() : null)
            .ToArray();
    }

    public QuarantineBuffer Quarantine { get; } = new();

    public long Rejected { get; private set; }

    public long Fixed { get; private set; }

    public Guid Id { get; private set; }

    /// <summary>Reads and checks the current row. False when the row was rejected (it is then in <see cref="Quarantine"/>).</summary>
    public bool Process(DbDataReader reader)
    {
        _problems.Clear();
        _raw.Clear();
        var entity = _ctx.Entity;
        var policies = _ctx.Policies;
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Read(reader, i);
            if (_columns[i].Error is { } error)
            {
                _raw[i] = _columns[i].Raw ?? RawText(reader, i, error);
                var canNull = policies.BadValue == ProblemAction.Null && entity.Columns[i].Nullable;
                _problems.Add(new Problem(canNull ? "nulled" : null, ReasonCode.BadValue, i, -1, $"value of {entity.Columns[i].Source} does not convert to {entity.Columns[i].TargetType}: {error}"));
            }
        }

        // Sequential access: the looked-up parent keys come after every mapped column.
        for (var i = _columns.Length; i < _keyValues.Length; i++)
        {
            _keyValues[i].Read(reader, i);
        }

        foreach (var i in _textColumns)
        {
            var t = (ColumnTransfer<string>)_columns[i];
            if (t.IsNull)
            {
                continue;
            }

            if (t.Value.Contains('\0'))
            {
                _problems.Add(new Problem(policies.Nul == ProblemAction.Strip ? "stripped" : null, ReasonCode.NulCharacter, i, -1, $"{entity.Columns[i].Source} contains a NUL character"));
            }

            // UCS-2 legacy text can hold half a surrogate pair, which has no UTF-8 form: a bad value, not a crash.
            if (t.Value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !IsWellFormed(t.Value))
            {
                var canNull = policies.BadValue == ProblemAction.Null && entity.Columns[i].Nullable;
                _problems.Add(new Problem(canNull ? "nulled" : null, ReasonCode.BadValue, i, -1, $"{entity.Columns[i].Source} contains an unpaired UTF-16 surrogate"));
            }
        }

        foreach (var i in _dateColumns)
        {
            var c = _columns[i];
            if (!c.IsNull && _sentinels.Contains(DayOf(c).Days))
            {
                _problems.Add(new Problem("nulled", ReasonCode.SentinelDate, i, -1, $"{entity.Columns[i].Source} holds a sentinel date"));
            }
        }

        var keyIsNull = false;
        _key.Begin();
        for (var i = 0; i < _ctx.KeyOrdinals.Length; i++)
        {
            var k = _ctx.KeyOrdinals[i];
            if (_columns[k].IsNull)
            {
                keyIsNull = true;
                break;
            }

            _columns[k].AppendKey(_key, _ctx.KeyInsensitive[i]);
        }

        if (keyIsNull)
        {
            _problems.Add(new Problem(null, ReasonCode.NullKey, -1, -1, $"key ({string.Join(", ", entity.Key)}) has a NULL column"));
            Id = Guid.Empty;
        }
        else
        {
            Id = _ctx.RowIds.For(_key.Text);
            if (_checkDuplicates && !_seen.Add(Id))
            {
                _problems.Add(new Problem(null, ReasonCode.DuplicateKey, -1, -1, $"duplicate key ({string.Join(", ", entity.Key)}) = {_key}"));
            }
        }

        for (var r = 0; r < _refIds.Length; r++)
        {
            ComputeReference(r);
        }

        if (_problems.Count == 0)
        {
            return true;
        }

        return Record();
    }

    private void ComputeReference(int r)
    {
        var ordinals = _ctx.ReferenceOrdinals[r];
        var shown = _ctx.ReferenceChildOrdinals[r] ?? ordinals;
        Guid parent;
        bool missing;
        if (_ctx.ReferenceChildOrdinals[r] is { } child && !Through(r, child))
        {
            return;
        }

        if (_ctx.ReferenceChildOrdinals[r] is not null && Array.Exists(ordinals, o => _keyValues[o].IsNull))
        {
            // The child names a parent by its alternate key, and the source found no parent with that key.
            parent = Guid.Empty;
            missing = true;
        }
        else if (_referenceCaches[r] is { } cache)
        {
            var column = _keyValues[ordinals[0]];
            if (column.IsNull)
            {
                _refNull[r] = true;
                return;
            }

            var value = column switch
            {
                ColumnTransfer<int> i => i.Value,
                ColumnTransfer<long> l => l.Value,
                _ => ((ColumnTransfer<short>)column).Value,
            };
            if (!cache.TryGet(value, out parent))
            {
                _key.Begin();
                _key.AddInt64(value);
                parent = _ctx.ReferenceIds[r].For(_key.Text);
                cache.Set(value, parent);
            }

            missing = _ctx.Orphans.IsMissing(r, value, parent);
        }
        else
        {
            _key.Begin();
            var insensitive = _ctx.ReferenceInsensitive[r];
            for (var j = 0; j < ordinals.Length; j++)
            {
                if (_keyValues[ordinals[j]].IsNull)
                {
                    _refNull[r] = true;
                    return;
                }

                _keyValues[ordinals[j]].AppendKey(_key, insensitive[j]);
            }

            parent = _ctx.ReferenceIds[r].For(_key.Text);
            missing = _ctx.Orphans.ByKey(r)
                ? _ctx.Orphans.IsMissing(r, Convert.ToInt64(_keyValues[ordinals[0]].Boxed, System.Globalization.CultureInfo.InvariantCulture), parent)
                : _ctx.Orphans.IsMissing(r, parent);
        }

        _refNull[r] = false;
        _refIds[r] = parent;
        if (missing || _ctx.Orphans.IsQuarantined(r, parent))
        {
            var reference = _ctx.Entity.References[r];
            var canNull = _ctx.Policies.Orphan == ProblemAction.Null && reference.Nullable;
            var what = missing ? "does not exist" : "was quarantined";
            _problems.Add(new Problem(
                canNull ? "nulled" : null,
                missing ? ReasonCode.Orphan : ReasonCode.ParentQuarantined,
                -1,
                r,
                $"{reference.Parent}({string.Join(", ", reference.Via ?? reference.Columns)}) = {ReferenceKeyText(shown)} {what}"));
        }
    }

    private static PgDate DayOf(ColumnTransfer column) => column switch
    {
        ColumnTransfer<DateOnly> d => PgDate.From(d.Value),
        ColumnTransfer<PgDate> d => d.Value,
        ColumnTransfer<PgTimestamp> t => t.Value.Date,
        _ => PgDate.From(DateOnly.FromDateTime(((ColumnTransfer<DateTime>)column).Value)),
    };

    /// <summary>Per column (legacy name), the values of this batch changed by the sub-microsecond truncation rule.</summary>
    public IReadOnlyDictionary<string, long> Truncations()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i].Truncated > 0)
            {
                counts[_ctx.Entity.Columns[i].Source] = _columns[i].Truncated;
            }
        }

        return counts;
    }

    /// <summary>
    /// For a reference through an alternate key: false (no reference) when a column of the child's own is NULL, as a
    /// NULL in any column of a foreign key means there is none.
    /// </summary>
    private bool Through(int r, int[] child)
    {
        foreach (var o in child)
        {
            if (_columns[o].IsNull)
            {
                _refNull[r] = true;
                return false;
            }
        }

        return true;
    }

    private string ReferenceKeyText(int[] ordinals)
    {
        _key.Begin();
        foreach (var o in ordinals)
        {
            _keyValues[o].AppendKey(_key);
        }

        return _key.ToString();
    }

    /// <summary>Records the original row once, then either rejects it or applies every fix.</summary>
    private bool Record()
    {
        var json = RowJson.Write(_ctx.Entity, _columns, _raw.Count > 0 ? _raw : null);
        var legacyKey = Id == Guid.Empty ? null : KeyText();
        var reject = _problems.FirstOrDefault(p => p.Action is null);
        if (reject is not null)
        {
            Rejected++;
            Quarantine.Add(new QuarantineEntry(legacyKey, Id == Guid.Empty ? null : Id, "rejected", reject.Code, ColumnName(reject), reject.Reason, json));
            return false;
        }

        foreach (var p in _problems)
        {
            Quarantine.Add(new QuarantineEntry(legacyKey, Id, p.Action!, p.Code, ColumnName(p), p.Reason, json));
            if (p.Reference >= 0)
            {
                _refNull[p.Reference] = true;
            }
            else if (p.Action == "stripped")
            {
                var t = (ColumnTransfer<string>)_columns[p.Column];
                t.Value = t.Value.Replace("\0", "", StringComparison.Ordinal);
            }
            else
            {
                _columns[p.Column].SetNull();
            }
        }

        Fixed++;
        return true;
    }

    private string KeyText()
    {
        _key.Begin();
        foreach (var k in _ctx.KeyOrdinals)
        {
            _columns[k].AppendKey(_key);
        }

        return _key.ToString();
    }

    private string? ColumnName(Problem p) =>
        p.Column >= 0 ? _ctx.Entity.Columns[p.Column].Source
        : p.Reference >= 0 ? string.Join(",", _ctx.Entity.References[p.Reference].Columns)
        : null;

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string RawText(DbDataReader reader, int ordinal, string error)
    {
        try
        {
            return Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or InvalidOperationException)
        {
            return $"(unreadable: {error})";
        }
    }

    public void WriteTo(BinaryCopyWriter writer, Guid tenant)
    {
        writer.StartRow(_fieldCount);
        writer.WriteUuid(tenant);
        writer.WriteUuid(Id);
        for (var r = 0; r < _refIds.Length; r++)
        {
            if (_refNull[r])
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteUuid(_refIds[r]);
            }
        }

        foreach (var c in _columns)
        {
            c.Write(writer);
        }
    }

    /// <summary>The target row encoded, for the slow path that isolates rows the target refuses.</summary>
    public CapturedRow Capture(Guid tenant)
    {
        _capture ??= BinaryCopyWriter.InMemory();
        WriteTo(_capture, tenant);
        return new CapturedRow(_capture.Drain(), Id, KeyText(), RowJson.Write(_ctx.Entity, _columns));
    }

    private BinaryCopyWriter? _capture;

    private sealed record Problem(string? Action, string Code, int Column, int Reference, string Reason);
}

/// <summary>A target row held in memory (its COPY encoding) with its id, key and original JSON, for row-by-row isolation.</summary>
internal sealed record CapturedRow(byte[] Encoded, Guid Id, string LegacyKey, string RowJson);
