using System.Buffers.Binary;
using System.Text;

namespace Uitpas.Edge.Bench.Ingest.Mqtt;

/// <summary>
/// The few MQTT 5 packets a load terminal needs (CONNECT, PUBLISH QoS 0/1, PUBACK, SUBSCRIBE,
/// PINGREQ, DISCONNECT), encoded by hand: no per-packet objects, so one process can drive
/// 1,000 connections without the load generator becoming the bottleneck.
/// </summary>
public static class MqttWire
{
    public const byte Connect = 1;
    public const byte ConnAck = 2;
    public const byte Publish = 3;
    public const byte PubAck = 4;
    public const byte Subscribe = 8;
    public const byte SubAck = 9;
    public const byte PingReq = 12;
    public const byte PingResp = 13;
    public const byte Disconnect = 14;

    /// <summary>CONNECT, MQTT 5, clean start, no properties except Receive Maximum.</summary>
    public static byte[] EncodeConnect(string clientId, ushort keepAliveSeconds, ushort receiveMaximum)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        // variable header: "MQTT" (6) + level (1) + flags (1) + keep alive (2) + properties (1 + 3)
        var body = new byte[6 + 1 + 1 + 2 + 4 + 2 + id.Length];
        var p = 0;
        p = WriteString(body, p, "MQTT"u8);
        body[p++] = 5;
        body[p++] = 0x02; // clean start
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(p), keepAliveSeconds);
        p += 2;
        body[p++] = 3; // properties length
        body[p++] = 0x21; // Receive Maximum
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(p), receiveMaximum);
        p += 2;
        WriteString(body, p, id);
        return Frame(Connect << 4, body);
    }

    /// <summary>PUBLISH at QoS 1 (or 0 when <paramref name="packetId"/> is 0), no properties.</summary>
    public static byte[] EncodePublish(ReadOnlySpan<byte> topic, ushort packetId, ReadOnlySpan<byte> payload)
    {
        var qos1 = packetId != 0;
        var length = 2 + topic.Length + (qos1 ? 2 : 0) + 1 + payload.Length;
        var packet = new byte[1 + VarIntLength(length) + length];
        packet[0] = (byte)((Publish << 4) | (qos1 ? 0x02 : 0));
        var p = WriteVarInt(packet, 1, length);
        p = WriteString(packet, p, topic);
        if (qos1)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(p), packetId);
            p += 2;
        }
        packet[p++] = 0; // properties
        payload.CopyTo(packet.AsSpan(p));
        return packet;
    }

    /// <summary>PUBACK Success, the short form (remaining length 2).</summary>
    public static void WritePubAck(Span<byte> destination, ushort packetId)
    {
        destination[0] = PubAck << 4;
        destination[1] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], packetId);
    }

    /// <summary>SUBSCRIBE to one filter at QoS 1.</summary>
    public static byte[] EncodeSubscribe(ushort packetId, string filter)
    {
        var f = Encoding.UTF8.GetBytes(filter);
        var body = new byte[2 + 1 + 2 + f.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(body, packetId);
        body[2] = 0; // properties
        var p = WriteString(body, 3, f);
        body[p] = 0x01; // QoS 1
        return Frame((Subscribe << 4) | 0x02, body);
    }

    public static readonly byte[] PingReqPacket = [PingReq << 4, 0];
    public static readonly byte[] DisconnectPacket = [Disconnect << 4, 0];

    /// <summary>
    /// Reads one packet's fixed header from <paramref name="buffer"/>: false when more bytes are
    /// needed. <paramref name="headerLength"/> + <paramref name="remaining"/> is the packet's size.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out int headerLength, out int remaining)
    {
        headerLength = 0;
        remaining = 0;
        var multiplier = 1;
        for (var i = 1; i < 5; i++)
        {
            if (i >= buffer.Length)
            {
                return false;
            }
            var b = buffer[i];
            remaining += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                headerLength = i + 1;
                return buffer.Length >= headerLength + remaining;
            }
            multiplier *= 128;
        }
        throw new InvalidDataException("malformed remaining length");
    }

    /// <summary>Splits a PUBLISH body into topic, packet id (0 at QoS 0) and payload.</summary>
    public static void ParsePublish(byte flags, ReadOnlySpan<byte> body, out ReadOnlySpan<byte> topic, out ushort packetId, out ReadOnlySpan<byte> payload)
    {
        var topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        topic = body.Slice(2, topicLength);
        var p = 2 + topicLength;
        packetId = 0;
        if ((flags & 0x06) != 0)
        {
            packetId = BinaryPrimitives.ReadUInt16BigEndian(body[p..]);
            p += 2;
        }
        var propertiesLength = ReadVarInt(body[p..], out var used);
        p += used + propertiesLength;
        payload = body[p..];
    }

    /// <summary>A PUBACK's packet id and reason code (0 = Success when absent).</summary>
    public static void ParsePubAck(ReadOnlySpan<byte> body, out ushort packetId, out byte reason)
    {
        packetId = BinaryPrimitives.ReadUInt16BigEndian(body);
        reason = body.Length > 2 ? body[2] : (byte)0;
    }

    /// <summary>The Receive Maximum a CONNACK body announces (65535 when absent).</summary>
    public static ushort ConnAckReceiveMaximum(ReadOnlySpan<byte> body)
    {
        var length = ReadVarInt(body[2..], out var used);
        var properties = body.Slice(2 + used, length);
        var p = 0;
        while (p < properties.Length)
        {
            var id = properties[p++];
            switch (id)
            {
                case 0x21:
                    return BinaryPrimitives.ReadUInt16BigEndian(properties[p..]);
                case 0x24 or 0x25 or 0x28 or 0x29 or 0x2A:
                    p += 1;
                    break;
                case 0x13 or 0x22:
                    p += 2;
                    break;
                case 0x11 or 0x27:
                    p += 4;
                    break;
                case 0x12 or 0x1F or 0x1A or 0x1C or 0x15 or 0x16:
                    p += 2 + BinaryPrimitives.ReadUInt16BigEndian(properties[p..]);
                    break;
                case 0x26:
                    p += 2 + BinaryPrimitives.ReadUInt16BigEndian(properties[p..]);
                    p += 2 + BinaryPrimitives.ReadUInt16BigEndian(properties[p..]);
                    break;
                default:
                    throw new InvalidDataException($"unknown CONNACK property 0x{id:X2}");
            }
        }
        return ushort.MaxValue;
    }

    private static int ReadVarInt(ReadOnlySpan<byte> span, out int used)
    {
        var value = 0;
        var multiplier = 1;
        for (used = 1; used <= 4; used++)
        {
            var b = span[used - 1];
            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                return value;
            }
            multiplier *= 128;
        }
        throw new InvalidDataException("malformed variable byte integer");
    }

    private static byte[] Frame(int firstByte, byte[] body)
    {
        var packet = new byte[1 + VarIntLength(body.Length) + body.Length];
        packet[0] = (byte)firstByte;
        var p = WriteVarInt(packet, 1, body.Length);
        body.CopyTo(packet, p);
        return packet;
    }

    private static int WriteString(byte[] destination, int offset, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination.AsSpan(offset), (ushort)value.Length);
        value.CopyTo(destination.AsSpan(offset + 2));
        return offset + 2 + value.Length;
    }

    private static int VarIntLength(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    private static int WriteVarInt(byte[] destination, int offset, int value)
    {
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            destination[offset++] = value > 0 ? (byte)(b | 0x80) : b;
        }
        while (value > 0);
        return offset;
    }
}
