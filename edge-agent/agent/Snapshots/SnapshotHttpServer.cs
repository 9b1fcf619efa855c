using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// The agent's small HTTP listener: <c>GET /snapshots/{file}</c> serves a snapshot file, with
/// Range support (<c>Range: bytes=N-</c> → 206) so an interrupted download resumes. Only files
/// the catalog lists are served; anything else is 404. Kestrel on its own port, bound to
/// 127.0.0.1 by default; not started when snapshots or their HTTP are disabled.
/// </summary>
public sealed class SnapshotHttpServer : IHostedService, IAsyncDisposable
{
    /// <summary>The path prefix of downloads.</summary>
    public const string PathPrefix = "/snapshots/";

    private readonly SnapshotOptions _options;
    private readonly SnapshotCatalog _catalog;
    private readonly SnapshotFileStore _files;
    private readonly ILogger<SnapshotHttpServer> _logger;
    private WebApplication? _app;

    /// <summary>Creates the server; <see cref="StartAsync"/> listens.</summary>
    public SnapshotHttpServer(IOptions<SnapshotOptions> options, SnapshotCatalog catalog, SnapshotFileStore files, ILogger<SnapshotHttpServer> logger)
    {
        _options = options.Value;
        _catalog = catalog;
        _files = files;
        _logger = logger;
    }

    /// <summary>Where downloads are served (the real port), once started; null when not serving.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The base URL manifests carry (PublicUrl, or the bound endpoint); null when not serving.</summary>
    public string? BaseUrl { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || !_options.Http.Enabled)
        {
            return;
        }
        var address = IPAddress.Parse(_options.Http.BindAddress);
        var app = SideListener.CreateBuilder(typeof(SnapshotHttpServer), address, _options.Http.Port).Build();
        app.UseRouting();
        app.MapGet(PathPrefix + "{file}", (string file) => Serve(file));
        app.MapFallback(() => Results.NotFound());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        EndPoint = SideListener.BoundEndPoint(app, address);
        BaseUrl = _options.Http.PublicUrl.Length > 0
            ? _options.Http.PublicUrl
            : string.Create(CultureInfo.InvariantCulture, $"http://{FormatHost(address)}:{EndPoint.Port}{PathPrefix}");
        SnapshotLog.HttpStarted(_logger, EndPoint.ToString(), BaseUrl);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            await SideListener.StopAsync(app, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private IResult Serve(string file)
    {
        if (!SnapshotFileNames.IsValid(file) || _catalog.File(file) is null)
        {
            return Results.NotFound();
        }
        var path = _files.PathOf(file);
        return File.Exists(path)
            ? Results.File(path, "application/octet-stream", enableRangeProcessing: true)
            : Results.NotFound();
    }

    private static string FormatHost(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "127.0.0.1";
        }
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
    }
}
