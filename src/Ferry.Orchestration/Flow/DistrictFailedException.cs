namespace Ferry.Orchestration.Flow;

/// <summary>A district's load failed for a reason retrying does not cure; the message names the work item and the reason.</summary>
public sealed class DistrictFailedException(string message) : Exception(message);
