namespace Ferry.Core.Configuration;

/// <summary>
/// A configuration or usage problem. The message is one line that names the file, key, district or entity at
/// fault; callers print it as is and exit with the usage code.
/// </summary>
public class ConfigException(string message) : Exception(message);
