using Ferry.Sample.Data;

namespace Ferry.Sample.Schema;

/// <summary>Builds a <see cref="TableDef"/> column by column, so each table file reads like its CREATE TABLE.</summary>
internal sealed class TableBuilder(string name)
{
    private readonly List<ColumnDef> _columns = [];
    private readonly List<IReadOnlyList<string>> _unique = [];
    private readonly List<ForeignKeyDef> _foreignKeys = [];
    private IReadOnlyList<string>? _primaryKey;
    private IReadOnlyList<string>? _logicalKey;
    private bool _duplicates;
    private Func<TableSizes, long>? _rows;

    public TableBuilder Identity(string column) => Add(new ColumnDef(column, ColumnType.Int) { Identity = true });

    public TableBuilder BigIdentity(string column) => Add(new ColumnDef(column, ColumnType.BigInt) { Identity = true });

    public TableBuilder Int(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Int, nullable));

    public TableBuilder BigInt(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.BigInt, nullable));

    public TableBuilder SmallInt(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.SmallInt, nullable));

    public TableBuilder Real(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Real, nullable));

    public TableBuilder Double(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Double, nullable));

    public TableBuilder Numeric(string column, int precision, int scale, bool nullable = false) =>
        Add(new ColumnDef(column, ColumnType.Numeric, nullable) { Precision = precision, Scale = scale });

    public TableBuilder Money(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Money, nullable));

    public TableBuilder Bool(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Boolean, nullable));

    public TableBuilder Uuid(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Uuid, nullable));

    public TableBuilder Bytea(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Bytea, nullable));

    public TableBuilder Date(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Date, nullable));

    public TableBuilder Time(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Time, nullable));

    public TableBuilder Timestamp(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Timestamp, nullable));

    public TableBuilder TimestampTz(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.TimestampTz, nullable));

    public TableBuilder Char(string column, int length, bool nullable = false) =>
        Add(new ColumnDef(column, ColumnType.Char, nullable) { Length = length });

    public TableBuilder Varchar(string column, int length, bool nullable = false) =>
        Add(new ColumnDef(column, ColumnType.Varchar, nullable) { Length = length });

    public TableBuilder Text(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Text, nullable));

    public TableBuilder Xml(string column, bool nullable = false) => Add(new ColumnDef(column, ColumnType.Xml, nullable));

    public TableBuilder PrimaryKey(params string[] columns)
    {
        _primaryKey = columns;
        return this;
    }

    public TableBuilder Unique(params string[] columns)
    {
        _unique.Add(columns);
        return this;
    }

    /// <summary>A declared foreign key; the referenced columns default to the same names.</summary>
    public TableBuilder References(string column, string table, string? referencedColumn = null) =>
        AddForeignKey(new ForeignKeyDef([column], table, [referencedColumn ?? column], Declared: true));

    public TableBuilder References(string[] columns, string table, string[] referencedColumns) =>
        AddForeignKey(new ForeignKeyDef(columns, table, referencedColumns, Declared: true));

    /// <summary>A reference the legacy schema never declared; <paramref name="orphans"/> when some rows point at nothing.</summary>
    public TableBuilder Undeclared(string column, string table, string? referencedColumn = null, bool orphans = false) =>
        AddForeignKey(new ForeignKeyDef([column], table, [referencedColumn ?? column], Declared: false, orphans));

    public TableBuilder AddForeignKey(ForeignKeyDef foreignKey)
    {
        _foreignKeys.Add(foreignKey);
        return this;
    }

    /// <summary>No primary key: these are the columns the configuration names as its key instead.</summary>
    public TableBuilder KeylessWithLogicalKey(params string[] columns)
    {
        _logicalKey = columns;
        return this;
    }

    public TableBuilder WithDuplicates()
    {
        _duplicates = true;
        return this;
    }

    public TableBuilder Rows(Func<TableSizes, long> rows)
    {
        _rows = rows;
        return this;
    }

    public TableDef Build(RowFiller fill) => new()
    {
        Name = name,
        Columns = _columns.ToArray(),
        PrimaryKey = _primaryKey,
        UniqueKeys = _unique.ToArray(),
        ForeignKeys = _foreignKeys.ToArray(),
        LogicalKey = _logicalKey,
        HasDuplicates = _duplicates,
        RowCount = _rows ?? throw new InvalidOperationException($"{name}: no row count"),
        Fill = fill,
    };

    public TableBuilder Add(ColumnDef column)
    {
        _columns.Add(column);
        return this;
    }
}
