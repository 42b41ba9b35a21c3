using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Evaluates a parsed WHERE clause over integer columns and parameters with SQL's three-valued logic, so the
/// keyset predicates can be checked for meaning, not just syntax, without a SQL Server.
/// </summary>
internal static class PredicateEvaluator
{
    public static bool Selects(BooleanExpression where, IReadOnlyDictionary<string, int?> row, IReadOnlyDictionary<string, int> parameters) =>
        Evaluate(where, row, parameters) == true;

    private static bool? Evaluate(BooleanExpression e, IReadOnlyDictionary<string, int?> row, IReadOnlyDictionary<string, int> p) => e switch
    {
        BooleanParenthesisExpression paren => Evaluate(paren.Expression, row, p),
        BooleanNotExpression not => !Evaluate(not.Expression, row, p),
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and =>
            And(Evaluate(and.FirstExpression, row, p), Evaluate(and.SecondExpression, row, p)),
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.Or } or =>
            Or(Evaluate(or.FirstExpression, row, p), Evaluate(or.SecondExpression, row, p)),
        BooleanIsNullExpression isNull => Value(isNull.Expression, row, p) is null != isNull.IsNot,
        BooleanComparisonExpression c => Compare(c.ComparisonType, Value(c.FirstExpression, row, p), Value(c.SecondExpression, row, p)),
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    private static int? Value(ScalarExpression e, IReadOnlyDictionary<string, int?> row, IReadOnlyDictionary<string, int> p) => e switch
    {
        ColumnReferenceExpression column => row[column.MultiPartIdentifier.Identifiers[^1].Value],
        VariableReference variable => p[variable.Name],
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    private static bool? Compare(BooleanComparisonType type, int? left, int? right)
    {
        if (left is not { } l || right is not { } r)
        {
            return null;
        }

        return type switch
        {
            BooleanComparisonType.Equals => l == r,
            BooleanComparisonType.GreaterThan => l > r,
            BooleanComparisonType.GreaterThanOrEqualTo => l >= r,
            BooleanComparisonType.LessThan => l < r,
            BooleanComparisonType.LessThanOrEqualTo => l <= r,
            _ => throw new NotSupportedException(type.ToString()),
        };
    }

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;
}
