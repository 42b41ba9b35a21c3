namespace Ferry.Sample.Schema;

/// <summary>
/// The column types of the legacy stand-in, each the PostgreSQL counterpart of a SQL Server type a district
/// database really uses (int identity, bit, uniqueidentifier, varbinary, datetime2, datetimeoffset, money, xml ...).
/// </summary>
internal enum ColumnType
{
    Int,
    BigInt,
    SmallInt,
    Real,
    Double,
    Numeric,
    Money,
    Boolean,
    Uuid,
    Bytea,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Char,
    Varchar,
    Text,
    Xml,
}
