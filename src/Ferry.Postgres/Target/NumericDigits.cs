namespace Ferry.Postgres.Target;

/// <summary>
/// A decimal as PostgreSQL's numeric: base-10000 digits, the weight of the first, the sign and the display scale.
/// The decimal point falls between two base-10000 digits, so the mantissa is first padded with zeros until its
/// scale is a multiple of four; leading and trailing zero digits are then dropped, as PostgreSQL stores them.
/// </summary>
internal static class NumericDigits
{
    public static (int Count, short Weight, bool Negative, short Scale) From(decimal value, Span<short> digits)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        if (mantissa == 0)
        {
            return (0, 0, false, (short)scale);
        }

        var pad = (4 - (scale % 4)) % 4;
        for (var i = 0; i < pad; i++)
        {
            mantissa *= 10;
        }

        var fractionGroups = (scale + pad) / 4;
        Span<short> reversed = stackalloc short[10];
        var n = 0;
        while (mantissa > 0)
        {
            reversed[n++] = (short)(ushort)(mantissa % 10000);
            mantissa /= 10000;
        }

        var weight = n - 1 - fractionGroups;
        var low = 0;
        while (low < n && reversed[low] == 0)
        {
            low++;
        }

        var count = 0;
        for (var i = n - 1; i >= low; i--)
        {
            digits[count++] = reversed[i];
        }

        return (count, (short)weight, negative, (short)scale);
    }
}
