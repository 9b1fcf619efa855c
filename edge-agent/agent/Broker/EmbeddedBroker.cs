using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// The embedded MQTT 5 broker (MQTTnet server). Taps are handled inside the server's publish
/// interception: MQTTnet (5.2, MqttConnectedClient.HandleIncomingPublishPacket) awaits
/// DispatchApplicationMessage, which awaits the InterceptingPublishAsync handlers, and only
/// then builds the PUBACK from the handler's response and queues it. So the PUBACK leaves
/// after the tap's transaction committed, carrying Success, or a refusal reason code and
/// reason string. Each client connection has its own receive loop, so one terminal waiting for
/// its commit does not hold up another; their taps share a group commit.
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IResultPublisher, ISnapshotTransport, IDisposable
{
    private readonly EmbeddedBrokerOptions _options;
    private readonly TapIngestor _ingestor;
    private readonly IAccessPolicy _access;
    private readonly AgentEvents _events;
    private readonly SnapshotInbox _snapshots;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly PresenceTracker _presence;
    private readonly BrokerAuthenticator _authenticator;
    private readonly BrokerOptions _brokerOptions;
    private readonly ConfigTwins _config;

    private const string WithdrawnReason = "credentials revoked or replaced";

    // Session items of the agent's own publishes: InterceptingPublishAsync recognises them by
    // this instance, which no network client can present.
    private readonly IDictionary _agentSessionItems = new ConcurrentDictionary<object, object>();
    private MqttServer? _server;
    private IDisposable? _passwordWatch;
    private readonly ConnectedCredentials _connected = new();

    /// <summary>Creates the broker; <see cref="StartAsync"/> starts listening.</summary>
    public EmbeddedBroker(IOptions<BrokerOptions> options, TapIngestor ingestor, IAccessPolicy access, AgentEvents events, SnapshotInbox snapshots, ILogger<EmbeddedBroker> logger, PresenceTracker presence,
        BrokerAuthenticator authenticator, ConfigTwins config)
    {
        _config = config;
        _authenticator = authenticator;
        _brokerOptions = options.Value;
        _presence = presence;
        _snapshots = snapshots;
        _options = options.Value.Embedded;
        _ingestor = ingestor;
        _access = access;
        _events = events;
        _logger = logger;
    }

    /// <summary>The TCP endpoint the broker listens on, once started (the real port when 0 was configured).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The TLS endpoint, once started with Agent:Broker:Embedded:Tls:Enabled; null otherwise.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>True while the broker is started and accepts connections (for /health).</summary>
    public bool IsListening => _server is { IsStarted: true, AcceptNewConnections: true };

    /// <summary>MQTT clients connected now (for the broker connections gauge).</summary>
    public int ConnectedClients => _server is { IsStarted: true } server ? server.GetClientsAsync().GetAwaiter().GetResult().Count : 0;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .Build();
        var endpoint = serverOptions.DefaultEndpointOptions;
        var isV6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        endpoint.BoundInterNetworkAddress = isV6 ? IPAddress.None : address;
        endpoint.BoundInterNetworkV6Address = isV6 ? address : IPAddress.None;
        var tlsAddress = EmbeddedBrokerTls.Configure(serverOptions, _options);

        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += OnClientConnectedAsync;
        server.InterceptingOutboundPacketAsync += OnOutboundPacketAsync;
        server.InterceptingInboundPacketAsync += OnInboundPacketAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingSubscriptionAsync += OnSubscriptionAsync;
        await server.StartAsync().ConfigureAwait(false);
        _server = server;
        // MQTTnet writes the port it bound back into the endpoint options.
        EndPoint = new IPEndPoint(address, endpoint.Port);
        BrokerLog.EmbeddedStarted(_logger, EndPoint.ToString(), _options.MaxPacketSize);
        if (tlsAddress is not null)
        {
            TlsEndPoint = new IPEndPoint(tlsAddress, serverOptions.TlsEndpointOptions.Port);
            BrokerLog.EmbeddedTlsStarted(_logger, TlsEndPoint.ToString(), _options.Tls.CertificateFile);
        }
        LogAccessMode();
        _passwordWatch = _authenticator.WatchPasswordFile(OnCredentialsWithdrawn);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = _server;
        if (server is null)
        {
            return;
        }
        _passwordWatch?.Dispose();
        server.AcceptNewConnections = false;
        await server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server = null;
        BrokerLog.EmbeddedStopped(_logger);
        server.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _passwordWatch?.Dispose();
        _server?.Dispose();
    }

    /// <inheritdoc />
    public Task<bool> PublishAsync(string deviceId, TapResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return PublishAsync(Topics.Result(deviceId), TapResultCodec.Encode(result), retain: false, deviceId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        PublishAsync(topic, payload, retain, null, cancellationToken);

    /// <summary>Publishes as the agent; <paramref name="resultFor"/> names the device of a result (for the log), null for other messages.</summary>
    private async Task<bool> PublishAsync(string topic, byte[] payload, bool retain, string? resultFor, CancellationToken cancellationToken)
    {
        var server = _server;
        if (server is null || !server.IsStarted)
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
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message)
            {
                SenderClientId = "uitpas-edge-agent",
                CustomSessionItems = _agentSessionItems,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            if (resultFor is null)
            {
                BrokerLog.TopicPublishFailed(_logger, topic, exception);
            }
            else
            {
                BrokerLog.PublishFailed(_logger, resultFor, exception);
            }
            return false;
        }
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ProtocolVersion != MqttProtocolVersion.V500)
        {
            // Refusal reason codes exist only in MQTT 5: an older client would take every refusal for success.
            e.ReasonCode = MqttConnectReasonCode.UnsupportedProtocolVersion;
            BrokerLog.ConnectionRefused(_logger, e.ClientId, e.ProtocolVersion.ToString());
            return Task.CompletedTask;
        }
        var decision = _authenticator.Judge(e.ClientId, e.UserName, e.Password);
        if (!decision.IsAccepted)
        {
            e.ReasonCode = decision.Verdict switch
            {
                ConnectVerdict.BadCredentials => MqttConnectReasonCode.BadUserNameOrPassword,
                ConnectVerdict.ClientIdMismatch => MqttConnectReasonCode.ClientIdentifierNotValid,
                _ => MqttConnectReasonCode.NotAuthorized,
            };
            e.ReasonString = decision.Reason;
            BrokerLog.AuthenticationRefused(_logger, e.ClientId, e.UserName ?? "", e.RemoteEndPoint?.ToString() ?? "", decision.Reason);
        }
        else if (decision.Verdict == ConnectVerdict.Authenticated)
        {
            _connected.Accepted(e.ClientId, decision.CredentialsVersion);
        }
        return Task.CompletedTask;
    }

    /// <summary>A connection accepted on credentials withdrawn while the server was still registering it is closed at once.</summary>
    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        if (_connected.RestsOnWithdrawn(e.ClientId))
        {
            BrokerLog.CredentialsWithdrawn(_logger, e.ClientId);
            _ = DisconnectAsync(e.ClientId, MqttDisconnectReasonCode.NotAuthorized, WithdrawnReason);
        }
        return Task.CompletedTask;
    }

    /// <summary>The publisher or subscriber: authenticated when the broker checks passwords and the client gave a user name (it was verified at CONNECT).</summary>
    private MqttIdentity Identity(string clientId, string? userName) =>
        new(clientId, userName) { IsAuthenticated = _authenticator.RequiresPasswords && !string.IsNullOrEmpty(userName) };

    private void LogAccessMode()
    {
        if (!_authenticator.RequiresPasswords)
        {
            BrokerLog.AnonymousBroker(_logger);
        }
        else if (_authenticator.AllowsAnonymous)
        {
            BrokerLog.AnonymousAlsoAllowed(_logger, _brokerOptions.Authentication.PasswordFile);
        }
        else
        {
            BrokerLog.PasswordsRequired(_logger, _brokerOptions.Authentication.PasswordFile);
        }
    }

    private Task OnOutboundPacketAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket connAck)
        {
            connAck.MaximumPacketSize = (uint)_options.MaxPacketSize;
        }
        return Task.CompletedTask;
    }

    private Task OnInboundPacketAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket publish && PacketSize.LowerBound(publish) > _options.MaxPacketSize)
        {
            e.ProcessPacket = false;
            var reason = $"packet exceeds the maximum packet size of {_options.MaxPacketSize} bytes";
            BrokerLog.PacketTooLarge(_logger, e.ClientId, _options.MaxPacketSize);
            _events.Raise(new TapRefused(e.ClientId, publish.Topic ?? string.Empty, null, null, null, RefusalKind.PayloadTooLarge, reason));
            _ = DisconnectAsync(e.ClientId, MqttDisconnectReasonCode.PacketTooLarge, reason);
        }
        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (ReferenceEquals(e.SessionItems, _agentSessionItems))
        {
            return;
        }
        var message = e.ApplicationMessage;
        if (_snapshots.Handles(message.Topic ?? string.Empty))
        {
            await OnSnapshotPublishAsync(e).ConfigureAwait(false);
            return;
        }
        try
        {
            var verdict = await _ingestor.IngestAsync(
                new InboundPublish(Identity(e.ClientId, e.UserName), message.Topic ?? string.Empty, message.Payload),
                e.CancellationToken).ConfigureAwait(false);
            switch (verdict.Verdict)
            {
                case IngestVerdictKind.Forward when ConfigTwins.IsReportTopic(message.Topic ?? string.Empty):
                    // A config report (applied or refused): stored, then delivered and retained.
                    await _config.ObserveReportAsync(message.Topic!, message.Payload, e.CancellationToken).ConfigureAwait(false);
                    return;
                case IngestVerdictKind.Forward:
                    // A status (birth, change, goodbye, or the last will MQTTnet publishes for a dead connection): tracked, then delivered and retained.
                    await _presence.ObserveAsync(message.Topic ?? string.Empty, message.Payload, e.CancellationToken).ConfigureAwait(false);
                    return;
                case IngestVerdictKind.Refused:
                    e.ProcessPublish = false;
                    e.Response.ReasonCode = RefusalCodes.ForPubAck(verdict.Refusal);
                    e.Response.ReasonString = verdict.Reason;
                    return;
                default:
                    // Committed: acknowledge with Success. The tap is the agent's, not forwarded to any subscriber.
                    e.ProcessPublish = false;
                    e.Response.ReasonCode = MqttPubAckReasonCode.Success;
                    if (verdict.Republish is { } result)
                    {
                        await RepublishAsync(verdict.DeviceId!, result).ConfigureAwait(false);
                    }
                    return;
            }
        }
        catch (Exception exception)
        {
            // Nothing may escape into MQTTnet's receive loop (it would drop the connection);
            // whatever happened, the tap is not acknowledged as stored.
            BrokerLog.InterceptionFailed(_logger, e.ClientId, exception);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            e.Response.ReasonString = "tap could not be handled; send it again later";
        }
    }

    /// <summary>A terminal's chunk request or applied report: checked by the access policy, handed to the snapshot inbox, its answer published.</summary>
    private async Task OnSnapshotPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var access = _access.AuthorizePublish(Identity(e.ClientId, e.UserName), topic);
        if (!access.IsAllowed)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = RefusalCodes.ForPubAck(access.Kind);
            e.Response.ReasonString = access.Reason;
            return;
        }
        try
        {
            e.ProcessPublish = SnapshotInbox.IsForwarded(topic);
            var reply = await _snapshots.HandleAsync(topic, e.ApplicationMessage.Payload.ToArray(), e.CancellationToken).ConfigureAwait(false);
            if (reply is not null)
            {
                await PublishAsync(reply.Topic, reply.Payload, retain: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // As for taps: nothing may escape into MQTTnet's receive loop.
            BrokerLog.InterceptionFailed(_logger, e.ClientId, exception);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
        }
    }

    private async Task RepublishAsync(string deviceId, TapResult result)
    {
        var delivered = await PublishAsync(deviceId, result, CancellationToken.None).ConfigureAwait(false);
        _events.Raise(new ResultPublished(deviceId, result.BootEpoch, result.Sequence, result.Outcome, result.Reason, delivered));
    }

    private Task OnSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var decision = _access.AuthorizeSubscribe(Identity(e.ClientId, e.UserName), e.TopicFilter.Topic);
        if (!decision.IsAllowed)
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            e.Response.ReasonString = decision.Reason;
            BrokerLog.SubscriptionRefused(_logger, e.ClientId, e.TopicFilter.Topic, decision.Reason);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Users revoked or given new credentials while connected: their connections end now
    /// (DISCONNECT NotAuthorized), not at their next CONNECT. An authenticated client's id is its
    /// user name (checked at CONNECT), so the client to drop is found by that name.
    /// </summary>
    private void OnCredentialsWithdrawn(WithdrawnCredentials withdrawn)
    {
        var users = _connected.Withdraw(withdrawn);
        if (users.Count > 0)
        {
            _ = CloseAsync(users);
        }
    }

    private async Task CloseAsync(IReadOnlyList<string> users)
    {
        var server = _server;
        if (server is null || !server.IsStarted)
        {
            return;
        }
        var connected = (await server.GetClientsAsync().ConfigureAwait(false)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var user in users.Where(connected.Contains))
        {
            BrokerLog.CredentialsWithdrawn(_logger, user);
            await DisconnectAsync(user, MqttDisconnectReasonCode.NotAuthorized, WithdrawnReason).ConfigureAwait(false);
        }
    }

    private async Task DisconnectAsync(string clientId, MqttDisconnectReasonCode reasonCode, string reason)
    {
        var server = _server;
        if (server is null)
        {
            return;
        }
        try
        {
            await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = reasonCode, ReasonString = reason }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            BrokerLog.DisconnectFailed(_logger, clientId, exception);
        }
    }
}
