namespace Ferry.Reports.Sinks;

/// <summary>The report storage could not be reached or refused the operation. The message is one line and holds no secret.</summary>
public sealed class ReportStorageException(string message, Exception? inner = null) : Exception(message, inner);
