using Ferry.Core.Casting;
using Ferry.Core.Hashing;
using Ferry.Core.Values;

namespace Ferry.Core.Tests.Hashing;

/// <summary>The canonical form must tell apart every pair of values PostgreSQL tells apart, whatever the client types.</summary>
public sealed class CanonicalDistinctnessTests
{
    private static UInt128 Hash(ValueKind kind, Action<CanonicalRow> write, int? scale = null)
    {
        var row = new CanonicalRow(new CanonicalLayout([new CanonicalColumn { Name = "C", Kind = kind, Scale = scale }], []), CanonicalSide.Target);
        row.Begin(Guid.Empty);
        write(row);
        return row.Hash();
    }

    [Fact]
    public void Infinity_is_not_the_last_date()
    {
        Assert.NotEqual(Hash(ValueKind.Date, r => r.Date(PgDate.Infinity)), Hash(ValueKind.Date, r => r.Date(DateOnly.MaxValue)));
        Assert.NotEqual(Hash(ValueKind.Date, r => r.Date(PgDate.NegativeInfinity)), Hash(ValueKind.Date, r => r.Date(DateOnly.MinValue)));
        Assert.Equal(Hash(ValueKind.Date, r => r.Date(new PgDate(2921939))), Hash(ValueKind.Date, r => r.Date(DateOnly.MaxValue)));
    }

    [Fact]
    public void Infinity_is_not_the_last_moment()
    {
        Assert.NotEqual(Hash(ValueKind.Timestamp, r => r.Timestamp(PgTimestamp.Infinity)), Hash(ValueKind.Timestamp, r => r.Timestamp(DateTime.MaxValue)));
        Assert.NotEqual(Hash(ValueKind.Timestamp, r => r.Timestamp(PgTimestamp.NegativeInfinity)), Hash(ValueKind.Timestamp, r => r.Timestamp(DateTime.MinValue)));
    }

    [Fact]
    public void NaN_is_not_null()
    {
        Assert.NotEqual(Hash(ValueKind.Decimal, r => r.Number("NaN")), Hash(ValueKind.Decimal, r => r.Null()));
        Assert.NotEqual(Hash(ValueKind.Double, r => r.Double(double.NaN)), Hash(ValueKind.Double, r => r.Null()));
    }

    [Fact]
    public void Wide_numbers_are_not_rounded()
    {
        Assert.NotEqual(
            Hash(ValueKind.Decimal, r => r.Number("99999999999999999999999999999999999999")),
            Hash(ValueKind.Decimal, r => r.Number("99999999999999999999999999999999999998")));
        Assert.NotEqual(
            Hash(ValueKind.Decimal, r => r.Number("0.12345678901234567890123456789012345678"), 38),
            Hash(ValueKind.Decimal, r => r.Number("0.12345678901234567890123456789012345679"), 38));
    }

    [Fact]
    public void A_decimal_and_the_same_number_as_text_encode_alike()
    {
        Assert.Equal(Hash(ValueKind.Decimal, r => r.Decimal(1.50m), 2), Hash(ValueKind.Decimal, r => r.Number("1.5000"), 2));
        Assert.Equal(Hash(ValueKind.Decimal, r => r.Decimal(-0.0m)), Hash(ValueKind.Decimal, r => r.Number("0")));
    }

    [Fact]
    public void An_interval_of_a_month_is_not_thirty_days() =>
        Assert.NotEqual(Hash(ValueKind.Interval, r => r.Interval(new PgInterval(1, 0, 0))), Hash(ValueKind.Interval, r => r.Interval(new PgInterval(0, 30, 0))));
}
