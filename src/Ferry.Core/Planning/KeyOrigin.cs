namespace Ferry.Core.Planning;

/// <summary>Where an entity's legacy key came from.</summary>
public enum KeyOrigin
{
    PrimaryKey,
    UniqueIndex,

    /// <summary>From the <c>keys:</c> section: the table has neither; duplicate keys are quarantined.</summary>
    Configured,
}
