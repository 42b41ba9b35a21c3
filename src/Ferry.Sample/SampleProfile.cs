namespace Ferry.Sample;

/// <summary>How much of a legacy district schema the sample builds.</summary>
public enum SampleProfile
{
    /// <summary>About twenty tables that carry every awkward trait a migration must handle; generates in seconds.</summary>
    Small,

    /// <summary>Exactly 383 tables: the small profile plus the descriptors, programmes, sections, discipline, staffing and finance entities of a full K-12 system.</summary>
    Full,
}
