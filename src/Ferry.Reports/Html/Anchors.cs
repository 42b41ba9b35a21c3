using System.Text;

namespace Ferry.Reports.Html;

/// <summary>
/// Element ids for the page's internal links, made from district and entity names: lower-case ASCII letters and
/// digits, anything else a hyphen, and a number appended when two names would give the same id (dbo.A_B and
/// dbo.A-B), so every link has exactly one target. The same names in the same order give the same ids.
/// </summary>
internal sealed class Anchors
{
    private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string District(string district) => Id("d", district);

    public string Entity(string district, string entity) => Id("e", district, entity);

    public string Differences(string district, string entity) => Id("x", district, entity);

    public string Quarantine(string district, string entity, string action, string reasonCode) => Id("q", district, entity, action, reasonCode);

    private string Id(string kind, params string[] names)
    {
        var key = kind + "\n" + string.Join("\n", names);
        if (_given.TryGetValue(key, out var id))
        {
            return id;
        }

        var slug = new StringBuilder(kind);
        foreach (var name in names)
        {
            slug.Append('-');
            foreach (var c in name)
            {
                slug.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
            }
        }

        id = slug.ToString();
        for (var n = 2; !_used.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        _given[key] = id;
        return id;
    }
}
