namespace Ferry.Core.Values;

/// <summary>A legacy value that does not convert, with its original as the quarantine shows it (text, or bytes as hex).</summary>
public sealed class UnconvertibleValueException(string message, string raw) : FormatException(message)
{
    public string RawValue { get; } = raw;
}
