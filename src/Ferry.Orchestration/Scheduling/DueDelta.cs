namespace Ferry.Orchestration.Scheduling;

/// <summary>A district whose delta schedule fires at <see cref="Minute"/>, and the instance id its orchestration gets.</summary>
public sealed record DueDelta(string District, DateTimeOffset Minute, string InstanceId);
