namespace Ferry.Orchestration;

/// <summary>
/// The instance ids of a run's orchestrations: the run's is the run id (chosen by whoever starts it); each district's
/// sub-orchestration is <c>{run}:{district}</c>, so a status reader finds a district's live progress without the
/// run's history.
/// </summary>
public static class InstanceIds
{
    public static string District(string runInstanceId, string district) => $"{runInstanceId}:{district}";

    /// <summary>A new run's id: a time-ordered UUID, like the ones the engine gives runs started from the command line.</summary>
    public static string NewRun() => Guid.CreateVersion7().ToString("D");
}
