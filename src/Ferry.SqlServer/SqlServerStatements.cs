namespace Ferry.SqlServer;

/// <summary>
/// Every statement <see cref="SqlServerAdapter"/> runs, in one place so the tests can parse each with the T-SQL parser
/// (no SQL Server runs where the tests do): constants, and for the catalog queries that depend on the server version
/// one method per query taking the <see cref="SqlServerCatalog"/>. Column order in each result is what the readers expect.
/// </summary>
internal static class SqlServerStatements
{
    /// <summary>
    /// Which optional catalog columns this server has: <c>graph_type</c> (SQL Server 2017 and later) and
    /// <c>ledger_type</c> (2022 and later). Statements name a column only where it exists, since naming a missing
    /// one fails the whole query. Columns: the names found.
    /// </summary>
    public const string CatalogFeatures = """
        SELECT c.name FROM sys.all_columns AS c
        WHERE (c.object_id = OBJECT_ID(N'sys.tables') AND c.name IN (N'ledger_type', N'is_dropped_ledger_table'))
           OR (c.object_id = OBJECT_ID(N'sys.columns') AND c.name = N'graph_type');
        """;

    /// <summary>
    /// User tables: is_ms_shipped excludes the system's own, and the extended property excludes sysdiagrams, which
    /// the designer tools create as a user table. Left out as well, because their rows belong to another table or to
    /// no table of this database: temporal history tables (past versions of a current table's rows), external
    /// tables (PolyBase, data elsewhere), and on 2022 ledger history tables and dropped ledger tables. Row estimate
    /// from the heap or clustered index partitions. Columns: object_id, schema, table, estimated rows, memory-optimized.
    /// </summary>
    public static string Tables(SqlServerCatalog catalog) => $"""
        SELECT t.object_id, s.name AS schema_name, t.name AS table_name,
               COALESCE((SELECT SUM(p.rows) FROM sys.partitions AS p
                         WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)), 0) AS estimated_rows,
               t.is_memory_optimized
        FROM sys.tables AS t
        JOIN sys.schemas AS s ON s.schema_id = t.schema_id
        WHERE t.is_ms_shipped = 0
          AND t.temporal_type <> 1
          AND t.is_external = 0{(catalog.Ledger ? "\n  AND t.ledger_type <> 1 AND t.is_dropped_ledger_table = 0" : "")}
          AND NOT EXISTS (SELECT 1 FROM sys.extended_properties AS ep
                          WHERE ep.major_id = t.object_id AND ep.minor_id = 0 AND ep.class = 1
                            AND ep.name = N'microsoft_database_tools_support')
        ORDER BY s.name, t.name;
        """;

    /// <summary>
    /// Columns in declaration order. Alias types (including sysname) resolve to their system base type so the
    /// type rules see <c>nvarchar</c>, not <c>Phone</c>; CLR types (hierarchyid, geography, geometry) keep their
    /// own name. Left out: a sparse column set (an XML view of the sparse columns, which are read themselves) and,
    /// from 2017, the graph columns of node and edge tables (internal ids and the $node_id/$edge_id/$from_id/$to_id
    /// pseudo columns, which the documentation says not to select by name). Columns: object_id, column, type,
    /// is_nullable, max_length (bytes), precision, scale, is_identity, collation.
    /// </summary>
    public static string Columns(SqlServerCatalog catalog) => $"""
        SELECT c.object_id, c.name AS column_name, LOWER(COALESCE(bt.name, ty.name)) AS type_name,
               c.is_nullable, c.max_length, c.precision, c.scale, c.is_identity, c.collation_name
        FROM sys.columns AS c
        JOIN sys.tables AS t ON t.object_id = c.object_id
        JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
        LEFT JOIN sys.types AS bt ON bt.user_type_id = c.system_type_id
                                 AND ty.is_assembly_type = 0 AND ty.user_type_id <> ty.system_type_id
        WHERE t.is_ms_shipped = 0 AND c.is_column_set = 0{(catalog.Graph ? " AND c.graph_type IS NULL" : "")}
        ORDER BY c.object_id, c.column_id;
        """;

    /// <summary>
    /// Key columns of the primary key and of every enabled unique constraint or unique index, in key order.
    /// Filtered unique indexes are left out: they are unique over a subset of rows only, so they are not keys. So are
    /// indexes over graph columns (the unique index every node table has on its internal id), whose columns are not
    /// read. Columns: object_id, index_id, is_primary_key, column.
    /// </summary>
    public static string Keys(SqlServerCatalog catalog) => $"""
        SELECT i.object_id, i.index_id, i.is_primary_key, c.name AS column_name
        FROM sys.indexes AS i
        JOIN sys.tables AS t ON t.object_id = i.object_id
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE t.is_ms_shipped = 0
          AND (i.is_primary_key = 1 OR i.is_unique = 1)
          AND i.has_filter = 0 AND i.is_disabled = 0 AND i.is_hypothetical = 0
          AND ic.is_included_column = 0 AND ic.key_ordinal > 0{(catalog.Graph ? GraphIndexes : "")}
        ORDER BY i.object_id, i.index_id, ic.key_ordinal;
        """;

    private const string GraphIndexes = """

          AND NOT EXISTS (SELECT 1 FROM sys.index_columns AS gic
                          JOIN sys.columns AS gc ON gc.object_id = gic.object_id AND gc.column_id = gic.column_id
                          WHERE gic.object_id = i.object_id AND gic.index_id = i.index_id AND gc.graph_type IS NOT NULL)
        """;

