namespace Ferry.Core.Abstractions;

/// <summary>A source or target database could not be reached or refused the login. The message never holds a password.</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
