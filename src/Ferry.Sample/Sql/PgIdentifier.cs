namespace Ferry.Sample.Sql;

/// <summary>The one place the sample quotes PostgreSQL identifiers. Every name in its SQL goes through here.</summary>
internal static class PgIdentifier
{
    /// <summary>PostgreSQL silently truncates longer names, which could merge two constraint names into one.</summary>
    public const int MaxBytes = 63;

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);

    public static string List(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));
}
