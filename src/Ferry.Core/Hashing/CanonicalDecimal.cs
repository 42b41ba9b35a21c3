namespace Ferry.Core.Hashing;

/// <summary>
/// A decimal in one form per numeric value: rounded half away from zero to the column's scale when it has more
/// digits (as PostgreSQL's numeric(p,s) does on input), then without trailing fractional zeros, so 1.50 and 1.5 are
/// the same value, and zero is positive with scale 0. What numeric(p,s) shows (its padding zeros) is presentation.
/// </summary>
public static class CanonicalDecimal
{
    public static decimal Normalise(decimal value, int? scale)
    {
        if (scale is { } s && s >= 0 && s < value.Scale)
        {
            value = Math.Round(value, s, MidpointRounding.AwayFromZero);
        }

        if (value == 0m)
        {
            return 0m;
        }

        if (value.Scale == 0)
        {
            return value;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var digits = value.Scale;
        while (digits > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            digits--;
        }

        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), value < 0, digits);
    }
}
