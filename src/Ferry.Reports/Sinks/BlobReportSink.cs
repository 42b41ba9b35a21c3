using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Ferry.Reports.Sinks;

/// <summary>
/// Report files in an Azure Blob Storage container. Two ways in: a connection string (the Azurite emulator and
/// development; the container is created on first use), or an account URL with an Entra ID credential (Azure; no
/// key anywhere; the container must exist, since creating storage is the infrastructure's job). Links are read-only
/// SAS scoped to one blob: signed with the account key when the client holds it (Azurite), otherwise with a
/// user-delegation key obtained through the signed-in identity, which Azure caps at seven days.
/// </summary>
public sealed class BlobReportSink : IReportSink
{
    private static readonly TimeSpan MaxUserDelegation = TimeSpan.FromDays(7);

    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _container;
    private readonly bool _createContainer;

    private BlobReportSink(BlobServiceClient service, string container, bool createContainer)
    {
        _service = service;
        _container = service.GetBlobContainerClient(container);
        _createContainer = createContainer;
    }

    public string Location => $"container {_container.Name} at {_service.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}";

    public static BlobReportSink FromConnectionString(string connectionString, string container)
    {
        try
        {
            return new BlobReportSink(new BlobServiceClient(connectionString, Options()), container, createContainer: true);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ReportStorageException("reports.connection is not a valid storage connection string", e);
        }
    }

    public static BlobReportSink FromAccountUrl(string accountUrl, string container, TokenCredential? credential = null)
    {
        if (!Uri.TryCreate(accountUrl, UriKind.Absolute, out var uri))
        {
            throw new ReportStorageException($"reports.accountUrl '{accountUrl}' is not an absolute URL");
        }

        return new BlobReportSink(new BlobServiceClient(uri, credential ?? new DefaultAzureCredential(), Options()), container, createContainer: false);
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await GuardAsync(async () =>
        {
            if (_createContainer)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            else if (!(await _container.ExistsAsync(cancellationToken)).Value)
            {
                throw new ReportStorageException($"{Location}: the container does not exist; create it or fix reports.container");
            }
        });
    }

    public async Task WriteAsync(string path, string contentType, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // Written to a temporary file first: the upload then knows its length, and a failure while producing the
        // content never leaves a partial blob behind.
        var temporary = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(file, cancellationToken);
            }

            await GuardAsync(async () =>
            {
                await using var upload = File.OpenRead(temporary);
                await _container.GetBlobClient(path).UploadAsync(
                    upload,
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
                    cancellationToken);
            });
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<IReadOnlyList<ReportFile>> ListAsync(string prefix, TimeSpan linkLifetime, CancellationToken cancellationToken)
    {
        var expires = DateTimeOffset.UtcNow + linkLifetime;
        var files = new List<ReportFile>();
        if (!await GuardAsync(async () => (await _container.ExistsAsync(cancellationToken)).Value))
        {
            return files;
        }

        await GuardAsync(async () =>
        {
            UserDelegationKey? delegation = null;
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                var blob = _container.GetBlobClient(item.Name);
                Uri link;
                if (blob.CanGenerateSasUri)
                {
                    link = blob.GenerateSasUri(BlobSasPermissions.Read, expires);
                }
                else
                {
                    if (linkLifetime > MaxUserDelegation)
                    {
                        throw new ReportStorageException($"links signed through Entra ID last at most {MaxUserDelegation.TotalDays:0} days; ask for less");
                    }

                    delegation ??= (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), expires, cancellationToken)).Value;
                    var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
                    {
                        BlobContainerName = _container.Name,
                        BlobName = item.Name,
                        Resource = "b",
                        StartsOn = DateTimeOffset.UtcNow.AddMinutes(-5),
                        Protocol = SasProtocol.Https,
                    };
                    link = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(delegation, _service.AccountName) }.ToUri();
                }

                files.Add(new ReportFile(item.Name, item.Properties.ContentLength ?? 0, item.Properties.LastModified, link.ToString(), expires));
            }
        });
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private async Task GuardAsync(Func<Task> action) => await GuardAsync(async () =>
    {
        await action();
        return true;
    });

    private async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException e)
        {
            var code = string.IsNullOrEmpty(e.ErrorCode) ? $"HTTP {e.Status}" : $"{e.ErrorCode} (HTTP {e.Status})";
            throw new ReportStorageException($"{Location}: {code}: {FirstLine(e.Message)}", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new ReportStorageException($"{Location}: signing in to Azure failed: {FirstLine(e.Message)}", e);
        }
        catch (Exception e) when (e is AggregateException or HttpRequestException or SocketException or IOException or TimeoutException)
        {
            throw new ReportStorageException($"{Location}: unreachable: {Innermost(e)}", e);
        }
    }

    private static BlobClientOptions Options()
    {
        var options = new BlobClientOptions();
        // Fail within seconds when storage is down: the caller reports it and the reports can be written later.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e.InnerException;
        }

        return FirstLine(e.Message);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
