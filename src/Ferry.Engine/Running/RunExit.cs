namespace Ferry.Engine.Running;

/// <summary>How a run ended; the values are the process exit codes.</summary>
public enum RunExit
{
    Completed = 0,
    Failed = 3,
    Stopped = 4,
}
