using Ferry.Core.Configuration;

namespace Ferry.Engine.Work;

/// <summary>
/// A district is held by another live operation (run, delta or rollback): one writer per district. A usage error
/// (exit 2): nothing was written, and the message names the run that holds it.
/// </summary>
public sealed class DistrictBusyException(string district, Guid heldBy, string holder)
    : ConfigException($"district {district} is held by run {heldBy} ({holder}), which is still working on it: wait for it to finish, or stop it")
{
    public string District { get; } = district;

    public Guid HeldBy { get; } = heldBy;
}
