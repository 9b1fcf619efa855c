using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// The agent as a client of an external MQTT 5 broker: a persistent session subscribed to every
/// terminal's taps with QoS 1 and manual acknowledgement. Each tap is acknowledged to the
/// broker only after its transaction committed (or it was refused for good); taps are handled
/// concurrently, up to the Receive Maximum, so they share group commits. A tap that could not be
/// stored stays unacknowledged and the broker delivers it again when the session resumes.
/// Refusals cannot reach the terminal here (the broker acknowledged it already): they are
/// logged and acknowledged with the matching reason code. With
/// Agent:Broker:External:SharedSubscriptionGroup, taps, chunk requests and applied reports come
/// through shared subscriptions ($share/{group}/…): each goes to one instance of the group.
/// </summary>
public sealed class ExternalBrokerClient : BackgroundService, IResultPublisher, ISnapshotTransport
{
    private static readonly MqttIdentity Publisher = new("external-broker", null);

    private readonly ExternalBrokerOptions _options;
    private readonly TapIngestor _ingestor;
    private readonly AgentEvents _events;
    private readonly SnapshotInbox _snapshots;
    private readonly ILogger<ExternalBrokerClient> _logger;
    private readonly PresenceTracker _presence;
    private readonly SharedSubscriptionOptions _shared;
    private readonly IMqttClient _client;
    private readonly ExternalBrokerTls _tls;
    private readonly ConfigTwins _config;
    private volatile string? _lastConnectFailure;
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private CancellationToken _stopping;

    /// <summary>Creates the client; it connects when the host starts.</summary>
    public ExternalBrokerClient(IOptions<BrokerOptions> options, TapIngestor ingestor, AgentEvents events, SnapshotInbox snapshots, ILogger<ExternalBrokerClient> logger, PresenceTracker presence,
        IOptions<SharedSubscriptionOptions> shared, ConfigTwins config)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _config = config;
        _shared = shared.Value;
        _presence = presence;
        _snapshots = snapshots;
        _options = options.Value.External;
        _ingestor = ingestor;
        _events = events;
        _logger = logger;
        _tls = ExternalBrokerTls.Create(_options, logger);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>True while the agent's connection to the external broker is up (for /health).</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Why the last connection attempt failed (a refused TLS certificate says why); null after a success.</summary>
    public string? LastConnectFailure => _lastConnectFailure;

