namespace Ferry.Sample.Families;

/// <summary>Chooses an entity's <see cref="EntityFlavor"/> from the words in its name.</summary>
internal static class EntityFlavors
{
    private static readonly string[] Finance = ["Account", "AccountCode", "Budget", "Actual", "ContractedStaff", "Payroll"];
    private static readonly string[] EventWords = ["Event", "Absence", "Leave", "Visit", "Checkout", "Screening", "Immunization"];
    private static readonly string[] ScoreWords = ["Assessment", "Objective", "Gradebook", "Competency"];
    private static readonly string[] PeriodWords = ["Association", "Assignment", "Membership", "Participation", "Record", "Permission", "Request", "Medication"];

    public static EntityFlavor Of(string name)
    {
        if (name == "Parent" || name.EndsWith("EmergencyContact", StringComparison.Ordinal))
        {
            return EntityFlavor.Person;
        }

        if (Finance.Contains(name) || name.Contains("Payment", StringComparison.Ordinal) || name.Contains("Transaction", StringComparison.Ordinal))
        {
            return EntityFlavor.Amount;
        }

        if (EventWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
        {
            return EntityFlavor.Event;
        }

        if ((name.StartsWith("Student", StringComparison.Ordinal) && ScoreWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
            || name is "ReportCard" or "ReportCardGrade" or "CourseTranscript")
        {
            return EntityFlavor.Score;
        }

        return PeriodWords.Any(w => name.Contains(w, StringComparison.Ordinal)) ? EntityFlavor.Period : EntityFlavor.Named;
    }
}
