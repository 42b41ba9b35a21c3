namespace Ferry.Postgres;

/// <summary>The one place PostgreSQL identifiers are quoted. Every name in generated SQL goes through here.</summary>
public static class PgIdentifier
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>A text literal, for the rare DDL places that cannot take parameters (comments, policy names are identifiers).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
