using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// The terminals' snapshot messages, handed over by the broker: chunk requests on
/// <c>…/snapshot/get</c> (answered on <c>…/snapshot/chunk</c>) and applied reports on
/// <c>…/snapshot/applied</c> (stored). A device may fetch only its card system's allowlist files
/// and its own events files; anything else is answered with status 2 (bad request) or 1
/// (unknown file) and logged. Never throws for bad input.
/// </summary>
public sealed class SnapshotInbox
{
    private readonly SnapshotOptions _options;
    private readonly DeviceRegistry _devices;
    private readonly SnapshotCatalog _catalog;
    private readonly SnapshotFileStore _files;
    private readonly SnapshotReports _reports;
    private readonly SnapshotEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotInbox> _logger;

    /// <summary>Creates the inbox.</summary>
    public SnapshotInbox(IOptions<SnapshotOptions> options, DeviceRegistry devices, SnapshotCatalog catalog, SnapshotFileStore files, SnapshotReports reports,
        SnapshotEvents events, TimeProvider time, ILogger<SnapshotInbox> logger)
    {
        _options = options.Value;
        _devices = devices;
        _catalog = catalog;
        _files = files;
        _reports = reports;
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while snapshots are enabled (the external broker client then subscribes to the snapshot topics).</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>True for a topic this inbox takes (only while snapshots are enabled): a terminal's chunk request or applied report.</summary>
    public bool Handles(string topic) =>
        _options.Enabled && DistributionTopics.TryParseTerminal(topic, out _, out var suffix)
        && suffix is DistributionTopics.GetSuffix or DistributionTopics.AppliedSuffix;

    /// <summary>True when the broker should keep delivering the message as usual (applied reports are retained); chunk requests are the agent's only.</summary>
    public static bool IsForwarded(string topic) =>
        DistributionTopics.TryParseTerminal(topic, out _, out var suffix) && suffix == DistributionTopics.AppliedSuffix;

    /// <summary>Handles one message; returns the answer to publish, if any.</summary>
    public async Task<SnapshotReply?> HandleAsync(string topic, byte[] payload, CancellationToken ct)
    {
        if (!DistributionTopics.TryParseTerminal(topic, out var deviceId, out var suffix))
        {
            return null;
        }
        try
        {
            return suffix == DistributionTopics.GetSuffix
                ? Answer(deviceId, payload)
                : await ReportAsync(deviceId, payload, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            SnapshotLog.InboxFailed(_logger, deviceId, suffix, exception);
            return suffix == DistributionTopics.GetSuffix ? Refuse(deviceId, "invalid", ChunkStatus.BadRequest, "the agent could not read the file now") : null;
        }
    }

    private SnapshotReply Answer(string deviceId, byte[] payload)
    {
        if (!ChunkRequest.TryParse(payload, out var request, out var error))
        {
            return Refuse(deviceId, "invalid", ChunkStatus.BadRequest, error);
        }
        if (!_devices.TryGet(deviceId, out var device))
        {
            return Refuse(deviceId, request.File, ChunkStatus.BadRequest, "device is not registered");
        }
        var file = _catalog.File(request.File);
        if (file is null)
        {
            return Refuse(deviceId, request.File, ChunkStatus.UnknownFile, "no such file (any more)");
        }
        if (!MayFetch(device, file))
        {
            return Refuse(deviceId, request.File, ChunkStatus.BadRequest, "the file is not this device's (card system " + device.CardSystemId.ToString(CultureInfo.InvariantCulture) + ")");
        }
        if (request.Offset > file.Length)
        {
            return Refuse(deviceId, request.File, ChunkStatus.BadRequest, "offset past the end of the file");
        }
        using var reader = _files.OpenRead(file.File);
        if (reader is null)
        {
            return Refuse(deviceId, request.File, ChunkStatus.UnknownFile, "the file is gone from the disk");
        }
        var data = new byte[(int)Math.Min(request.Count, file.Length - request.Offset)];
        var read = reader.ReadAt(request.Offset, data);
        var answer = ChunkAnswer.Encode(ChunkStatus.Ok, file.File, request.Offset, file.Length, data, 0, read);
        _events.Raise(new ChunkServed(deviceId, file.File, request.Offset, read, ChunkStatus.Ok, null));
        return new SnapshotReply(DistributionTopics.Chunk(deviceId), answer);
    }

    private static bool MayFetch(Device device, SnapshotFileInfo file) => file.Kind switch
    {
        SnapshotKind.Allowlist => device.CardSystemId > 0 && file.Owner == device.CardSystemId.ToString(CultureInfo.InvariantCulture),
        SnapshotKind.Events => file.Owner == device.Id,
        _ => false,
    };

    private SnapshotReply Refuse(string deviceId, string file, int status, string reason)
    {
        SnapshotLog.ChunkRefused(_logger, deviceId, file, status, reason);
        _events.Raise(new ChunkServed(deviceId, file, 0, 0, status, reason));
        var name = SnapshotFileNames.IsValid(file) ? file : "invalid";
        return new SnapshotReply(DistributionTopics.Chunk(deviceId), ChunkAnswer.Encode(status, name, 0, 0, [], 0, 0));
    }

    private async Task<SnapshotReply?> ReportAsync(string deviceId, byte[] payload, CancellationToken ct)
    {
        if (!AppliedReport.TryParse(payload, out var report, out var error))
        {
            SnapshotLog.ReportInvalid(_logger, deviceId, error);
            return null;
        }
        if (!_devices.TryGet(deviceId, out _))
        {
            SnapshotLog.ReportInvalid(_logger, deviceId, "device is not registered");
            return null;
        }
        await _reports.RecordAsync(deviceId, report, _time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        var kind = SnapshotFileNames.KindName(report.Kind) ?? "?";
        if (report.IsRefused)
        {
            SnapshotLog.TerminalRefused(_logger, deviceId, kind, report.RefusedVersion, report.Version, report.Reason);
        }
        else
        {
            SnapshotLog.TerminalApplied(_logger, deviceId, kind, report.Version);
        }
        _events.Raise(new SnapshotReported(deviceId, report.Kind, report.Version, report.IsRefused, report.Reason));
        return null;
    }
}
