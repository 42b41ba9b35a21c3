using System.Text.RegularExpressions;

namespace Ferry.Core.Casting;

/// <summary>Type names as clients report them, without their modifiers: <c>timestamp(6) without time zone</c> is a timestamp.</summary>
public static partial class TypeNames
{
    public static string WithoutModifiers(string typeName) => Modifiers().Replace(typeName, "").Trim();

    [GeneratedRegex(@"\s*\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial Regex Modifiers();
}
