using Ferry.Core.Model;

namespace Ferry.SqlServer.Tests;

/// <summary>What each kind of SQL Server collation ignores when it compares keys, read from its name.</summary>
public sealed class SqlServerCollationsTests
{
    private const TextInsensitivity Case = TextInsensitivity.Case;
    private const TextInsensitivity Accent = TextInsensitivity.Accent;
    private const TextInsensitivity Width = TextInsensitivity.Width;
    private const TextInsensitivity Kana = TextInsensitivity.Kana;

    public static TheoryData<string, TextInsensitivity> Collations() => new()
    {
        // The default of US-English installs, and the usual Windows collations.
        { "SQL_Latin1_General_CP1_CI_AS", Case | Kana | Width },
        { "SQL_Latin1_General_CP1_CS_AS", Kana | Width },
        { "Latin1_General_CI_AS", Case | Kana | Width },
        { "Latin1_General_CI_AI", Case | Accent | Kana | Width },
        { "Latin1_General_100_CI_AS_KS_WS_SC_UTF8", Case },
        { "Japanese_XJIS_140_CI_AI_VSS", Case | Accent | Kana | Width },
        { "Japanese_CS_AS_KS", Width },
        { "French_CI_AS_WS", Case | Kana },
        { "Latin1_General_BIN", TextInsensitivity.None },
        { "Latin1_General_100_BIN2_UTF8", TextInsensitivity.None },
        { "SQL_Latin1_General_CP437_BIN", TextInsensitivity.None },
    };

    [Theory]
    [MemberData(nameof(Collations))]
    public void Collation_name_says_what_comparisons_ignore(string collation, TextInsensitivity expected)
    {
        Assert.Equal(expected, SqlServerCollations.Insensitivity(collation));
    }

    [Fact]
    public void Text_column_carries_its_collation_and_other_columns_none()
    {
        var code = SqlServerColumnFacets.ToColumn("Code", "varchar", false, 10, 0, 0, false, "SQL_Latin1_General_CP1_CI_AS");
        var id = SqlServerColumnFacets.ToColumn("Id", "int", false, 4, 10, 0, false, null);

        Assert.Equal(("SQL_Latin1_General_CP1_CI_AS", Case | Kana | Width), (code.Collation, code.Insensitive));
        Assert.Equal((null, TextInsensitivity.None), (id.Collation, id.Insensitive));
    }
}
