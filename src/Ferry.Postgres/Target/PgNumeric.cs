using System.Buffers.Binary;
using System.Text;
using Ferry.Core.Values;

namespace Ferry.Postgres.Target;

/// <summary>
/// PostgreSQL's binary <c>numeric</c> (count of base-10000 digits, weight of the first, sign, display scale, digits)
/// to and from decimal text, for values no .NET type holds: SQL Server decimal(38), numeric beyond 28 digits,
/// <c>NaN</c> and the infinities. Text in, as <see cref="DecimalText"/> accepts it; canonical text out.
/// </summary>
public static class PgNumeric
{
    private const ushort Positive = 0x0000;
    private const ushort Negative = 0x4000;
    private const ushort NaN = 0xC000;
    private const ushort PositiveInfinity = 0xD000;
    private const ushort NegativeInfinity = 0xF000;

    /// <summary>The canonical text of a binary numeric value (see <see cref="DecimalText"/>).</summary>
    public static string ToText(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 8)
        {
            throw new FormatException($"a binary numeric has at least 8 bytes, not {raw.Length}");
        }

        int count = BinaryPrimitives.ReadInt16BigEndian(raw);
        int weight = BinaryPrimitives.ReadInt16BigEndian(raw[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(raw[4..]);
        switch (sign)
        {
            case NaN: return "NaN";
            case PositiveInfinity: return "Infinity";
            case NegativeInfinity: return "-Infinity";
        }

        if (raw.Length < 8 + (2 * count))
        {
            throw new FormatException("binary numeric shorter than its digit count");
        }

        var text = new StringBuilder((count + Math.Max(weight + 1, 0) + 2) * 4);
        if (sign == Negative)
        {
            text.Append('-');
        }

        // Groups from max(weight, 0) down to the last digit's position; missing groups are zeros.
        var lowest = Math.Min(weight - count + 1, 0);
        for (var position = Math.Max(weight, 0); position >= lowest; position--)
        {
            if (position == -1)
            {
                text.Append('.');
            }

            var index = weight - position;
            var group = index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(raw[(8 + (2 * index))..]) : (short)0;
            text.Append(group.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));
        }

        return DecimalText.TryNormalise(text.ToString(), out var canonical) ? canonical : throw new FormatException("binary numeric did not decode to a number");
    }

    /// <summary>
    /// Encodes decimal text into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes), keeping the
    /// text's own fraction length as the display scale; the column's typmod is applied by the server on input. False
    /// when the text is not a number.
    /// </summary>
    public static bool TryEncode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        var t = text.Trim();
        if (t.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return Special(destination, NaN, out written);
        }

        var negative = false;
        if (t.Length > 0 && t[0] is '-' or '+')
        {
            negative = t[0] == '-';
            t = t[1..];
        }

        if (t.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return Special(destination, negative ? NegativeInfinity : PositiveInfinity, out written);
        }

        var point = t.IndexOf('.');
        var whole = point < 0 ? t : t[..point];
        var fraction = point < 0 ? [] : t[(point + 1)..];
        if (whole.Length + fraction.Length == 0 || !Digits(whole) || !Digits(fraction) || fraction.Length > 16383)
        {
            return false;
        }

        // Align on the decimal point: the whole part is padded on the left, the fraction on the right, to groups of 4.
        var wholeGroups = (whole.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        var total = wholeGroups + fractionGroups;
        Span<short> groups = total <= 256 ? stackalloc short[total] : new short[total];
        var lead = (wholeGroups * 4) - whole.Length;
        for (var g = 0; g < wholeGroups; g++)
        {
            groups[g] = Group(whole, (g * 4) - lead);
        }

        for (var g = 0; g < fractionGroups; g++)
        {
            groups[wholeGroups + g] = Group(fraction, g * 4);
        }

        var first = 0;
        while (first < total && groups[first] == 0)
        {
            first++;
        }

        var last = total - 1;
        while (last >= first && groups[last] == 0)
        {
            last--;
        }

        var count = last - first + 1;
        var weight = count == 0 ? 0 : wholeGroups - 1 - first;
        written = 8 + (2 * count);
        if (destination.Length < written)
        {
            throw new ArgumentException("destination too small for the numeric", nameof(destination));
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], negative && count > 0 ? Negative : Positive);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)fraction.Length);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(8 + (2 * i))..], groups[first + i]);
        }

        return true;
    }

    /// <summary>The most bytes <see cref="TryEncode"/> writes for text of <paramref name="length"/> characters.</summary>
    public static int MaxLength(int length) => 8 + (2 * ((length + 7) / 4 + 1));

    private static bool Special(Span<byte> destination, ushort sign, out int written)
    {
        BinaryPrimitives.WriteInt16BigEndian(destination, 0);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], sign);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 0);
        written = 8;
        return true;
    }

    /// <summary>Four digits starting at <paramref name="start"/> (positions outside the span are zeros).</summary>
    private static short Group(ReadOnlySpan<char> digits, int start)
    {
        var value = 0;
        for (var i = start; i < start + 4; i++)
        {
            value = (value * 10) + (i >= 0 && i < digits.Length ? digits[i] - '0' : 0);
        }

        return (short)value;
    }

    private static bool Digits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
