using System.Data.Common;
using Ferry.Core.Casting;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Values;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Moves one column's value from a source reader to the COPY stream without boxing: one instance per column per
/// batch, holding the current row's value. A read that throws (a value the client cannot represent) leaves
/// <see cref="Error"/> set instead of failing the batch, so the row can be quarantined.
/// </summary>
internal abstract class ColumnTransfer
{
    public bool IsNull { get; protected set; }

    public string? Error { get; protected set; }

    /// <summary>The value as read, when it could not be converted (text that does not parse, bytes that are not UTF-8).</summary>
    public string? Raw { get; protected set; }

    /// <summary>Values of this batch whose digits below a microsecond were dropped by the documented truncation rule.</summary>
    public long Truncated { get; protected set; }

    public abstract void Read(DbDataReader reader, int ordinal);

    public abstract void Write(BinaryCopyWriter writer);

    /// <summary>The current value boxed, for the cold paths (quarantine JSON, key bounds).</summary>
    public abstract object? Boxed { get; }

    /// <summary>Appends the value to a key as it is spelt (for showing the key).</summary>
    public void AppendKey(CanonicalKey key) => AppendKey(key, TextInsensitivity.None);

    /// <summary>Appends the value to a key with text folded as the column's collation compares it (for deriving ids).</summary>
    public abstract void AppendKey(CanonicalKey key, TextInsensitivity insensitive);

    public void SetNull()
    {
        IsNull = true;
    }
}

internal sealed class ColumnTransfer<T>(
    Func<DbDataReader, int, T> read,
    Action<BinaryCopyWriter, T> write,
    ValueKind kind,
    Func<string, T>? parse = null,
    Func<T, bool>? truncates = null) : ColumnTransfer
    where T : notnull
{
    public T Value { get; set; } = default!;

    public override object? Boxed => IsNull ? null : Value;

    public override void Read(DbDataReader reader, int ordinal)
    {
        Error = null;
        Raw = null;
        if (reader.IsDBNull(ordinal))
        {
            IsNull = true;
            return;
        }

        try
        {
            if (parse is null)
            {
                Value = read(reader, ordinal);
            }
            else
            {
                // Keep the text: with sequential access it cannot be read again for the quarantine.
                Raw = reader.GetString(ordinal);
                Value = parse(Raw);
            }

            IsNull = false;
            if (truncates is not null && truncates(Value))
            {
                Truncated++;
            }
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException or InvalidOperationException)
        {
            IsNull = true;
            Error = e.Message;
            if (e is UnconvertibleValueException u)
            {
                Raw = u.RawValue;
            }
        }
    }

    public override void Write(BinaryCopyWriter writer)
    {
        if (IsNull)
        {
            writer.WriteNull();
        }
        else
        {
            write(writer, Value);
        }
    }

    public override void AppendKey(CanonicalKey key, TextInsensitivity insensitive)
    {
        switch (Value)
        {
            case int i: key.AddInt64(i); break;
            case long l: key.AddInt64(l); break;
            case short s: key.AddInt64(s); break;
            case string text: key.AddText(TextFolding.Fold(text, insensitive)); break;
            case Guid g: key.AddUuid(g); break;
            default: key.Add(Value, kind); break;
        }
    }
}