    /// <inheritdoc />
    public async Task<bool> PublishAsync(string deviceId, TapResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_client.IsConnected)
        {
            return false;
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Result(deviceId))
            .WithPayload(TapResultCodec.Encode(result))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var published = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return published.IsSuccess;
        }
        catch (Exception exception) when (IsConnectionLoss(exception))
        {
            BrokerLog.PublishFailed(_logger, deviceId, exception);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var published = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return published.IsSuccess;
        }
        catch (Exception exception) when (IsConnectionLoss(exception))
        {
            BrokerLog.TopicPublishFailed(_logger, topic, exception);
            return false;
        }
    }

    /// <summary>
    /// A publish that failed because the connection went: MQTTnet's communication errors, and the
    /// NullReferenceException it can throw when a publish races the clean-up of a lost connection
    /// (the race of dotnet/MQTTnet#1724). Either way the result is not delivered and is sent again.
    /// </summary>
    private bool IsConnectionLoss(Exception exception) =>
        exception is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException
        || (exception is NullReferenceException && !_client.IsConnected);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_handling.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var clientOptions = BuildClientOptions();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    _tls.BeginAttempt();
                    var connected = await _client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                    await _client.SubscribeAsync(_shared.Filter(Topics.AllTaps), MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                    // Presence: every instance follows every terminal's status (not shared); the broker sends the retained ones at once.
                    await _client.SubscribeAsync(PresenceTracker.AllStatuses, MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                    // Config reports likewise (every instance keeps every twin); the retained ones arrive at once.
                    await _client.SubscribeAsync(ConfigTwins.AllReports, MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                    if (_snapshots.IsEnabled)
                    {
                        await _client.SubscribeAsync(_shared.Filter(DistributionTopics.AllChunkRequests), MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                        await _client.SubscribeAsync(_shared.Filter(DistributionTopics.AllAppliedReports), MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken).ConfigureAwait(false);
                    }
                    _lastConnectFailure = null;
                    // The broker may have lost its retained messages (a restart without persistence): publish the documents again.
                    _config.BrokerConnected();
                    BrokerLog.ExternalConnected(_logger, _options.Host, _options.Port, _options.ClientId, connected.IsSessionPresent);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    _lastConnectFailure = _tls.LastRefusal ?? exception.Message;
                    BrokerLog.ExternalConnectFailed(_logger, _options.Host, _options.Port, _lastConnectFailure, _options.ReconnectDelay);
                }
            }
            try
            {
                await Task.Delay(_options.ReconnectDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_options.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum);
        builder = _tls.Apply(builder, _options.UseTls);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            builder = builder.WithCredentials(_options.UserName, _options.Password);
        }
        return builder.Build();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledge later, after the commit; copy what is needed, since the handler returns now.
        e.AutoAcknowledge = false;
        var topic = e.ApplicationMessage.Topic ?? string.Empty;
        var payload = new ReadOnlySequence<byte>(e.ApplicationMessage.Payload.ToArray());
        var handling = PresenceTracker.IsStatusTopic(topic) ? HandleStatusAsync(e, topic, payload)
            : ConfigTwins.IsReportTopic(topic) ? HandleConfigReportAsync(e, topic, payload)
            : _snapshots.Handles(topic) ? HandleSnapshotAsync(e, topic, payload.ToArray()) : HandleAsync(e, topic, payload);
        _handling.TryAdd(handling, 0);
        _ = handling.ContinueWith(done => _handling.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>A terminal's status (the external broker's ACL decides who may publish it): tracked, then acknowledged.</summary>
    private async Task HandleStatusAsync(MqttApplicationMessageReceivedEventArgs e, string topic, ReadOnlySequence<byte> payload)
    {
        try
        {
            await _presence.ObserveAsync(topic, payload, _stopping).ConfigureAwait(false);
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BrokerLog.InterceptionFailed(_logger, Publisher.ClientId, exception);
        }
    }

    /// <summary>A terminal's config report (the external broker's ACL decides who may publish it): stored, then acknowledged.</summary>
    private async Task HandleConfigReportAsync(MqttApplicationMessageReceivedEventArgs e, string topic, ReadOnlySequence<byte> payload)
    {
        try
        {
            await _config.ObserveReportAsync(topic, payload, _stopping).ConfigureAwait(false);
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BrokerLog.InterceptionFailed(_logger, Publisher.ClientId, exception);
        }
    }

    /// <summary>A terminal's chunk request or applied report (the external broker's ACL decides who may publish it): answered, then acknowledged.</summary>
    private async Task HandleSnapshotAsync(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload)
    {
        try
        {
            if (e.ApplicationMessage.Retain && !SnapshotInbox.IsForwarded(topic))
            {
                // A retained chunk request is an old one replayed by the broker: not answered.
                await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }
            var reply = await _snapshots.HandleAsync(topic, payload, _stopping).ConfigureAwait(false);
            if (reply is not null)
            {
                await PublishAsync(reply.Topic, reply.Payload, retain: false, _stopping).ConfigureAwait(false);
            }
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BrokerLog.InterceptionFailed(_logger, Publisher.ClientId, exception);
        }
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs e, string topic, ReadOnlySequence<byte> payload)
    {
        try
        {
            // At the store cap the tap is held unacknowledged until there is room (H3's push-back:
            // the broker keeps it in the session; Receive Maximum throttles what it sends).
            var verdict = await _ingestor.IngestAsync(new InboundPublish(Publisher, topic, payload), _stopping, waitForRoom: true).ConfigureAwait(false);
            if (verdict.Verdict == IngestVerdictKind.Refused)
            {
                if (verdict.Refusal is RefusalKind.StoreUnavailable or RefusalKind.Backpressure)
                {
                    BrokerLog.ExternalNotAcknowledged(_logger, topic);
                    return;
                }
                e.ReasonCode = RefusalCodes.ForReceiver(verdict.Refusal);
                e.ResponseReasonString = verdict.Reason;
            }
            else if (verdict.Republish is { } result)
            {
                var delivered = await PublishAsync(verdict.DeviceId!, result, _stopping).ConfigureAwait(false);
                _events.Raise(new ResultPublished(verdict.DeviceId!, result.BootEpoch, result.Sequence, result.Outcome, result.Reason, delivered));
            }
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BrokerLog.InterceptionFailed(_logger, Publisher.ClientId, exception);
        }
    }
}
