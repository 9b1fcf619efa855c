using MQTTnet;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// The MQTT 5 PUBACK reason code for each refusal (PacketTooLarge exists only for CONNACK/DISCONNECT;
/// QuotaExceeded is the PUBACK's, for an oversized payload and for back-pressure, told apart by the reason string).
/// </summary>
public static class RefusalCodes
{
    /// <summary>The PUBACK reason code that answers a refused publish.</summary>
    public static MqttPubAckReasonCode ForPubAck(RefusalKind kind) => kind switch
    {
        RefusalKind.TopicInvalid => MqttPubAckReasonCode.TopicNameInvalid,
        RefusalKind.NotAuthorized => MqttPubAckReasonCode.NotAuthorized,
        RefusalKind.UnknownDevice => MqttPubAckReasonCode.NotAuthorized,
        RefusalKind.PayloadTooLarge => MqttPubAckReasonCode.QuotaExceeded,
        RefusalKind.PayloadInvalid => MqttPubAckReasonCode.PayloadFormatInvalid,
        RefusalKind.StoreUnavailable => MqttPubAckReasonCode.UnspecifiedError,
        RefusalKind.Backpressure => MqttPubAckReasonCode.QuotaExceeded,
        _ => MqttPubAckReasonCode.UnspecifiedError,
    };

    /// <summary>The reason code a client receiving the message from an external broker answers with.</summary>
    public static MqttApplicationMessageReceivedReasonCode ForReceiver(RefusalKind kind) => kind switch
    {
        RefusalKind.TopicInvalid => MqttApplicationMessageReceivedReasonCode.TopicNameInvalid,
        RefusalKind.NotAuthorized or RefusalKind.UnknownDevice => MqttApplicationMessageReceivedReasonCode.NotAuthorized,
        RefusalKind.PayloadTooLarge or RefusalKind.Backpressure => MqttApplicationMessageReceivedReasonCode.QuotaExceeded,
        RefusalKind.PayloadInvalid => MqttApplicationMessageReceivedReasonCode.PayloadFormatInvalid,
        _ => MqttApplicationMessageReceivedReasonCode.UnspecifiedError,
    };
}
