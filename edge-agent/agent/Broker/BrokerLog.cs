using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {EndPoint} (maximum packet size {MaxPacketSize} bytes)")]
    public static partial void EmbeddedStarted(ILogger logger, string endPoint, int maxPacketSize);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
    public static partial void EmbeddedStopped(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Refused connection of client {ClientId}: protocol {ProtocolVersion}, MQTT 5 required")]
    public static partial void ConnectionRefused(ILogger logger, string clientId, string protocolVersion);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Client {ClientId} sent a packet over the maximum packet size of {MaxPacketSize} bytes; disconnecting it")]
    public static partial void PacketTooLarge(ILogger logger, string clientId, int maxPacketSize);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Refused subscription of client {ClientId} to {TopicFilter}: {Reason}")]
    public static partial void SubscriptionRefused(ILogger logger, string clientId, string topicFilter, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Handling a publish of client {ClientId} failed; answered UnspecifiedError")]
    public static partial void InterceptionFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Result for device {DeviceId} could not be handed to the broker")]
    public static partial void PublishFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Publish on {Topic} could not be handed to the broker")]
    public static partial void TopicPublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Disconnecting client {ClientId} failed")]
    public static partial void DisconnectFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Connected to the external MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
    public static partial void ExternalConnected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Connecting to the external MQTT broker {Host}:{Port} failed ({Reason}); retrying in {Delay}")]
    public static partial void ExternalConnectFailed(ILogger logger, string host, int port, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "TLS: the certificate of the external MQTT broker {Host} is refused: {Reason}")]
    public static partial void ExternalCertificateRefused(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Tap from the external broker on {Topic} could not be stored; left unacknowledged for redelivery")]
    public static partial void ExternalNotAcknowledged(ILogger logger, string topic);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Refused connection of client {ClientId} (user '{UserName}', from {Remote}): {Reason}")]
    public static partial void AuthenticationRefused(ILogger logger, string clientId, string userName, string remote, string reason);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Embedded MQTT broker lets every client in without credentials: for development on this machine only. Set Agent:Broker:Authentication:PasswordFile for terminals")]
    public static partial void AnonymousBroker(ILogger logger);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Embedded MQTT broker checks passwords from {PasswordFile} but also lets clients in without credentials (AllowAnonymous=true)")]
    public static partial void AnonymousAlsoAllowed(ILogger logger, string passwordFile);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Information, Message = "Embedded MQTT broker requires credentials from {PasswordFile} (user name = client id = device id)")]
    public static partial void PasswordsRequired(ILogger logger, string passwordFile);

    [LoggerMessage(EventId = 5024, Level = LogLevel.Information, Message = "Embedded MQTT broker listening for TLS on {EndPoint} (certificate {CertificateFile})")]
    public static partial void EmbeddedTlsStarted(ILogger logger, string endPoint, string certificateFile);

    [LoggerMessage(EventId = 5025, Level = LogLevel.Warning, Message = "Credentials of {UserName} were revoked or replaced: its connection, if any, is closed (NotAuthorized)")]
    public static partial void CredentialsWithdrawn(ILogger logger, string userName);
}
