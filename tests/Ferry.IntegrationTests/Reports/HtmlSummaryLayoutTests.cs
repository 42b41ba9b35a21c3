using System.Text.RegularExpressions;
using Ferry.Core.Reconciliation;
using Ferry.Reports;
using Ferry.Reports.Sinks;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// The summary page of a report model made to be awkward (names that make the same id, a long key and long values,
/// NULLs, a reason code the page has no words for, the only failure in the last district), published to a folder
/// and laid out in headless Chromium. No database.
/// </summary>
public sealed partial class HtmlSummaryLayoutTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-layout-").FullName;
    private string _page = "";
    private string _dom = "";

    private static AuditReport Report()
    {
        var entities = new List<AuditEntity>();
        foreach (var district in new[] { "d-1", "d_1", "north/east" })
        {
            foreach (var entity in new[] { "dbo.A_B", "dbo.A-B", "dbo." + new string('W', 70) })
            {
                var failing = district == "north/east" && entity == "dbo.A-B";
                entities.Add(new AuditEntity
                {
                    District = district,
                    Entity = entity,
                    Source = 1_000_000,
                    Target = failing ? 999_990 : 999_000,
                    Quarantined = failing ? 0 : 1_000,
                    Missing = failing ? 9 : 0,
                    Extra = 0,
                    Changed = failing ? 1 : 0,
                    ChecksumSource = "0123456789abcdef0123456789abcdef",
                    ChecksumTarget = failing ? "fedcba9876543210fedcba9876543210" : "0123456789abcdef0123456789abcdef",
                    Status = failing ? Parity.Differs : Parity.Pass,
                    Samples = failing
                        ? [
                            new RowDifference(DifferenceKind.Changed, new string('7', 150) + "|x", ["Notes", "MiddleName"])
                            {
                                Values = [ValueDifference.Of("Notes", new string('a', 300), new string('b', 300)), ValueDifference.Of("MiddleName", null, "Lee")],
                            },
                            new RowDifference(DifferenceKind.Missing, "8", []),
                        ]
                        : [],
                });
            }
        }

        var quarantine = new List<QuarantineGroup>
        {
            new("d-1", "dbo.A_B", "rejected", "orphan", 1_000, "column SchoolId: 77 has no parent dbo.School"),
            new("d_1", "dbo.A-B", "nulled", "weird_code", 1_000, new string('z', 200)),
        };
        return new AuditReport
        {
            Kind = AuditKind.Verify,
            Id = Guid.Parse("01a20000-0000-7000-8000-0000000000aa"),
            State = Parity.Differs,
            StartedAt = Start,
            FinishedAt = Start.AddMinutes(3),
            Districts = ["d-1", "d_1", "north/east"],
            Entities = entities,
            RowsRead = 9_000_000,
            Quarantine = quarantine,
            Reasons = AuditReason.Of(quarantine),
            Spans = entities.Select((e, i) => new AuditSpan(Start.AddSeconds(20 * (i + 1)), 25_000, e.Source)).ToList(),
        };
    }

    public async Task InitializeAsync()
    {
        _ = HeadlessChromium.Executable;
        var published = await ReportPublisher.PublishAsync(Report(), new NoDetails(), new LocalDirectorySink(_directory), CancellationToken.None);
        _page = Path.Combine(_directory, published.SummaryPath);
        _dom = await HeadlessChromium.DumpDomAsync(_page);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_district_with_a_failure_comes_first_and_its_failing_entity_first_within_it()
    {
        Assert.Equal(["north/east", "d-1", "d_1"], DistrictBlock().Matches(_dom).Select(m => m.Groups[1].Value));
        var first = EntityRow().Match(_dom);
        Assert.Equal(("dbo.A-B", "differs"), (first.Groups["entity"].Value, first.Groups["status"].Value));
        Assert.Contains("<a href=\"#d-north-east\">District north/east</a>: 1 of 3 entities differ", _dom);
    }

    [Fact]
    public void Names_that_make_the_same_id_get_distinct_ids()
    {
        var ids = EntityCell().Matches(_dom).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(9, ids.Count);
        Assert.Equal(9, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("e-d-1-dbo-a-b", ids);
        Assert.Contains("e-d-1-dbo-a-b-2", ids);
    }

    [Fact]
    public void Changed_values_are_cut_with_a_note_and_null_is_set_apart()
    {
        Assert.Contains($"<span class=\"legacy mono\">{new string('a', ValueDifference.MaxLength)}…</span>", _dom);
        Assert.Contains("<span class=\"legacy mono null\">NULL</span><br><span class=\"target mono\">Lee</span>", _dom);
        Assert.Contains($"Values longer than {ValueDifference.MaxLength} characters are cut", _dom);
    }

    [Fact]
    public void A_reason_code_without_words_is_named_and_every_group_links_its_district_csv()
    {
        Assert.Contains("Reason code weird_code.", _dom);
        Assert.Contains("The row refers to a parent row that does not exist in the legacy database.", _dom);
        Assert.Contains("<a class=\"muted\" href=\"districts/north_east.csv\">districts/north_east.csv</a>", _dom);
    }

    [Fact]
    public Task Page_lays_out_at_desktop_and_phone_width_with_every_link_resolving() =>
        ReportLayoutChecks.AssertLaysOutAsync(_page, "report-awkward", _directory);

    [Fact]
    public async Task Report_json_of_the_model_matches_the_report_schema()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(_page)!, ReportLayout.Json));

        DocumentSchemas.AssertValid("report", json);
        DocumentSchemas.AssertValid("verify", json);
    }

    [GeneratedRegex("<div class=\"district\" data-district=\"([^\"]+)\"")]
    private static partial Regex DistrictBlock();

    [GeneratedRegex("<tr data-entity=\"(?<entity>[^\"]+)\" data-status=\"(?<status>[^\"]+)\">")]
    private static partial Regex EntityRow();

    [GeneratedRegex("<td class=\"entity\" id=\"([^\"]+)\"")]
    private static partial Regex EntityCell();

    private sealed class NoDetails : IAuditDetails
    {
        public IAsyncEnumerable<AuditEvent> EventsAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<AuditEvent>();

        public IAsyncEnumerable<QuarantineRecord> QuarantineAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<QuarantineRecord>();
    }
}
