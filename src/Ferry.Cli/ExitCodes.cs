namespace Ferry.Cli;

/// <summary>The process exit codes, a contract with operators' scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done (for verify: every entity has parity).</summary>
    public const int Ok = 0;

    /// <summary>verify: at least one entity differs.</summary>
    public const int Differs = 1;

    /// <summary>The command line or the configuration is wrong, or a database it names cannot be used; nothing was written.</summary>
    public const int Usage = 2;

    /// <summary>The run failed after it started; everything committed stays, and running again resumes.</summary>
    public const int Failed = 3;

    /// <summary>The run stopped cleanly at a batch boundary (window closed, or Ctrl+C); running again resumes.</summary>
    public const int Stopped = 4;

    /// <summary>
    /// The work itself succeeded (a run completed, or a verification found parity) and is committed, but its reports
    /// could not be written or listed (storage unreachable, container refused). Not 0, because the audit trail is
    /// incomplete and a scheduler should notice; not 3, because nothing needs to run again: write the reports with
    /// <c>dm reports --config F --run ID --rewrite</c> once storage is back. A run that failed or stopped keeps 3 or 4,
    /// and a verification that differs keeps 1, whether or not its reports were written.
    /// </summary>
    public const int ReportsFailed = 5;
}
