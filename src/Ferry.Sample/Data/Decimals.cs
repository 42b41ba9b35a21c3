namespace Ferry.Sample.Data;

/// <summary>Exact decimals from integer units (cents, thousandths) without a division, keeping the scale as written.</summary>
internal static class Decimals
{
    public static decimal Of(long units, byte scale) =>
        new((int)(Math.Abs(units) & 0xFFFFFFFF), (int)(Math.Abs(units) >> 32), 0, units < 0, scale);
}
