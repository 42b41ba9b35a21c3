using Ferry.Core.Model;
using Ferry.Core.Planning;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// The expanded keyset predicates mean what a row-value comparison would: a row is in (lower, upper] exactly when
/// its key is lexicographically above lower and at most upper, and never when a key column is NULL.
/// </summary>
public sealed class KeysetPredicateTests
{
    private static readonly int?[] Values = [0, 1, 2];

    private readonly SqlServerDialect _dialect = new();

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(1, false, true)]
    [InlineData(1, true, true)]
    [InlineData(1, false, false)]
    [InlineData(2, true, false)]
    [InlineData(2, false, true)]
    [InlineData(2, true, true)]
    [InlineData(3, true, false)]
    [InlineData(3, false, true)]
    [InlineData(3, true, true)]
    [InlineData(3, false, false)]
    public void Range_predicate_selects_exactly_the_rows_between_the_bounds(int keySize, bool hasLower, bool hasUpper)
    {
        var key = Identifiers.Key("k", keySize);
        var rows = Tuples(keySize, [.. Values, null]);
        var bounds = Tuples(keySize, Values);
        IReadOnlyList<int?[]?> none = [null];
        var lowers = hasLower ? bounds : none;
        var uppers = hasUpper ? bounds : none;

        foreach (var lower in lowers)
        {
            foreach (var upper in uppers)
            {
                // The predicate is built as the engine builds it: with the prefix both bounds share.
                var where = Where(key, lower, upper);
                var parameters = Parameters(lower, upper);
                foreach (var row in rows)
                {
                    var expected = row.All(v => v is not null)
                        && (lower is null || Lexicographic(row, lower) > 0)
                        && (upper is null || Lexicographic(row, upper) <= 0);
                    var actual = PredicateEvaluator.Selects(where, Row(key, row), parameters);
                    Assert.True(expected == actual, $"row ({Show(row)}) lower ({Show(lower)}) upper ({Show(upper)}): expected {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    [InlineData(3, 27)]
    [InlineData(3, 100)]
    public void Walking_boundaries_reads_every_row_exactly_once(int keySize, int every)
    {
        var key = Identifiers.Key("k", keySize);
        var rows = Tuples(keySize, Values);

        // What SelectKeyBoundaries returns: the key of every every-th row in key order.
        var boundaries = rows.OrderBy(r => r, Comparer<int?[]>.Create(Lexicographic))
            .Where((_, i) => (i + 1) % every == 0).ToList();
        var reads = new Dictionary<string, int>();
        for (var batch = 0; batch <= boundaries.Count; batch++)
        {
            var lower = batch == 0 ? null : boundaries[batch - 1];
            var upper = batch == boundaries.Count ? null : boundaries[batch];
            var where = Where(key, lower, upper);
            var selected = rows.Where(r => PredicateEvaluator.Selects(where, Row(key, r), Parameters(lower, upper))).ToList();
            if (upper is not null)
            {
                Assert.Equal(every, selected.Count);
            }

            foreach (var row in selected)
            {
                reads[Show(row)] = reads.GetValueOrDefault(Show(row)) + 1;
            }
        }

        Assert.Equal(rows.Count, reads.Count);
        Assert.All(reads.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Composite_bounds_seek_on_the_leading_column_between_both_bounds()
    {
        var sql = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b"], hasLower: true, hasUpper: true);

        Assert.Equal(["[a] >= @p0", "[a] <= @p2"], SeekTerms(sql));
    }

    [Fact]
    public void Bounds_sharing_a_leading_value_seek_on_the_whole_prefix()
    {
        // (SchoolYear, StudentId, Day) with both bounds in year 2024: equality on the year lets the index seek on
        // the student range inside it instead of reading every row of the year.
        var sql = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b", "c"], hasLower: true, hasUpper: true, sharedPrefix: 1);

        Assert.Equal(["[a] = @p0", "[b] >= @p1", "[b] <= @p4"], SeekTerms(sql));
    }

    [Fact]
    public void Single_bound_seeks_on_the_leading_column_only()
    {
        var lower = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b"], hasLower: true, hasUpper: false, sharedPrefix: 1);
        var upper = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b"], hasLower: false, hasUpper: true, sharedPrefix: 1);

        Assert.Equal(["[a] >= @p0"], SeekTerms(lower));
        Assert.Equal(["[a] <= @p0"], SeekTerms(upper));
    }

    /// <summary>The plain comparisons ANDed at the top of the WHERE clause: the ones an index seek can use.</summary>
    private static List<string> SeekTerms(string sql)
    {
        var terms = new List<string>();
        void Walk(BooleanExpression e)
        {
            if (e is BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and)
            {
                Walk(and.FirstExpression);
                Walk(and.SecondExpression);
            }
            else if (e is BooleanComparisonExpression c)
            {
                terms.Add(sql.Substring(c.StartOffset, c.FragmentLength));
            }
        }

        Walk(TSql.Query(sql).WhereClause.SearchCondition);
        return terms;
    }

    private BooleanExpression Where(IReadOnlyList<string> key, int?[]? lower, int?[]? upper)
    {
        var shared = lower is not null && upper is not null ? KeyBounds.SharedPrefix(lower.Cast<object>().ToList(), upper.Cast<object>().ToList()) : 0;
        return TSql.Query(_dialect.SelectRange(new TableName("dbo", "T"), [_dialect.Quote(key[0])], key, lower is not null, upper is not null, shared))
            .WhereClause.SearchCondition;
    }

    private static Dictionary<string, int> Parameters(int?[]? lower, int?[]? upper) =>
        (lower ?? []).Concat(upper ?? []).Select((v, i) => (v, i)).ToDictionary(x => $"@p{x.i}", x => x.v!.Value);

    private static Dictionary<string, int?> Row(IReadOnlyList<string> key, int?[] row) =>
        key.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => row[x.i]);

    private static List<int?[]> Tuples(int size, int?[] values) =>
        size == 0 ? [[]] : [.. Tuples(size - 1, values).SelectMany(t => values.Select(v => (int?[])[.. t, v]))];

    private static int Lexicographic(int?[]? row, int?[]? bound)
    {
        for (var i = 0; i < row!.Length; i++)
        {
            var c = row[i]!.Value.CompareTo(bound![i]!.Value);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static string Show(int?[]? values) => values is null ? "none" : string.Join(",", values.Select(v => v?.ToString() ?? "NULL"));
}
