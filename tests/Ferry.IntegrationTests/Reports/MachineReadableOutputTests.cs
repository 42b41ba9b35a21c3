using System.Text.Json;
using System.Text.Json.Nodes;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Reports;

/// <summary>
/// What scripts read: <c>verify --json</c> (to a file, or <c>-</c> for standard output), report.json and
/// <c>status --json</c>, each validated against its JSON Schema in docs/schemas; <c>status</c> listing
/// verifications and <c>reports</c> listing the latest runs without an id. One load, a clean verification and a
/// verification after tampering, shared by the tests.
/// </summary>
public sealed class MachineReadableOutputTests(MachineReadableOutputTests.Setup s) : IClassFixture<MachineReadableOutputTests.Setup>
{
    [Fact]
    public void Verify_json_dash_writes_the_document_to_stdout_and_the_summary_to_stderr()
    {
        Assert.True(s.CleanVerify.ExitCode == 0, s.CleanVerify.Stdout + s.CleanVerify.Stderr);
        using var json = JsonDocument.Parse(s.CleanVerify.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(s.CleanVerifyId, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("pass", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains("parity: every entity has parity", s.CleanVerify.Stderr);
        Assert.Contains("report: ", s.CleanVerify.Stderr);
        DocumentSchemas.AssertValid("verify", s.CleanVerify.Stdout);
    }

    [Fact]
    public async Task Verify_json_of_a_differing_verification_carries_both_values_and_matches_the_verify_schema()
    {
        Assert.Equal(1, s.TamperedVerify.ExitCode);
        var text = await File.ReadAllTextAsync(Path.Combine(s.F.Directory, "verify.json"));
        DocumentSchemas.AssertValid("verify", text);

        var student = JsonNode.Parse(text)!["entities"]!.AsArray().Single(e => (string?)e!["entity"] == "dbo.Student")!;
        var value = student["samples"]![0]!["values"]![0]!;
        Assert.Equal("FirstName", (string?)value["column"]);
        Assert.Equal(s.LegacyFirstName, (string?)value["legacy"]);
        Assert.Equal("Mallory", (string?)value["target"]);
        Assert.False((bool)value["truncated"]!);
        Assert.Contains("json: ", s.TamperedVerify.Stdout);
    }

    [Fact]
    public async Task Report_json_of_the_run_and_of_each_verification_matches_the_report_schema()
    {
        foreach (var id in new[] { s.RunId, s.CleanVerifyId, s.TamperedVerifyId })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(s.Reports, "runs", id.ToString(), "report.json"));
            DocumentSchemas.AssertValid("report", text);
        }

        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(s.Reports, "runs", s.RunId.ToString(), "report.json")));
        Assert.Equal("notVerified", run.RootElement.GetProperty("verdict").GetString());
        Assert.True(run.RootElement.GetProperty("passed").GetBoolean());
        Assert.NotEmpty(run.RootElement.GetProperty("quarantine").EnumerateArray());
    }

    [Fact]
    public void Status_json_lists_runs_and_verifications_and_matches_the_status_schema()
    {
        Assert.True(s.StatusJson.ExitCode == 0, s.StatusJson.Stderr);
        DocumentSchemas.AssertValid("status", s.StatusJson.Stdout);
        using var json = JsonDocument.Parse(s.StatusJson.Stdout);
        Assert.Equal(s.RunId, json.RootElement.GetProperty("runs").EnumerateArray().Single().GetProperty("runId").GetGuid());
        var verifications = json.RootElement.GetProperty("verifications").EnumerateArray()
            .ToDictionary(v => v.GetProperty("verifyId").GetGuid(), v => (Status: v.GetProperty("status").GetString(), Differing: v.GetProperty("differing").GetInt32()));
        Assert.Equal(("pass", 0), verifications[s.CleanVerifyId]);
        Assert.Equal(("differs", 1), verifications[s.TamperedVerifyId]);
    }

    [Fact]
    public void Status_table_lists_the_verifications_after_the_runs()
    {
        var lines = s.StatusText.Stdout.Split('\n');
        var run = Array.FindIndex(lines, l => l.StartsWith($"run {s.RunId} completed", StringComparison.Ordinal));
        var clean = Array.FindIndex(lines, l => l.StartsWith($"verify {s.CleanVerifyId} pass", StringComparison.Ordinal));
        var tampered = Array.FindIndex(lines, l => l.StartsWith($"verify {s.TamperedVerifyId} differs", StringComparison.Ordinal));
        Assert.True(run >= 0 && clean > run && tampered > clean, s.StatusText.Stdout);
        Assert.EndsWith("1 of 7 entity results differ", lines[tampered].TrimEnd());
    }

    [Fact]
    public void Reports_without_an_id_lists_the_latest_runs_and_verifications_newest_first()
    {
        Assert.True(s.Latest.ExitCode == 0, s.Latest.Stdout + s.Latest.Stderr);
        var lines = s.Latest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"verify {s.TamperedVerifyId}  differs", lines[0]);
        Assert.StartsWith($"verify {s.CleanVerifyId}  pass", lines[1]);
        Assert.StartsWith($"run    {s.RunId}  completed", lines[2]);
        Assert.EndsWith(Path.Combine(s.Reports, "runs", s.RunId.ToString(), "summary.html"), lines[2]);
    }

    [Fact]
    public async Task Reports_rewrite_without_an_id_is_a_usage_error()
    {
        var rewrite = await DmProcess.RunAsync(s.F.Directory, "reports", "--config", s.F.ConfigPath, "--rewrite");

        Assert.Equal(2, rewrite.ExitCode);
        Assert.Contains("--rewrite: name the run or verification with --run", rewrite.Stderr);
    }

    [Fact]
    public async Task Schemas_refuse_an_undocumented_key_a_missing_key_and_a_wrong_type()
    {
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(s.Reports, "runs", s.RunId.ToString(), "report.json")))!.AsObject();
        var status = JsonNode.Parse(s.StatusJson.Stdout)!.AsObject();

        var undocumented = report.DeepClone().AsObject();
        undocumented["surprise"] = 1;
        var missing = report.DeepClone().AsObject();
        missing.Remove("verdict");
        var wrongType = status.DeepClone().AsObject();
        wrongType["verifications"]![0]!["parity"] = "yes";
        var verifyUndocumented = JsonNode.Parse(s.CleanVerify.Stdout)!.AsObject();
        verifyUndocumented["entities"]![0]!["surprise"] = true;
        var notAUuid = report.DeepClone().AsObject();
        notAUuid["id"] = "yesterday";

        Assert.NotEmpty(DocumentSchemas.Errors("report", undocumented.ToJsonString()));
        Assert.NotEmpty(DocumentSchemas.Errors("report", missing.ToJsonString()));
        Assert.NotEmpty(DocumentSchemas.Errors("status", wrongType.ToJsonString()));
        Assert.NotEmpty(DocumentSchemas.Errors("report", notAUuid.ToJsonString()));
        Assert.NotEmpty(DocumentSchemas.Errors("verify", report.ToJsonString()));
        Assert.NotEmpty(DocumentSchemas.Errors("verify", verifyUndocumented.ToJsonString()));
    }

    /// <summary>One district loaded, verified clean (JSON to standard output), tampered with and verified again (JSON to a file).</summary>
    public sealed class Setup : IAsyncLifetime
    {
        public MigrationFixture F { get; private set; } = null!;

        public string Reports => Path.Combine(F.Directory, "reports");

        public Guid RunId { get; private set; }

        public Guid CleanVerifyId { get; private set; }

        public Guid TamperedVerifyId { get; private set; }

        public string? LegacyFirstName { get; private set; }

        internal DmProcess.Result CleanVerify { get; private set; } = null!;

        internal DmProcess.Result TamperedVerify { get; private set; } = null!;

        internal DmProcess.Result StatusJson { get; private set; } = null!;

        internal DmProcess.Result StatusText { get; private set; } = null!;

        internal DmProcess.Result Latest { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            F = await MigrationFixture.CreateAsync("machine", districts: 1, students: 150, batchSize: 60, extra: "reports:\n  directory: reports");
            await MigrationFixture.ScaffoldAsync(F.Config(), Path.Combine(F.Directory, "scaffold"));
            var run = await DmProcess.RunAsync(F.Directory, "run", "--config", F.ConfigPath);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            RunId = await F.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");

            CleanVerify = await DmProcess.RunAsync(F.Directory, "verify", "--config", F.ConfigPath, "--json", "-");
            CleanVerifyId = await F.Target.ScalarAsync<Guid>("SELECT verify_id FROM ferry.verify");

            LegacyFirstName = await F.Districts[0].ScalarAsync<string>("SELECT \"FirstName\" FROM dbo.\"Student\" WHERE \"StudentId\" = 42");
            await F.Target.ExecuteAsync("UPDATE dbo.student SET first_name = 'Mallory' WHERE legacy_student_id = 42");
            TamperedVerify = await DmProcess.RunAsync(F.Directory, "verify", "--config", F.ConfigPath, "--json", "verify.json");
            TamperedVerifyId = await F.Target.ScalarAsync<Guid>("SELECT verify_id FROM ferry.verify ORDER BY started_at DESC LIMIT 1");

            StatusJson = await DmProcess.RunAsync(F.Directory, "status", "--config", F.ConfigPath, "--json");
            StatusText = await DmProcess.RunAsync(F.Directory, "status", "--config", F.ConfigPath);
            Latest = await DmProcess.RunAsync(F.Directory, "reports", "--config", F.ConfigPath);
        }

        public async Task DisposeAsync() => await F.DisposeAsync();
    }
}
