using System.Data;
using Ferry.Core.Casting;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Ferry.Engine.Pipeline;
using Ferry.Postgres.Source;

namespace Ferry.IntegrationTests.Engine;

/// <summary>
/// The row hot path over an in-memory reader, for what the PostgreSQL stand-in cannot hold (NUL in text, as SQL
/// Server delivers it) and for each policy. No database: the reader is a DataTableReader.
/// </summary>
public class RowProcessorTests
{
    private static readonly EntityMapping Note = new()
    {
        Source = TableName.Parse("dbo.Note"),
        Target = "default",
        TargetSchema = "dbo",
        TargetTable = "note",
        Key = ["NoteId"],
        KeyOrigin = KeyOrigin.PrimaryKey,
        Columns =
        [
            new ColumnMap("NoteId", "legacy_note_id", "int", "integer", ValueKind.Int32, false),
            new ColumnMap("Body", "body", "nvarchar", "text", ValueKind.Text, true),
            new ColumnMap("WrittenOn", "written_on", "date", "date", ValueKind.Date, true),
            new ColumnMap("Score", "score", "varchar", "integer", ValueKind.Text, true),
        ],
        References = [],
    };

    private static (RowProcessor Rows, DataTableReader Reader) Open(QuarantinePolicies policies, params object?[][] rows) =>
        Open(Note, policies, rows);

    private static (RowProcessor Rows, DataTableReader Reader) Open(EntityMapping entity, QuarantinePolicies policies, params object?[][] rows)
    {
        var table = new DataTable();
        table.Columns.Add("NoteId", typeof(int));
        table.Columns.Add("Body", typeof(string));
        table.Columns.Add("WrittenOn", typeof(DateTime));
        table.Columns.Add("Score", typeof(string));
        foreach (var r in rows)
        {
            table.Rows.Add(r.Select(v => v ?? DBNull.Value).ToArray());
        }

        var config = new MigrationConfig
        {
            File = "test.yaml",
            Targets = [],
            UuidNamespace = Guid.Parse("1b671a64-40d5-491e-99b0-da01ff1f3341"),
            Districts = [],
            Policies = policies,
        };
        var district = new DistrictSettings("d001", Guid.Parse("6a1f7c1e-0000-4000-8000-000000000001"), new SourceSettings("postgres", ""));
        var context = new LoadContext(entity, district, new PostgresSourceAdapter(), null!, config, OrphanIndex.Empty(0));
        var reader = table.CreateDataReader();
        return (new RowProcessor(context, reader), reader);
    }

    private static List<bool> ProcessAll(RowProcessor rows, DataTableReader reader)
    {
        var outcomes = new List<bool>();
        while (reader.Read())
        {
            outcomes.Add(rows.Process(reader));
        }

        return outcomes;
    }

    [Fact]
    public void Nul_in_text_is_stripped_by_default_and_the_fix_recorded_with_the_original()
    {
        var (rows, reader) = Open(QuarantinePolicies.Default, [1, "a\0b", null, "7"]);
        Assert.Equal([true], ProcessAll(rows, reader));
        var entry = Assert.Single(rows.Quarantine.Entries());
        Assert.Equal(("stripped", ReasonCode.NulCharacter, "Body"), (entry.Action, entry.ReasonCode, entry.Column));
        Assert.Contains("a\\\\u0000b", entry.RowJson);
        Assert.Equal(1, rows.Fixed);
    }

    [Fact]
    public void Nul_in_text_is_rejected_when_the_policy_says_reject()
    {
        var (rows, reader) = Open(QuarantinePolicies.Default with { Nul = ProblemAction.Reject }, [1, "a\0b", null, "7"], [2, "fine", null, "8"]);
        Assert.Equal([false, true], ProcessAll(rows, reader));
        Assert.Equal("rejected", Assert.Single(rows.Quarantine.Entries()).Action);
        Assert.Equal(1, rows.Rejected);
    }

    [Fact]
    public void Sentinel_dates_are_kept_by_default_and_nulled_by_policy()
    {
        var (kept, keptReader) = Open(QuarantinePolicies.Default, [1, "x", new DateTime(1900, 1, 1), "1"]);
        Assert.Equal([true], ProcessAll(kept, keptReader));
        Assert.Empty(kept.Quarantine.Entries());

        var (nulled, nulledReader) = Open(QuarantinePolicies.Default with { SentinelDate = ProblemAction.Null }, [1, "x", new DateTime(1900, 1, 1), "1"]);
        Assert.Equal([true], ProcessAll(nulled, nulledReader));
        var entry = Assert.Single(nulled.Quarantine.Entries());
        Assert.Equal(("nulled", ReasonCode.SentinelDate, "WrittenOn"), (entry.Action, entry.ReasonCode, entry.Column));
    }

    [Fact]
    public void Text_that_does_not_convert_is_a_bad_value_with_the_original_text()
    {
        var (rows, reader) = Open(QuarantinePolicies.Default, [1, "x", null, "n/a"], [2, "y", null, "42"]);
        Assert.Equal([false, true], ProcessAll(rows, reader));
        var entry = Assert.Single(rows.Quarantine.Entries());
        Assert.Equal(("rejected", ReasonCode.BadValue, "Score"), (entry.Action, entry.ReasonCode, entry.Column));
        Assert.Contains("\"Score\":\"n/a\"", entry.RowJson);
    }

    [Fact]
    public void Bad_value_in_a_nullable_column_is_nulled_by_policy()
    {
        var (rows, reader) = Open(QuarantinePolicies.Default with { BadValue = ProblemAction.Null }, [1, "x", null, "n/a"]);
        Assert.Equal([true], ProcessAll(rows, reader));
        Assert.Equal("nulled", Assert.Single(rows.Quarantine.Entries()).Action);
    }

    [Fact]
    public void Duplicate_keys_of_a_configured_key_are_rejected_after_the_first()
    {
        var (rows, reader) = Open(Note with { KeyOrigin = KeyOrigin.Configured }, QuarantinePolicies.Default, [1, "first", null, "1"], [1, "second", null, "2"]);
        Assert.Equal([true, false], ProcessAll(rows, reader));
        Assert.Equal(ReasonCode.DuplicateKey, Assert.Single(rows.Quarantine.Entries()).ReasonCode);
    }

    [Fact]
    public void A_batch_of_mostly_bad_rows_spills_its_quarantine_and_keeps_every_entry()
    {
        var count = QuarantineBuffer.InMemoryLimit * 2 + 7;
        var rows = Enumerable.Range(1, count).Select(i => new object?[] { i, "x", null, "not a number" }).ToArray();
        var (processor, reader) = Open(QuarantinePolicies.Default, rows);
        using var quarantine = processor.Quarantine;
        Assert.All(ProcessAll(processor, reader), Assert.False);
        var entries = quarantine.Entries().ToList();
        Assert.Equal(count, entries.Count);
        Assert.Equal(count, quarantine.Reasons["rejected:bad_value"]);
        Assert.Equal(Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries.Select(e => e.LegacyKey));
    }
}
