using System.Data.Common;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Values;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// A PostgreSQL source's numeric, moved as the server's own binary form: no .NET type holds every numeric (1e40,
/// forty fraction digits, NaN), and the target column has the same type, so the bytes travel unchanged. Only keys,
/// the quarantine and reports decode them, into canonical text.
/// </summary>
internal sealed class NumericTransfer : ColumnTransfer
{
    private byte[] _bytes = new byte[64];
    private int _length;

    public override object? Boxed => IsNull ? null : new NumericString(PgNumeric.ToText(_bytes.AsSpan(0, _length)));

    public override void Read(DbDataReader reader, int ordinal)
    {
        Error = null;
        Raw = null;
        if (reader.IsDBNull(ordinal))
        {
            IsNull = true;
            return;
        }

        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (length > _bytes.Length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }

        _length = (int)reader.GetBytes(ordinal, 0, _bytes, 0, length);
        IsNull = false;
    }

    public override void Write(BinaryCopyWriter writer)
    {
        if (IsNull)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteBytes(_bytes.AsSpan(0, _length));
        }
    }

    public override void AppendKey(CanonicalKey key, TextInsensitivity insensitive) => key.AddNumber(PgNumeric.ToText(_bytes.AsSpan(0, _length)));
}
