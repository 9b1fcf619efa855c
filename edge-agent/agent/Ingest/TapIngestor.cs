using System.Buffers;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Observability;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>
/// Turns a published message into a verdict, independent of the broker: checks the topic and
/// the publisher's rights, the device, the payload's size (before reading it) and format, then
/// commits the tap. It returns only after the tap is durable (or refused), so the caller
/// acknowledges nothing that a power cut could lose. Never throws for bad input or a failing
/// store: both are refusals.
/// </summary>
public sealed class TapIngestor
{
    /// <summary>The PUBACK reason string of a tap refused at the store cap.</summary>
    public const string BackpressureReason = "agent busy, keep the tap and retry later";

    private const int MaxLoggedTopic = 96;

    private readonly IAccessPolicy _access;
    private readonly DeviceRegistry _devices;
    private readonly TapStore _store;
    private readonly RelayStore _relayStore;
    private readonly TapBacklog _backlog;
    private readonly RelaySignal _relay;
    private readonly AgentEvents _events;
    private readonly ILogger<TapIngestor> _logger;

    /// <summary>Creates the ingestor.</summary>
    public TapIngestor(IAccessPolicy access, DeviceRegistry devices, TapStore store, RelayStore relayStore, TapBacklog backlog, RelaySignal relay,
        AgentEvents events, ILogger<TapIngestor> logger)
    {
        _access = access;
        _devices = devices;
        _store = store;
        _relayStore = relayStore;
        _backlog = backlog;
        _relay = relay;
        _events = events;
        _logger = logger;
    }

    /// <summary>
    /// Judges and, for a good tap, durably stores one publish. At the store cap a new tap is
    /// refused (<see cref="RefusalKind.Backpressure"/>), or, with <paramref name="waitForRoom"/>
    /// (a client that cannot refuse, e.g. of an external broker), held until there is room; a tap
    /// already stored is answered as a duplicate either way.
    /// </summary>
    public async Task<IngestVerdict> IngestAsync(InboundPublish publish, CancellationToken cancellationToken, bool waitForRoom = false)
    {
        using var span = AgentTelemetry.StartIngest(publish.Publisher.ClientId);
        var access = _access.AuthorizePublish(publish.Publisher, publish.Topic);
        if (!access.IsAllowed)
        {
            return Refuse(publish, null, null, access.Kind, access.Reason);
        }
        if (!Topics.TryParseTerminalTopic(publish.Topic, out var deviceId, out var suffix))
        {
            return Refuse(publish, null, null, RefusalKind.TopicInvalid, "topic is not uitpas/v1/t/{deviceId}/…");
        }
        if (!_devices.TryGet(deviceId, out var device))
        {
            return Refuse(publish, null, null, RefusalKind.UnknownDevice, "device is not registered");
        }
        if (device.Retired)
        {
            // Retired: served no more (its taps, if any, stay unacknowledged in its own journal).
            return Refuse(publish, device.Id, null, RefusalKind.UnknownDevice, "device is retired");
        }
        if (suffix != Topics.TapSuffix)
        {
            return IngestVerdict.Forward;
        }
        if (publish.Payload.Length > TapEventCodec.MaxLength)
        {
            return Refuse(publish, device.Id, null, RefusalKind.PayloadTooLarge,
                $"payload of {publish.Payload.Length} bytes exceeds the {TapEventCodec.MaxLength}-byte tap limit");
        }
        if (!TapEventCodec.TryDecode(publish.Payload.ToArray(), out var tap, out var error))
        {
            return Refuse(publish, device.Id, null, RefusalKind.PayloadInvalid, error);
        }
        try
        {
            return await CommitAsync(publish, device, tap, waitForRoom, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or OperationCanceledException or IOException)
        {
            IngestLog.StoreFailed(_logger, device.Id, tap.BootEpoch, tap.Sequence, exception);
            return Refuse(publish, device.Id, tap, RefusalKind.StoreUnavailable, "tap could not be stored; send it again later");
        }
    }

    private async Task<IngestVerdict> CommitAsync(InboundPublish publish, Device device, TapEvent tap, bool waitForRoom, CancellationToken cancellationToken)
    {
        while (!_backlog.TryReserve())
        {
            // At the cap: a tap already stored is still answered, a new one is not stored now.
            if (_relayStore.FindTap(device.Id, tap.BootEpoch, tap.Sequence) is { } known)
            {
                return Duplicate(device, tap, known, ChipUid.AreEqual(known.ChipUid, tap.ChipUid));
            }
            if (!waitForRoom)
            {
                BacklogLog.Refused(_logger, device.Id, tap.BootEpoch, tap.Sequence);
                _events.Raise(new TapRefused(publish.Publisher.ClientId, publish.Topic, device.Id, tap.BootEpoch, tap.Sequence,
                    RefusalKind.Backpressure, BackpressureReason));
                return IngestVerdict.Refused(RefusalKind.Backpressure, BackpressureReason);
            }
            await _backlog.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        }

        TapCommit commit;
        try
        {
            commit = await _store.CommitAsync(device.Id, tap, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _backlog.Release();
            throw;
        }

        if (commit.Kind == TapCommitKind.Inserted)
        {
            _backlog.Committed();
            IngestLog.Committed(_logger, device.Id, tap.BootEpoch, tap.Sequence, CardTail.Of(tap.ChipUid), tap.IsReplay);
            _events.Raise(new TapCommitted(device.Id, tap.BootEpoch, tap.Sequence, commit.Tap.Id, tap.IsReplay));
            _relay.Notify(device.Id);
            return IngestVerdict.Accepted(device.Id);
        }
        _backlog.Release();
        return Duplicate(device, tap, commit.Tap, commit.SameCard);
    }

    private IngestVerdict Duplicate(Device device, TapEvent tap, StoredTap stored, bool sameCard)
    {
        if (!sameCard)
        {
            IngestLog.ConflictingDuplicate(_logger, device.Id, tap.BootEpoch, tap.Sequence, CardTail.Of(stored.ChipUid), CardTail.Of(tap.ChipUid));
        }
        var republish = stored.KnownResult;
        IngestLog.Duplicate(_logger, device.Id, tap.BootEpoch, tap.Sequence, republish?.Outcome.ToString() ?? "none yet");
        _events.Raise(new TapDuplicate(device.Id, tap.BootEpoch, tap.Sequence, stored.Id, republish is not null));
        return IngestVerdict.Duplicate(device.Id, republish);
    }

    private IngestVerdict Refuse(InboundPublish publish, string? deviceId, TapEvent? tap, RefusalKind kind, string reason)
    {
        var topic = publish.Topic.Length <= MaxLoggedTopic ? publish.Topic : publish.Topic[..MaxLoggedTopic] + "…";
        IngestLog.Refused(_logger, publish.Publisher.ClientId, topic, kind, reason);
        _events.Raise(new TapRefused(publish.Publisher.ClientId, publish.Topic, deviceId, tap?.BootEpoch, tap?.Sequence, kind, reason));
        return IngestVerdict.Refused(kind, reason);
    }
}
