using System.Text;
using MQTTnet.Packets;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>Size of a received PUBLISH on the wire, for the maximum packet size.</summary>
internal static class PacketSize
{
    /// <summary>
    /// A lower bound of the packet's encoded size: fixed header, topic, packet id, payload and the
    /// properties that carry data. If it exceeds the limit, the packet surely did.
    /// </summary>
    public static long LowerBound(MqttPublishPacket packet)
    {
        long size = 2 + 2 + Encoding.UTF8.GetByteCount(packet.Topic ?? string.Empty) + 1 + packet.Payload.Length;
        if (packet.QualityOfServiceLevel != MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce)
        {
            size += 2;
        }
        size += Utf8(packet.ContentType) + Utf8(packet.ResponseTopic) + (packet.CorrelationData?.Length ?? 0);
        foreach (var property in packet.UserProperties ?? [])
        {
            size += 5 + Utf8(property.Name) + property.ValueBuffer.Length;
        }
        return size;
    }

    private static long Utf8(string? text) => text is null ? 0 : 3 + Encoding.UTF8.GetByteCount(text);
}
