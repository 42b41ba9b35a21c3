using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Parses T-SQL the way SQL Server 2022 would (quoted identifiers on). Zero errors alone proves little (a misspelt
/// <c>SELEC 1</c> parses as an EXECUTE), so callers always state the statement type they expect.
/// </summary>
internal static class TSql
{
    public static T Single<T>(string sql)
        where T : TSqlStatement =>
        Assert.IsType<T>(SingleStatement(sql));

    /// <summary>The one statement of <paramref name="sql"/>, parsed without errors; the caller asserts its type.</summary>
    public static TSqlStatement SingleStatement(string sql)
    {
        var parser = new TSql160Parser(true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"{string.Join("; ", errors.Select(e => $"line {e.Line} col {e.Column}: {e.Message}"))}\n{sql}");

        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
        return Assert.Single(statements);
    }

    public static QuerySpecification Query(string sql) =>
        Assert.IsType<QuerySpecification>(Single<SelectStatement>(sql).QueryExpression);

    /// <summary>Every node of type <typeparamref name="T"/> under <paramref name="fragment"/>.</summary>
    public static List<T> All<T>(TSqlFragment fragment)
        where T : TSqlFragment
    {
        var collector = new Collector<T>();
        fragment.Accept(collector);
        return collector.Found;
    }

    /// <summary>The unescaped names of every column reference, e.g. <c>a]b</c> for <c>[a]]b]</c>.</summary>
    public static HashSet<string> ColumnNames(TSqlFragment fragment) =>
        All<ColumnReferenceExpression>(fragment).Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToHashSet(StringComparer.Ordinal);

    public static HashSet<string> Variables(TSqlFragment fragment) =>
        All<VariableReference>(fragment).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

    public static HashSet<(string? Schema, string Name)> Tables(TSqlFragment fragment) =>
        All<NamedTableReference>(fragment).Select(t => (t.SchemaObject.SchemaIdentifier?.Value, t.SchemaObject.BaseIdentifier.Value)).ToHashSet();

    private sealed class Collector<T> : TSqlFragmentVisitor
        where T : TSqlFragment
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlFragment fragment)
        {
            if (fragment is T match)
            {
                Found.Add(match);
            }
        }
    }
}
