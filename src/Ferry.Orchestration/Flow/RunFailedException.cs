namespace Ferry.Orchestration.Flow;

/// <summary>A run could not start or go on as a whole (refused, or its configuration is wrong); the message says why.</summary>
public sealed class RunFailedException(string message) : Exception(message);