    /// <summary>
    /// Declared foreign keys with their column pairs in constraint order. Disabled and untrusted (WITH NOCHECK)
    /// keys are kept on purpose: they are where legacy orphans live. Columns: constraint object_id, name, child
    /// object_id, child column, referenced schema, referenced table, referenced column, enforced (enabled and
    /// trusted: only then does the server guarantee there is no orphan).
    /// </summary>
    public const string ForeignKeys = """
        SELECT fk.object_id, fk.name AS fk_name, fk.parent_object_id, pc.name AS column_name,
               rs.name AS referenced_schema, rt.name AS referenced_table, rc.name AS referenced_column,
               CAST(CASE WHEN fk.is_disabled = 0 AND fk.is_not_trusted = 0 THEN 1 ELSE 0 END AS bit) AS is_enforced
        FROM sys.foreign_keys AS fk
        JOIN sys.tables AS pt ON pt.object_id = fk.parent_object_id
        JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
        JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
        JOIN sys.tables AS rt ON rt.object_id = fk.referenced_object_id
        JOIN sys.schemas AS rs ON rs.schema_id = rt.schema_id
        JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
        WHERE pt.is_ms_shipped = 0
        ORDER BY fk.object_id, fkc.constraint_column_id;
        """;

    /// <summary>
    /// The database's two row-versioning settings. Columns: snapshot_isolation_state (1 when ALLOW_SNAPSHOT_ISOLATION
    /// is ON; 2 and 3 are transitions, not yet usable), is_read_committed_snapshot_on.
    /// </summary>
    public const string IsolationSettings = """
        SELECT snapshot_isolation_state, is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID();
        """;

    /// <summary>
    /// Whether the login may SELECT each user table and see its definition. A login sees only the tables it holds
    /// some permission on, so this lists what it can see. Columns: schema, table, SELECT (1/0), VIEW DEFINITION (1/0).
    /// </summary>
    public const string TablePermissions = """
        SELECT s.name AS schema_name, t.name AS table_name,
               HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'SELECT') AS can_select,
               HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'VIEW DEFINITION') AS can_view
        FROM sys.tables AS t
        JOIN sys.schemas AS s ON s.schema_id = t.schema_id
        WHERE t.is_ms_shipped = 0;
        """;

    /// <summary>
    /// Columns the login may not SELECT although it may select their table (a column-level DENY): reading the table
    /// would fail on them. Columns: schema, table, column.
    /// </summary>
    public const string DeniedColumns = """
        SELECT s.name AS schema_name, t.name AS table_name, c.name AS column_name
        FROM sys.columns AS c
        JOIN sys.tables AS t ON t.object_id = c.object_id
        JOIN sys.schemas AS s ON s.schema_id = t.schema_id
        WHERE t.is_ms_shipped = 0
          AND HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'SELECT') = 1
          AND HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'SELECT', c.name, N'COLUMN') = 0;
        """;

    /// <summary>
    /// 1 when the login holds VIEW DEFINITION on the whole database: only then is no table hidden from it (a login
    /// sees no trace of a table it holds no permission on).
    /// </summary>
    public const string DatabaseViewDefinition = "SELECT HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'VIEW DEFINITION');";

    /// <summary>
    /// Foreign keys of visible tables that reference a table the login cannot see: the only trace such a table
    /// leaves. Columns: schema and table of the referencing table, constraint name.
    /// </summary>
    public const string HiddenReferences = """
        SELECT OBJECT_SCHEMA_NAME(fk.parent_object_id) AS schema_name, OBJECT_NAME(fk.parent_object_id) AS table_name, fk.name AS fk_name
        FROM sys.foreign_keys AS fk
        WHERE fk.is_ms_shipped = 0
          AND NOT EXISTS (SELECT 1 FROM sys.tables AS t WHERE t.object_id = fk.referenced_object_id);
        """;

    /// <summary>1 when Change Tracking is on for the connection's database, else 0.</summary>
    public const string ChangeTrackingEnabled = """
        SELECT COUNT_BIG(*) FROM sys.change_tracking_databases WHERE database_id = DB_ID();
        """;

    /// <summary>The tables Change Tracking follows. Columns: schema, table.</summary>
    public const string TrackedTables = """
        SELECT s.name AS schema_name, t.name AS table_name
        FROM sys.change_tracking_tables AS ctt
        JOIN sys.tables AS t ON t.object_id = ctt.object_id
        JOIN sys.schemas AS s ON s.schema_id = t.schema_id;
        """;

    /// <summary>
    /// The oldest version a delta of one table can start from (NULL when the table is not tracked). @p0 is the
    /// table's two-part name, quoted, as a value.
    /// </summary>
    public const string MinValidVersion = "SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(@p0));";

    /// <summary>The Change Tracking version now; NULL when change tracking is off for the database.</summary>
    public const string ChangeTrackingVersion = "SELECT CHANGE_TRACKING_CURRENT_VERSION();";

    /// <summary>
    /// The database's identity: the server's name, the database's name and its create date, which a restore or an
    /// attach sets anew (so a copy restored from backup is told apart from the database it was loaded from).
    /// Columns: server, database, create date (ISO 8601).
    /// </summary>
    public const string Facts = """
        SELECT CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)) AS server_name, DB_NAME() AS database_name,
               CONVERT(nvarchar(30), d.create_date, 126) AS create_date
        FROM sys.databases AS d WHERE d.database_id = DB_ID();
        """;

    /// <summary>
    /// Run at the start of every read transaction: a read blocked by another session's lock fails after a minute
    /// (error 1222, "Lock request time out period exceeded") instead of waiting without end, since reads have no
    /// command timeout. Under SNAPSHOT or READ_COMMITTED_SNAPSHOT reads take no row locks, so only a locking read or
    /// a schema change in progress can trip it. Keep in step with <see cref="SqlServerAdapter.LockTimeoutMilliseconds"/>.
    /// </summary>
    public const string LockTimeout = "SET LOCK_TIMEOUT 60000;";
}
