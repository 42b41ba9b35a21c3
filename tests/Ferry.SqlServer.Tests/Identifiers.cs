namespace Ferry.SqlServer.Tests;

/// <summary>Names that break naive quoting: a closing bracket, spaces, non-ASCII letters, and all at once.</summary>
internal static class Identifiers
{
    public static readonly string[] Awkward = ["StudentId", "Odd]Name", "First Name", "Élève_学生_Ünïcode", "a]]b [c] d"];

    /// <summary><paramref name="count"/> distinct key column names built from <paramref name="stem"/>.</summary>
    public static string[] Key(string stem, int count) =>
        Enumerable.Range(1, count).Select(i => $"{stem} k{i}").ToArray();
}
