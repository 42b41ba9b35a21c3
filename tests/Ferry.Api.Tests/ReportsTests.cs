using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;

namespace Ferry.Api.Tests;

public sealed class ReportsTests : IClassFixture<ApiDatabase>
{
    private static readonly string Auditor = ApiHost.Token(ApiRoles.Auditor);

    private readonly ApiDatabase _database;

    public ReportsTests(ApiDatabase database) => _database = database;

    private static string BlobConnection =>
        Environment.GetEnvironmentVariable("FERRY_BLOB_CONNECTION") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("FERRY_BLOB_CONNECTION is not set: the reports tests need Azurite (see scripts/azurite.sh)");

    [Fact]
    public async Task Reports_are_listed_with_read_only_links_that_download()
    {
        var container = "api-reports-" + Guid.NewGuid().ToString("N")[..12];
        var run = Guid.NewGuid();
        var blobs = new BlobContainerClient(BlobConnection, container);
        await blobs.CreateIfNotExistsAsync();
        await blobs.UploadBlobAsync($"runs/{run:D}/summary.html", BinaryData.FromString("<h1>parity</h1>"));
        await blobs.UploadBlobAsync($"runs/{Guid.NewGuid():D}/summary.html", BinaryData.FromString("another run"));
        try
        {
            var config = MigrationFile.Write(_database.ConnectionString, $"reports: {{ connection: \"{BlobConnection}\", container: \"{container}\" }}");
            await using var host = await ApiHost.StartAsync(configFile: config);
            host.Client.HasNo(run.ToString("D"));

            var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{run}/reports?hours=2", Auditor);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var file = Assert.Single(body.RootElement.GetProperty("files").EnumerateArray());
            Assert.Equal($"runs/{run:D}/summary.html", file.GetProperty("path").GetString());
            var link = new Uri(file.GetProperty("link").GetString()!);
            Assert.Contains("sp=r", link.Query);
            Assert.InRange(file.GetProperty("linkExpiresOn").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(110), DateTimeOffset.UtcNow.AddMinutes(121));

            using var anonymous = new HttpClient();
            Assert.Equal("<h1>parity</h1>", await anonymous.GetStringAsync(link));
            var unsigned = await anonymous.GetAsync(link.GetLeftPart(UriPartial.Path));
            Assert.False(unsigned.IsSuccessStatusCode);
            using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new StringContent("tampered") };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            var write = await anonymous.SendAsync(put);
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }
        finally
        {
            await blobs.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Reports_without_reports_configured_are_404_saying_so()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var run = Guid.NewGuid().ToString("D");
        host.Client.HasNo(run);
        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{run}/reports", Auditor);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("reports are not configured", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("169")]
    [InlineData("soon")]
    public async Task Link_lifetime_out_of_range_is_400_naming_hours(string hours)
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{Guid.NewGuid()}/reports?hours={hours}", Auditor);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"hours\"", await response.Content.ReadAsStringAsync());
    }
}
