namespace Ferry.Core.Casting;

/// <summary>The shape of a value on its way through the pipeline, independent of either dialect.</summary>
public enum ValueKind
{
    Boolean,
    Int16,
    Int32,
    Int64,
    Decimal,
    Single,
    Double,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Text,
    Bytes,
    Uuid,
    Json,
    Xml,
    Interval,
}
