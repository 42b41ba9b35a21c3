using System.Text;

namespace Ferry.Sample.Data;

/// <summary>
/// Free text that breaks naive pipelines. SQL Server columns may also hold U+0000, which PostgreSQL text cannot
/// store; the stand-in carries the other traps instead: astral-plane emoji (two UTF-16 units, one code point),
/// combining marks, right-to-left runs, control characters, quotes, leading and trailing blanks, empty strings
/// next to NULLs, and a few values far above 100 KB.
/// </summary>
internal static class AwkwardText
{
    public static readonly string[] Notes =
    [
        "Parent called about bus schedule.",
        "Great progress this quarter \U0001F600\U0001F44D",
        "Family emoji test: \U0001F468\u200D\U0001F469\u200D\U0001F467 (zero-width joiners)",
        "Zoe\u0308 prefers the combining spelling of her name; records from the old system use Zoë.",
        "ملاحظة: الطالب يحتاج إلى دعم إضافي في القراءة",
        "Mixed direction: parent name שרה כהן, phone on file",
        "注意：学生需要额外的数学辅导",
        "  Leading and trailing blanks were typed by the front desk.  ",
        "Line one\r\nLine two\tafter a tab",
        "Mother said \"he's fine\"; O'Brien family moved to 12 Elm St.",
        "Path to scanned form: \\\\fileserver\\records\\2019\\intake.pdf",
        "'; DROP TABLE dbo.Student; --",
        "Allergy: peanuts \u26A0\uFE0F epinephrine in nurse's office",
        "",
        "Transferred from Ciudad Juárez; records requested.",
        "Math \u2211 and \u221A practice; scored \u2265 90%",
        "Ends with a combining acute e\u0301",
        "Musical note \U0001D11E outside the basic plane",
    ];

    /// <summary>A deterministic note of at least <paramref name="minimumChars"/> characters, mixing scripts throughout.</summary>
    public static string Long(long seedIndex, int minimumChars)
    {
        var sb = new StringBuilder(minimumChars + 200);
        var paragraph = 0;
        while (sb.Length < minimumChars)
        {
            sb.Append("Paragraph ").Append(paragraph).Append(" of record ").Append(seedIndex).Append(": ");
            sb.Append(Notes[(int)((seedIndex + paragraph) % Notes.Length)]);
            sb.Append(" Meeting notes continue with observations about attendance, grades and support services. \U0001F4DA\n");
            paragraph++;
        }

        return sb.ToString();
    }
}
