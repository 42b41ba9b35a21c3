namespace Ferry.Reports.Html;

/// <summary>The page's CSS (Html/report.css, embedded), inlined so the page needs no other file.</summary>
internal static class Stylesheet
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(Stylesheet).Assembly.GetManifestResourceStream("Ferry.Reports.Html.report.css")
            ?? throw new InvalidOperationException("the report stylesheet is not embedded in Ferry.Reports");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
