using System.Data.Common;
using Ferry.Core.Hashing;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Reconciliation;
using Ferry.Core.Values;

namespace Ferry.Engine.Verification;

/// <summary>
/// Reads one column of the current row into a typed field (no boxing), then writes it in canonical form and, for a
/// key column, appends it to the canonical key. A read that throws (a value the client cannot represent or that does
/// not convert) marks the value <see cref="Failed"/> instead of failing the scan, as the load does.
/// </summary>
internal abstract class ColumnReader
{
    public bool IsNull { get; protected set; }

    public bool Failed { get; protected set; }

    /// <summary>
    /// A target reader: PostgreSQL holds only values of the column's type, so a value that cannot be read is a fault
    /// of the reader, never a difference to compare (two unreadable values would otherwise compare equal).
    /// </summary>
    public bool Strict { get; set; }

    public abstract void Read(DbDataReader reader, int ordinal);

    public abstract void Write(CanonicalRow row);

    public abstract void AppendKey(CanonicalKey key, TextInsensitivity insensitive);

    /// <summary>The value as a report shows it (null for NULL), for the sample differences.</summary>
    public abstract string? Display();
}

internal sealed class ColumnReader<T>(
    Func<DbDataReader, int, T> read,
    Action<CanonicalRow, T> write,
    Action<CanonicalKey, T> appendKey) : ColumnReader
    where T : notnull
{
    private T _value = default!;

    public override void Read(DbDataReader reader, int ordinal)
    {
        Failed = false;
        if (reader.IsDBNull(ordinal))
        {
            IsNull = true;
            return;
        }

        try
        {
            _value = read(reader, ordinal);
            IsNull = false;
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException or InvalidOperationException)
        {
            if (Strict)
            {
                throw new InvalidDataException($"target column {reader.GetName(ordinal)}: value cannot be read as {typeof(T).Name}: {e.Message}", e);
            }

            IsNull = true;
            Failed = true;
        }
    }

    public override void Write(CanonicalRow row)
    {
        if (Failed)
        {
            row.Unconvertible();
        }
        else if (IsNull)
        {
            row.Null();
        }
        else
        {
            write(row, _value);
        }
    }

    public override void AppendKey(CanonicalKey key, TextInsensitivity insensitive)
    {
        if (_value is string text)
        {
            key.AddText(TextFolding.Fold(text, insensitive));
        }
        else
        {
            appendKey(key, _value);
        }
    }

    public override string? Display() => Failed ? ValueDifference.Unconvertible : IsNull ? null : DisplayText.Of(_value);
}
