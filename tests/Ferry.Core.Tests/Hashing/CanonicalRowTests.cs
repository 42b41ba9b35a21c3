using Ferry.Core.Casting;
using Ferry.Core.Hashing;

namespace Ferry.Core.Tests.Hashing;

public sealed class CanonicalRowTests
{
    private static readonly Guid Id = Guid.Parse("0b8f3c1e-7d2a-5f44-9c01-2b3c4d5e6f70");

    private static CanonicalLayout Layout(params CanonicalColumn[] columns) => new(columns, [new DateOnly(1900, 1, 1)]);

    private static CanonicalColumn Column(ValueKind kind, string name = "C") => new() { Name = name, Kind = kind };

    private static UInt128 Hash(CanonicalLayout layout, CanonicalSide side, Action<CanonicalRow> write, Guid? id = null)
    {
        var row = new CanonicalRow(layout, side);
        row.Begin(id ?? Id);
        write(row);
        return row.Hash();
    }

    [Fact]
    public void Null_and_empty_text_differ()
    {
        var layout = Layout(Column(ValueKind.Text));
        Assert.NotEqual(Hash(layout, CanonicalSide.Source, r => r.Null()), Hash(layout, CanonicalSide.Source, r => r.Text("")));
    }

    [Fact]
    public void Text_boundaries_are_part_of_the_form()
    {
        var layout = Layout(Column(ValueKind.Text), Column(ValueKind.Text));
        Assert.NotEqual(
            Hash(layout, CanonicalSide.Source, r => { r.Text("a"); r.Text("bc"); }),
            Hash(layout, CanonicalSide.Source, r => { r.Text("ab"); r.Text("c"); }));
    }

    [Fact]
    public void Trailing_spaces_count_except_in_char_columns()
    {
        var varchar = Layout(Column(ValueKind.Text));
        var padded = Layout(Column(ValueKind.Text) with { Padded = true });
        Assert.NotEqual(Hash(varchar, CanonicalSide.Source, r => r.Text("AB  ")), Hash(varchar, CanonicalSide.Target, r => r.Text("AB")));
        Assert.Equal(Hash(padded, CanonicalSide.Source, r => r.Text("AB  ")), Hash(padded, CanonicalSide.Target, r => r.Text("AB")));
    }

    [Fact]
    public void Nul_characters_are_stripped_when_the_policy_strips_them()
    {
        var strip = Layout(Column(ValueKind.Text) with { StripNul = true });
        var keep = Layout(Column(ValueKind.Text));
        Assert.Equal(Hash(strip, CanonicalSide.Source, r => r.Text("a\0b")), Hash(strip, CanonicalSide.Target, r => r.Text("ab")));
        Assert.NotEqual(Hash(keep, CanonicalSide.Source, r => r.Text("a\0b")), Hash(keep, CanonicalSide.Target, r => r.Text("ab")));
    }

    [Fact]
    public void Integers_of_every_width_encode_alike()
    {
        var layout = Layout(Column(ValueKind.Int64));
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Integer((byte)200)), Hash(layout, CanonicalSide.Target, r => r.Integer((short)200)));
    }

    [Fact]
    public void Money_and_decimals_compare_by_value_at_the_column_scale()
    {
        var layout = Layout(Column(ValueKind.Decimal) with { Scale = 4 });
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Decimal(12.3400m)), Hash(layout, CanonicalSide.Target, r => r.Decimal(12.34m)));
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Decimal(1.23456m)), Hash(layout, CanonicalSide.Target, r => r.Decimal(1.2346m)));
    }

    [Fact]
    public void Datetime2_with_100ns_matches_the_microseconds_postgres_kept()
    {
        var layout = Layout(Column(ValueKind.Timestamp) with { FractionDigits = 6 });
        var legacy = new DateTime(2021, 3, 4, 5, 6, 7).AddTicks(1_234_567);
        var stored = new DateTime(2021, 3, 4, 5, 6, 7).AddTicks(1_234_560);
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Timestamp(legacy)), Hash(layout, CanonicalSide.Target, r => r.Timestamp(stored)));
    }

    [Fact]
    public void Sentinel_dates_become_null_on_the_source_side_only()
    {
        var layout = Layout(Column(ValueKind.Date) with { SentinelsToNull = true });
        var sentinel = new DateOnly(1900, 1, 1);
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Date(sentinel)), Hash(layout, CanonicalSide.Target, r => r.Null()));
        Assert.NotEqual(Hash(layout, CanonicalSide.Target, r => r.Date(sentinel)), Hash(layout, CanonicalSide.Target, r => r.Null()));
    }

    [Fact]
    public void An_unconvertible_value_is_null_only_when_the_policy_nulls_it()
    {
        var nulling = Layout(Column(ValueKind.Date) with { BadValueToNull = true });
        var rejecting = Layout(Column(ValueKind.Date));
        Assert.Equal(Hash(nulling, CanonicalSide.Source, r => r.Unconvertible()), Hash(nulling, CanonicalSide.Target, r => r.Null()));
        Assert.NotEqual(Hash(rejecting, CanonicalSide.Source, r => r.Unconvertible()), Hash(rejecting, CanonicalSide.Target, r => r.Null()));
    }

    [Fact]
    public void Floating_point_keeps_negative_zero_and_has_one_nan()
    {
        var layout = Layout(Column(ValueKind.Double));
        Assert.NotEqual(Hash(layout, CanonicalSide.Source, r => r.Double(0.0)), Hash(layout, CanonicalSide.Target, r => r.Double(-0.0)));
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Double(double.NaN)), Hash(layout, CanonicalSide.Target, r => r.Double(-double.NaN)));
    }

    [Fact]
    public void Json_compares_canonically_and_invalid_json_never_matches()
    {
        var layout = Layout(Column(ValueKind.Json));
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Json("{ \"b\": 1.50, \"a\": 1 }")), Hash(layout, CanonicalSide.Target, r => r.Json("{\"a\": 1, \"b\": 1.5}")));
        Assert.NotEqual(Hash(layout, CanonicalSide.Source, r => r.Json("{oops")), Hash(layout, CanonicalSide.Target, r => r.Null()));
    }

    [Fact]
    public void The_id_is_part_of_the_row()
    {
        var layout = Layout(Column(ValueKind.Int32));
        Assert.NotEqual(Hash(layout, CanonicalSide.Source, r => r.Integer(1)), Hash(layout, CanonicalSide.Target, r => r.Integer(1), Guid.NewGuid()));
    }

    [Fact]
    public void Segment_hashes_show_which_column_differs()
    {
        var layout = Layout(Column(ValueKind.Int32, "A"), Column(ValueKind.Text, "B"), Column(ValueKind.Bytes, "C"));
        var a = new CanonicalRow(layout, CanonicalSide.Source);
        a.Begin(Id);
        a.Integer(1);
        a.Text("x");
        a.Bytes([1, 2]);
        var b = new CanonicalRow(layout, CanonicalSide.Target);
        b.Begin(Id);
        b.Integer(1);
        b.Text("y");
        b.Bytes([1, 2]);

        Assert.Equal(4, a.Segments);
        Assert.Equal(["B"], Ferry.Core.Reconciliation.SegmentDiff.Columns(a.SegmentHashes(), b.SegmentHashes(), ["A", "B", "C"]));
    }

    [Fact]
    public void A_row_longer_than_the_initial_buffer_grows_it()
    {
        var layout = Layout(Column(ValueKind.Text));
        var big = new string('é', 10_000);
        Assert.Equal(Hash(layout, CanonicalSide.Source, r => r.Text(big)), Hash(layout, CanonicalSide.Target, r => r.Text(big)));
    }
}
