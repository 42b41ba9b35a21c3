using System.Reflection;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Builds the <see cref="SqlException"/> SqlClient would throw for given error numbers. SqlClient makes these only
/// from server responses (its constructors are internal), so this goes through the same internal factory it uses.
/// </summary>
internal static class SqlErrors
{
    public static SqlException Exception(params int[] numbers)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var collection = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        var errorConstructor = typeof(SqlError).GetConstructors(Any).Single(c => c.GetParameters().Select(p => p.ParameterType).SequenceEqual(
            [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)]));
        var add = typeof(SqlErrorCollection).GetMethod("Add", Any)!;
        foreach (var number in numbers)
        {
            add.Invoke(collection, [errorConstructor.Invoke([number, (byte)1, (byte)16, "legacy01", $"error {number}", "", 0, null])]);
        }

        var create = typeof(SqlException).GetMethod("CreateException", Any, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [collection, "16.00.1000"])!;
    }
}
