using Ferry.Core.Abstractions;

namespace Ferry.SqlServer.Tests;

/// <summary>Which SQL Server failures the retry policy may retry: exactly the documented transient numbers.</summary>
public sealed class SqlServerTransientErrorsTests
{
    [Theory]
    [InlineData(40613)]
    [InlineData(40501)]
    [InlineData(40197)]
    [InlineData(4060)]
    [InlineData(49918)]
    [InlineData(10928)]
    [InlineData(10929)]
    [InlineData(1205)]
    [InlineData(3961)]
    [InlineData(-2)]
    [InlineData(233)]
    [InlineData(10054)]
    public void Documented_transient_error_is_transient(int number)
    {
        Assert.True(SqlServerTransientErrors.IsTransient(SqlErrors.Exception(number)));
        Assert.True(new SqlServerAdapter().IsTransient(SqlErrors.Exception(number)));
    }

    [Theory]
    [InlineData(229)]
    [InlineData(208)]
    [InlineData(102)]
    [InlineData(2627)]
    [InlineData(18456)]
    [InlineData(1222)]
    public void Error_that_would_fail_again_is_not_transient(int number)
    {
        // Permission denied, invalid object, syntax, duplicate key, login failed, lock timeout.
        Assert.False(SqlServerTransientErrors.IsTransient(SqlErrors.Exception(number)));
    }

    [Fact]
    public void A_transient_error_anywhere_in_the_exception_counts()
    {
        Assert.True(SqlServerTransientErrors.IsTransient(SqlErrors.Exception(3621, 1205)));
    }

    [Fact]
    public void A_transient_error_wrapped_by_the_open_failure_counts()
    {
        var wrapped = OpenFailure.Create("SQL Server source", "Server=s;Database=d", "gone", SqlErrors.Exception(40613));

        Assert.True(SqlServerTransientErrors.IsTransient(wrapped));
        Assert.False(SqlServerTransientErrors.IsTransient(new InvalidOperationException("not a SQL error")));
    }
}
