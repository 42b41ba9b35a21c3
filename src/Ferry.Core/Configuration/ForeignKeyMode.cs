namespace Ferry.Core.Configuration;

/// <summary>How target foreign keys are treated while a run loads.</summary>
public enum ForeignKeyMode
{
    /// <summary>
    /// Foreign keys of the tables being loaded are dropped when the run starts and re-created and validated when
    /// the last active run on that database finishes: PostgreSQL then checks each reference once, in bulk, instead
    /// of once per inserted row through a trigger (several times faster).
    /// </summary>
    Deferred,

    /// <summary>Foreign keys stay in place; every inserted row is checked as it arrives.</summary>
    Immediate,
}
