using System.Text;

namespace Ferry.Core.Naming;

/// <summary>
/// Legacy MixedCase names to PostgreSQL snake_case: <c>StudentSchoolAssociation</c> becomes
/// <c>student_school_association</c>, <c>StudentUSI</c> becomes <c>student_usi</c>, <c>HTMLPage2</c> becomes <c>html_page2</c>.
/// </summary>
public static class SnakeCase
{
    public static string Convert(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && sb.Length > 0 && sb[^1] != '_')
            {
                var prev = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // A word starts at a lower-to-upper step, or at the last capital of an acronym ("USIName" -> usi_name).
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append('_');
                }
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        while (sb.Length > 0 && sb[^1] == '_')
        {
            sb.Length--;
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
