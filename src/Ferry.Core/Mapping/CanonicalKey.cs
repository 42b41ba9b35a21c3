using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Core.Model;
using Ferry.Core.Values;

namespace Ferry.Core.Mapping;

/// <summary>
/// The canonical text of a legacy key, from which its UUID is derived. Components are joined with <c>|</c>; in
/// text, <c>\</c> and <c>|</c> are escaped with <c>\</c> and trailing spaces are dropped (SQL Server compares
/// strings ignoring trailing spaces, so <c>'AB '</c> and <c>'AB'</c> are the same key there). Integers are plain
/// decimal; decimals lose trailing fractional zeros; dates are <c>yyyy-MM-dd</c>; timestamps ISO 8601 with up to
/// seven fractional digits, trailing zeros dropped; UUIDs lower-case; booleans <c>1</c>/<c>0</c>; bytes lower-case hex.
/// A key's child-side and parent-side values give the same text even when their column types differ (int and bigint).
/// </summary>
public sealed class CanonicalKey
{
    private char[] _buffer = new char[128];
    private int _length;

    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    public override string ToString() => new(Text);

    public void Add(object value, ValueKind kind)
    {
        switch (value)
        {
            case int i: AddInt64(i); break;
            case long l: AddInt64(l); break;
            case short s: AddInt64(s); break;
            case byte b: AddInt64(b); break;
            case string text: AddText(text); break;
            case decimal d: AddDecimal(d); break;
            case Guid g: AddUuid(g); break;
            case bool flag: AddRaw(flag ? "1" : "0"); break;
            case DateTime dt: AddDateTime(dt, kind == ValueKind.Date); break;
            case DateOnly date: AddDateTime(date.ToDateTime(TimeOnly.MinValue), true); break;
            case DateTimeOffset dto: AddDateTime(dto.UtcDateTime, false); break;
            case TimeSpan ts: AddRaw(ts.ToString("c", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: AddRaw(Convert.ToHexStringLower(bytes)); break;
            case double dbl: AddRaw(dbl.ToString("R", CultureInfo.InvariantCulture)); break;
            case PgDate pd: AddDate(pd); break;
            case PgTimestamp pt: AddTimestamp(pt); break;
            case PgInterval pi: AddRaw(pi.ToString()); break;
            case NumericString number: AddNumber(number.Canonical); break;
            case float flt: AddRaw(flt.ToString("R", CultureInfo.InvariantCulture)); break;
            default: AddText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    public void AddInt64(long value)
    {
        Separator();
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var n, default, CultureInfo.InvariantCulture);
        _length += n;
    }

    public void AddText(string value)
    {
        Separator();
        var span = value.AsSpan().TrimEnd(' ');
        Ensure(span.Length * 2);
        foreach (var c in span)
        {
            if (c is '\\' or '|')
            {
                _buffer[_length++] = '\\';
            }

            _buffer[_length++] = c;
        }
    }

    public void AddDecimal(decimal value)
    {
        Separator();
        Ensure(32);
        // The custom format drops trailing fractional zeros whatever the stored scale, so 1.50 and 1.5 agree.
        value.TryFormat(_buffer.AsSpan(_length), out var n, "0.############################", CultureInfo.InvariantCulture);
        _length += n;
    }

    /// <summary>A number already in <see cref="DecimalText"/>'s canonical spelling (the spelling <see cref="AddDecimal"/> gives).</summary>
    public void AddNumber(string canonical) => AddRaw(canonical);

    /// <summary>A date; one that <see cref="DateOnly"/> cannot hold (BC, infinity) in PostgreSQL's spelling.</summary>
    public void AddDate(PgDate value)
    {
        if (value.TryToDateOnly(out var date))
        {
            AddDateTime(date.ToDateTime(TimeOnly.MinValue), true);
        }
        else
        {
            AddRaw(value.ToString());
        }
    }

    /// <summary>A timestamp; one that <see cref="DateTime"/> cannot hold (BC, infinity) in PostgreSQL's spelling.</summary>
    public void AddTimestamp(PgTimestamp value)
    {
        if (value.TryToDateTime(out var moment))
        {
            AddDateTime(moment, false);
        }
        else
        {
            AddRaw(value.ToString());
        }
    }

    public void AddUuid(Guid value)
    {
        Separator();
        Ensure(36);
        value.TryFormat(_buffer.AsSpan(_length), out var n, "D");
        _length += n;
    }

    public void AddDateTime(DateTime value, bool dateOnly)
    {
        Separator();
        Ensure(28);
        if (dateOnly)
        {
            value.TryFormat(_buffer.AsSpan(_length), out var d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            _length += d;
            return;
        }

        value.TryFormat(_buffer.AsSpan(_length), out var n, "yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        _length += n;
        while (_buffer[_length - 1] == '0')
        {
            _length--;
        }

        if (_buffer[_length - 1] == '.')
        {
            _length--;
        }
    }

    private void AddRaw(string text)
    {
        Separator();
        Ensure(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private bool _started;

    /// <summary>Starts a new key; call before the first component.</summary>
    public void Begin()
    {
        _length = 0;
        _started = false;
    }

    private void Separator()
    {
        if (_started)
        {
            Ensure(1);
            _buffer[_length++] = '|';
        }

        _started = true;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    /// <summary>
    /// The canonical text of a whole key given as values, for cold paths; text is folded as
    /// <paramref name="insensitive"/> says for its column (see <see cref="TextFolding"/>).
    /// </summary>
    public static string Of(IReadOnlyList<object> values, IReadOnlyList<ValueKind> kinds, IReadOnlyList<TextInsensitivity>? insensitive = null)
    {
        var key = new CanonicalKey();
        key.Begin();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is string text && insensitive is not null)
            {
                key.AddText(TextFolding.Fold(text, insensitive[i]));
            }
            else
            {
                key.Add(values[i], kinds[i]);
            }
        }

        return key.ToString();
    }
}
